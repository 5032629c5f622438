package org.bridge.experiment;

/** Where a run is in its life; stored in the run folder so the queue survives a restart. */
public enum RunState {
    /** Configured and waiting for the runner. */
    QUEUED,
    /** A runner is working on it (or died while doing so: a stale RUNNING run resumes). */
    RUNNING,
    /** Results written; never redone. */
    DONE,
    /** Stopped with an error (e.g. NaN loss); the message says why; checkpoints are kept. */
    FAILED,
    /** Stopped by the user; resumes from its last checkpoint when run again. */
    CANCELLED;

    public boolean isFinished() {
        return this == DONE;
    }
}
