package org.bridge.experiment;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;

/**
 * What a running experiment of any kind reports, from the runner's thread; loss and epoch come
 * from student cells only. The CLI prints it; the workbench
 * adapts it to JavaFX properties (batching, never one runLater per point).
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    default void cellStarted(RunCell cell, RunFolder folder) {
    }

    /**
     * A stage of the run and how far it is.
     *
     * @param fraction 0..1 within the stage, or NaN when unknown
     */
    default void status(RunCell cell, String stage, double fraction) {
    }

    default void loss(RunCell cell, LossPoint point) {
    }

    default void epoch(RunCell cell, EpochSummary summary) {
    }

    default void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
    }
}
