package org.bridge.ui.runs;

import java.nio.file.Path;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.RunState;

/** What the background runner reports, as values that can wait in a queue for the JavaFX thread. */
public sealed interface RunEvent {

    /** A job (a Run, or working through the queue) began; {@code cells} runs are planned. */
    record JobStarted(String label, int cells) implements RunEvent {
    }

    /** The job ended; {@code failure} is null unless it ended with an error outside any run. */
    record JobFinished(String label, String failure) implements RunEvent {
    }

    record CellStarted(ExperimentCell cell, Path folder) implements RunEvent {
    }

    /** @param fraction 0..1 within the stage, NaN when unknown */
    record Status(ExperimentCell cell, String stage, double fraction) implements RunEvent {
    }

    record Loss(ExperimentCell cell, LossPoint point) implements RunEvent {
    }

    record Epoch(ExperimentCell cell, EpochSummary summary) implements RunEvent {
    }

    record CellFinished(ExperimentCell cell, Path folder, RunState state, String message) implements RunEvent {
    }

    /** A queued run began in a child JVM (Run queued with more than one process); it reports through its folder. */
    record ChildStarted(String label, Path folder) implements RunEvent {
    }

    /** A child JVM's run ended: its state as recorded in its folder, and the child's exit code. */
    record ChildFinished(String label, Path folder, RunState state, int exitCode) implements RunEvent {
    }

    /** Cells were written QUEUED into the runs folder (or queueing failed: {@code failure}). */
    record Queued(int cells, String failure) implements RunEvent {
    }
}
