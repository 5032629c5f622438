package org.bridge.experiment;

import java.util.Optional;

import org.bridge.config.FileClaim;

/**
 * The right to write one run folder, held for a cell's whole lifetime: whoever trains, resumes or
 * evaluates a cell claims its folder first, so two {@code run}s, two {@code run-queued}s or the
 * workbench and a terminal never train the same cell at once. A {@link FileClaim} on
 * {@code run.lock} in the folder: the OS drops it when the holder dies (even by kill -9), so a
 * run left RUNNING by a dead process is claimed and resumed by the next runner.
 */
public final class RunClaim implements AutoCloseable {

    /** The lock file in a run folder; while held, its text names the holding process. */
    public static final String FILE = "run.lock";

    private final FileClaim claim;

    private RunClaim(FileClaim claim) {
        this.claim = claim;
    }

    /** The folder's claim, or empty when another process (or another thread of this one) holds it. */
    public static Optional<RunClaim> tryClaim(RunFolder folder) {
        return FileClaim.tryClaim(folder.file(FILE)).map(RunClaim::new);
    }

    /** Who holds the folder's claim (pid, host, since when), for messages. */
    public static String holder(RunFolder folder) {
        return FileClaim.holder(folder.file(FILE));
    }

    /**
     * Whether the process that last claimed the folder was killed without releasing it: a run it
     * left RUNNING is stopped, not running, and the next runner resumes it.
     */
    public static boolean holderGone(RunFolder folder) {
        return FileClaim.holderState(folder.file(FILE)) == FileClaim.HolderState.GONE;
    }

    /** What a runner reports for a cell it leaves to the process that holds it. */
    public static String skippedMessage(RunFolder folder) {
        String holder = holder(folder);
        String who = holder.startsWith("this process: ")
                ? "another run in this process (" + holder.substring("this process: ".length()) + ")"
                : "another process (" + holder + ")";
        return folder.dir() + " is being trained by " + who + "; skipped";
    }

    @Override
    public void close() {
        claim.close();
    }
}
