package org.bridge.distill;

import java.nio.file.Path;

/**
 * Outcome of {@link StudentTrainer#run}: finished or cancelled (divergence throws
 * {@link TrainingDivergedException}).
 *
 * @param status          how the run ended
 * @param epochsCompleted epochs finished over all runs of this plan (including resumed ones)
 * @param epochsPlanned   epochs of the whole plan
 * @param student         the network as it stands: after the last finished epoch when completed;
 *                        mid-epoch when cancelled (the checkpoint holds the last finished epoch)
 * @param checkpoint      the checkpoint file, or null without checkpoints
 * @param lastLoss        total loss of the last iteration run, NaN if none ran
 */
public record TrainingResult(Status status, int epochsCompleted, int epochsPlanned, Student student,
                             Path checkpoint, double lastLoss) {

    public enum Status { COMPLETED, CANCELLED }
}
