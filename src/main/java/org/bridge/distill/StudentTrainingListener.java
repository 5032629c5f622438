package org.bridge.distill;

import java.nio.file.Path;

/**
 * Progress of {@link StudentTrainer}, called on the training thread after every iteration and
 * epoch. Implementations that update a GUI must hand the values over to their own thread (and
 * should batch them: there may be hundreds of iterations per second at 16x16).
 */
public interface StudentTrainingListener {

    /**
     * Losses of one iteration, computed on the batch before the update. Losses of outputs the
     * current phase does not train (or the network does not have) are NaN.
     *
     * @param phase           name of the current phase
     * @param epoch           1-based epoch over all phases
     * @param iteration       1-based iteration within the epoch
     * @param globalIteration 0-based iteration over the whole training (the schedule's clock)
     * @param total           objective minimised by the step (classification + weighted regression + weight decay)
     * @param classification  identity cross-entropy (with margin for margin heads; plus the centre term)
     * @param regression      weighted mimic regression loss R
     * @param learningRate    learning rate of this step
     */
    record LossPoint(String phase, int epoch, int iteration, long globalIteration, double total,
                     double classification, double regression, double learningRate) {
    }

    /**
     * One finished epoch.
     *
     * @param meanTotal          mean of the iteration totals
     * @param samplesPerSecond   training throughput of the epoch (excluding the checkpoint write)
     * @param checkpoint         file written at the end of the epoch, or null when checkpoints are off
     */
    record EpochSummary(String phase, int epoch, int epochs, double meanTotal, double meanClassification,
                        double meanRegression, double samplesPerSecond, Path checkpoint) {
    }

    void iterationDone(LossPoint point);

    default void epochDone(EpochSummary summary) {
    }

    /**
     * Before the first iteration, when the checkpoint to resume from was damaged: what was set
     * aside and where training continues from (an earlier checkpoint, or the start).
     */
    default void checkpointRecovered(String message) {
    }

    StudentTrainingListener NONE = point -> { };
}
