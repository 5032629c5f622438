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
     * Makes sure the teacher's weights are there before any work that needs them, fetching them
     * now when they are missing ({@link org.bridge.teacher.TeacherWeights#require}).
     */
    default void requireWeights(TeacherId teacher, FetchProgress progress) {
    }

    /** What identifies the teacher's output (model file hash, preprocessing), for provenance. */
    String fingerprint(TeacherId teacher);
}
