package org.bridge.experiment;

import java.util.List;

import org.bridge.data.FaceRecord;
import org.bridge.teacher.FetchProgress;
import org.bridge.teacher.TeacherId;

/**
 * High-resolution teacher features f_t of face images (V, C or E; never O), computed once and
 * cached on disk by the implementation.
 */
public interface TeacherFeatureProvider {

    /** Called as images are done. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }

    /** f_t of each image, in order. */
    float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress);

    /**
     * The features of each of the networks {@code networks} (V and/or C) for each image,
     * {@code [network][image]}; {@code progress} hears the images done of all networks. This
     * default asks for each network in turn; a provider that can do them in one pass overrides it.
     */
    default float[][][] networkFeatures(List<TeacherId> networks, List<FaceRecord> images, Progress progress) {
        int n = images.size();
        int k = networks.size();
        float[][][] out = new float[k][][];
        for (int i = 0; i < k; i++) {
            int before = i;
            out[i] = features(networks.get(i), images, (d, t) -> progress.update((int) (((long) before * n + d) / k), n));
        }
        return out;
    }

    /**
     * Makes sure the teacher's weights are there before any work that needs them, fetching them
     * now when they are missing ({@link org.bridge.teacher.TeacherWeights#require}).
     */
    default void requireWeights(TeacherId teacher, FetchProgress progress) {
    }

    /** What identifies the teacher's output (model file hash, preprocessing), for provenance. */
    String fingerprint(TeacherId teacher);
}
