package org.bridge.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a run folder's recorded state means now. A folder says RUNNING until its process writes
 * another state, so one whose process was killed keeps saying it: STOPPED when the process named
 * in its lock ran on this host and is gone, RUNNING? when nothing was written for {@link #QUIET}
 * (a holder on another host, e.g. a cluster worker, cannot be looked up from here).
 *
 * @param label       the state to show: the recorded one, STOPPED or RUNNING?
 * @param explanation why the label differs from the recorded state; empty when it does not
 */
public record RunLiveness(String label, String explanation) {

    /** A training run appends to losses.csv at least every second; an hour of silence is not training. */
    public static final Duration QUIET = Duration.ofMinutes(60);

    public static RunLiveness of(RunRecord r, Instant now) {
        if (r.state() != RunState.RUNNING) {
            return new RunLiveness(r.state().name(), "");
        }
        if (RunClaim.holderGone(r.folder())) {
            return new RunLiveness("STOPPED", "left RUNNING by a process that is gone; run resumes it");
        }
        Optional<Instant> last = r.folder().lastWritten();
        if (last.isPresent() && Duration.between(last.get(), now).compareTo(QUIET) > 0) {
            return new RunLiveness("RUNNING?", "nothing written for " + Duration.between(last.get(), now).toMinutes()
                    + " min: its process may be gone; run resumes it then");
        }
        return new RunLiveness(RunState.RUNNING.name(), "");
    }

    /** E.g. {@code STOPPED (left RUNNING by a process that is gone; run resumes it)}. */
    public String describe() {
        return explanation.isEmpty() ? label : label + " (" + explanation + ")";
    }
}
