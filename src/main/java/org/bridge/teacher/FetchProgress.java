package org.bridge.teacher;

/**
 * Hears how a fetch of teacher weights goes: a stage in words and the steps done of all steps
 * (three per package: npm pack, the sha-512 check, extraction). The CLI draws a progress bar;
 * the workbench shows it in the run's status line.
 */
@FunctionalInterface
public interface FetchProgress {

    /** Drops the progress. */
    FetchProgress NONE = (stage, done, total) -> {
    };

    /** One line per stage on standard error: for callers without a progress display of their own. */
    FetchProgress STDERR = (stage, done, total) -> {
        if (done < total) {
            System.err.println("teacher weights: " + stage);
        }
    };

    void step(String stage, int done, int total);
}
