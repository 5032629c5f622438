package org.bridge.experiment;

import java.util.List;
import java.util.Locale;

import org.bridge.data.FaceRecord;
import org.bridge.eval.Similarity;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;

/**
 * The teacher's cosine similarity of one pair, to set next to the student's: computed on demand
 * from {@link CachedTeacherFeatures} (the cached feature when the image was seen before, else the
 * teacher network runs on the high-resolution face). When the run has no teacher, or the weights
 * are not fetched, or the network fails, the answer says so instead of giving a number.
 */
public final class TeacherPairScores implements AutoCloseable {

    /** A teacher cosine, or why there is none. */
    public record Score(double cosine, String unavailable) {

        public static Score of(double cosine) {
            return new Score(cosine, null);
        }

        public static Score unavailable(String reason) {
            return new Score(Double.NaN, reason);
        }

        public boolean isAvailable() {
            return unavailable == null;
        }

        /** The number to 4 decimals, or the reason. */
        public String text() {
            return isAvailable() ? String.format(Locale.ROOT, "%.4f", cosine) : unavailable;
        }
    }

    private final TeacherWeights weights;
    private CachedTeacherFeatures features;

    public TeacherPairScores(TeacherWeights weights) {
        this.weights = weights;
    }

    /** Runs the teacher when needed: call off the JavaFX thread. */
    public synchronized Score score(TeacherId teacher, FaceRecord a, FaceRecord b) {
        if (teacher.isNone()) {
            return Score.unavailable("n/a (teacher O)");
        }
        for (PinnedPackage p : packagesOf(teacher)) {
            if (!weights.isComplete(p)) {
                return Score.unavailable("unavailable: teacher " + teacher + " weights (" + p.spec()
                        + ") are not in " + weights.weightsDir() + "; run `" + org.bridge.config.BuildInfo.COMMAND + " teachers fetch`");
            }
        }
        try {
            if (features == null) {
                features = new CachedTeacherFeatures(weights);
            }
            float[][] f = features.features(teacher, List.of(a, b), (done, total) -> { });
            return Score.of(Similarity.cosine(f[0], f[1]));
        } catch (RuntimeException e) {
            return Score.unavailable("unavailable: teacher " + teacher + " failed: " + e.getMessage());
        }
    }

    static List<PinnedPackage> packagesOf(TeacherId teacher) {
        return switch (teacher) {
            case O -> List.of();
            case V -> List.of(PinnedPackage.HUMAN);
            case C -> List.of(PinnedPackage.FACE_API);
            case E -> List.of(PinnedPackage.HUMAN, PinnedPackage.FACE_API);
        };
    }

    @Override
    public synchronized void close() {
        if (features != null) {
            features.close();
            features = null;
        }
    }
}
