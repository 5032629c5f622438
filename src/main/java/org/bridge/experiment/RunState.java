package org.bridge.experiment;

/** Where a run is in its life; stored in the run folder so the queue survives a restart. */
public enum RunState {
    /** Configured and waiting for the runner. */
    QUEUED,
    /**
     * A runner is working on it, holding its {@link RunClaim}; or died while doing so (the claim
     * is then free): the next runner claims the stale RUNNING run and resumes it.
     */
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
