package org.bridge.distill;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Step 1 of bridge distillation end to end, as the experiment runner needs it: on the frozen
 * teacher features of ALL public training images, (1) re-train the teacher softmax S^_t on the
 * public identities (skipped when lambda = 0, which needs no soft targets), (2) train the
 * adaptation module M_a with C + lambda D, (3) hand back F_a, whose output f_a supervises the
 * student (supervisions s and sc).
 *
 * <p>To measure how good the adaptation is (Fig. 3) use {@link AdaptationComparison}, which holds
 * out test images; this class uses every image it is given.
 */
public final class CrossDatasetDistillation {

    /** File name of F_a inside a run folder (see {@link Result#save}). */
    public static final String MODULE_FILE = "adaptation-module.bin";
    /** File name of S^_t inside a run folder. */
    public static final String TEACHER_SOFTMAX_FILE = "teacher-softmax.bin";

    /**
     * What step 1 produced.
     *
     * @param teacherSoftmax S^_t, or null when lambda = 0
     * @param adaptation     M_a with its losses; {@code adaptation.module()} is F_a
     */
    public record Result(TeacherSoftmax teacherSoftmax, AdaptationTraining adaptation) {

        public AdaptationModule module() {
            return adaptation.module();
        }

        /** f_a of each raw teacher feature row. */
        public float[][] adapt(float[][] teacherFeatures) {
            return adaptation.module().adapt(teacherFeatures);
        }

        /** Writes F_a ({@value #MODULE_FILE}) and, if trained, S^_t ({@value #TEACHER_SOFTMAX_FILE}) into a folder. */
        public void save(Path folder) throws IOException {
            adaptation.module().save(folder.resolve(MODULE_FILE));
            if (teacherSoftmax != null) {
                teacherSoftmax.save(folder.resolve(TEACHER_SOFTMAX_FILE));
            }
        }
    }

    private CrossDatasetDistillation() {
    }

    /**
     * Runs step 1.
     *
     * @param teacherFeatures raw f_t of every public training image (N x D)
     * @param labels          public identity 0..classes-1 of each row
     * @param classes         number of public identities
     * @param params          M_a settings (lambda, T, sizes, schedule, seed)
     * @param teacherParams   S^_t settings
     * @param listener        per-epoch losses of M_a; may be null. A listener may throw (e.g. a
     *                        cancellation exception) to stop training; the exception propagates.
     */
    public static Result run(float[][] teacherFeatures, int[] labels, int classes, AdaptationParams params,
                             TeacherSoftmax.Params teacherParams, AdaptationTrainer.Listener listener) {
        TeacherSoftmax teacher = params.usesDistillation()
                ? TeacherSoftmax.train(teacherFeatures, labels, classes, teacherParams)
                : null;
        AdaptationTraining training = AdaptationTrainer.train(teacherFeatures, labels, classes, teacher, params, listener);
        return new Result(teacher, training);
    }
}
