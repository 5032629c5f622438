package org.bridge.experiment;

import org.bridge.distill.AdaptationParams;
import org.bridge.teacher.TeacherId;

/**
 * Step 1 of bridge distillation seen from the runner: turns the public set's raw teacher
 * features into the adapted features f_a that supervisions s and sc regress onto.
 */
public interface RegressionTargets {

    /**
     * Trains the adaptation module on (features, labels) of the public set and returns f_a
     * (128-D) of every public image, keeping whatever it trained in {@code run}'s folder.
     *
     * @param params the module's settings (the experiment's, with the cell's seed)
     */
    float[][] adapted(TeacherId teacher, float[][] teacherFeatures, int[] labels, int classes, long seed,
                      AdaptationParams params, RunFolder run);

    /**
     * As {@link #adapted(TeacherId, float[][], int[], int, long, AdaptationParams, RunFolder)}, calling
     * {@code betweenEpochs} as training goes; it may throw (a cancellation) to stop the training.
     */
    default float[][] adapted(TeacherId teacher, float[][] teacherFeatures, int[] labels, int classes, long seed,
                              AdaptationParams params, RunFolder run, Runnable betweenEpochs) {
        return adapted(teacher, teacherFeatures, labels, classes, seed, params, run);
    }
}
