package org.bridge.experiment;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;

/**
 * What a running experiment reports, from the runner's thread. The CLI prints it; the workbench
 * adapts it to JavaFX properties (batching, never one runLater per point).
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    default void cellStarted(ExperimentCell cell, RunFolder folder) {
    }

    /**
     * A stage of the run and how far it is.
     *
     * @param fraction 0..1 within the stage, or NaN when unknown
     */
    default void status(ExperimentCell cell, String stage, double fraction) {
    }

    default void loss(ExperimentCell cell, LossPoint point) {
    }

    default void epoch(ExperimentCell cell, EpochSummary summary) {
    }

    default void cellFinished(ExperimentCell cell, RunFolder folder, RunState state, String message) {
    }
}
