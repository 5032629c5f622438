package org.bridge.ui.runs;

import java.nio.file.Path;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunState;

/** What the background runner reports, as values that can wait in a queue for the JavaFX thread. */
public sealed interface RunEvent {

    /** A job (a Run, or working through the queue) began; {@code cells} runs are planned. */
    record JobStarted(String label, int cells) implements RunEvent {
    }

    /** The job ended; {@code failure} is null unless it ended with an error outside any run. */
    record JobFinished(String label, String failure) implements RunEvent {
    }

    record CellStarted(RunCell cell, Path folder) implements RunEvent {
    }

    /** @param fraction 0..1 within the stage, NaN when unknown */
    record Status(RunCell cell, String stage, double fraction) implements RunEvent {
    }

    record Loss(RunCell cell, LossPoint point) implements RunEvent {
    }

    record Epoch(RunCell cell, EpochSummary summary) implements RunEvent {
    }

    record CellFinished(RunCell cell, Path folder, RunState state, String message) implements RunEvent {
    }

    /** A queued run began in a child JVM (Run queued with more than one process); it reports through its folder. */
    record ChildStarted(String label, Path folder) implements RunEvent {
    }

    /** A child JVM's run ended: its state as recorded in its folder, and the child's exit code. */
    record ChildFinished(String label, Path folder, RunState state, int exitCode) implements RunEvent {
    }

    /**
     * An experiment was queued into the runs folder (or queueing failed: {@code failure}).
     *
     * @param cells         runs newly QUEUED by this request
     * @param alreadyQueued runs that were QUEUED before (Run queued trains them too)
     * @param alreadyDone   runs of the experiment that were complete, so not queued
     * @param leftAsIs      runs already started (cancelled, failed or running), whose state was kept
     */
    record Queued(int cells, int alreadyQueued, int alreadyDone, int leftAsIs, String failure) implements RunEvent {

        /** What the status line says after queueing into {@code runsDir}. */
        public String text(java.nio.file.Path runsDir) {
            if (failure != null) {
                return "Queueing failed: " + failure;
            }
            StringBuilder b = new StringBuilder(cells + " run" + (cells == 1 ? "" : "s") + " queued in " + runsDir);
            java.util.List<String> not = new java.util.ArrayList<>();
            if (alreadyQueued > 0) {
                not.add(alreadyQueued + " already queued");
            }
            if (alreadyDone > 0) {
                not.add(alreadyDone + " already done");
            }
            if (leftAsIs > 0) {
                not.add(leftAsIs + " already started (cancelled, failed or running: Run resumes "
                        + (leftAsIs == 1 ? "it" : "them") + ")");
            }
            if (!not.isEmpty()) {
                b.append("; ").append(String.join("; ", not));
            }
            return b.toString();
        }
    }
}
