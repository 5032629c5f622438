package org.bridge.experiment;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels a running experiment from another thread (the workbench's Cancel button, Ctrl-C).
 * Training stops between iterations and keeps its last epoch checkpoint; the cell is marked
 * CANCELLED and resumes from there when the experiment runs again.
 */
public final class RunControl {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>();
    private final AtomicReference<RunFolder> running = new AtomicReference<>();

    public void cancel() {
        cancelled.set(true);
        Runnable r = onCancel.get();
        if (r != null) {
            r.run();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** The work in progress registers how to stop itself (e.g. the trainer's cancel). */
    public void whileRunning(Runnable cancelAction) {
        onCancel.set(cancelAction);
        if (cancelled.get() && cancelAction != null) {
            cancelAction.run();
        }
    }

    /** The folder of the cell being worked on; null between cells. */
    public void runningIn(RunFolder folder) {
        running.set(folder);
    }

    /**
     * The process exits before the running cell could stop (e.g. stuck in a native call at the end
     * of Ctrl-C's grace time): records that cell CANCELLED with {@code why}, so it is not left
     * RUNNING. Does nothing between cells.
     */
    public void recordStoppedCell(String why) {
        RunFolder f = running.get();
        if (f != null && f.state() == RunState.RUNNING) {
            f.setState(RunState.CANCELLED, why);
        }
    }

    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }

    /** Thrown inside the runner to unwind a cancelled cell. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("cancelled", null, false, false);
        }
    }
}
