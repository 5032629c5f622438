package org.bridge.distill;

import java.nio.file.Path;

/**
 * Training produced a NaN, infinite or exploding loss (or NaN weights). The network of that step
 * is discarded; the checkpoint of the last finished epoch, if any, is untouched.
 */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int iteration;
    private final double loss;
    private final Path lastGoodCheckpoint;
    private final int lastGoodEpoch;

    public TrainingDivergedException(String what, int epoch, int iteration, double loss, Path lastGoodCheckpoint,
                                     int lastGoodEpoch) {
        super(what + " at epoch " + epoch + ", iteration " + iteration + " (loss " + loss + "); "
                + (lastGoodCheckpoint == null
                        ? "no checkpoint was kept"
                        : (lastGoodEpoch == 0 ? "no epoch had finished, so there is no checkpoint at " + lastGoodCheckpoint
                                : "the checkpoint of epoch " + lastGoodEpoch + " is kept at " + lastGoodCheckpoint))
                + ". Lower the learning rate or check the inputs and targets for NaN or huge values.");
        this.epoch = epoch;
        this.iteration = iteration;
        this.loss = loss;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
        this.lastGoodEpoch = lastGoodEpoch;
    }

    /** 1-based epoch in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** 1-based iteration within that epoch. */
    public int iteration() {
        return iteration;
    }

    public double loss() {
        return loss;
    }

    /** Checkpoint file (may not exist when no epoch finished), or null without checkpoints. */
    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }

    /** Epochs stored in the kept checkpoint (0 = none). */
    public int lastGoodEpoch() {
        return lastGoodEpoch;
    }
}
