package org.bridge.experiment;

import java.util.List;

import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * How the runner records a run, as opposed to what it trains: nothing here changes the student,
 * its config.json or its results, so it is not part of {@link ExperimentSpec} and a queued run
 * is recorded the way the workbench (or the {@code run} command) says when it runs.
 *
 * @param dl4jStatsEvery record DL4J's training statistics (score, parameter and update histograms)
 *                       of the student's network into the run folder's
 *                       {@value TrainingUiServer#STATS_FILE} every this many iterations, for
 *                       DL4J's training UI; 0 records nothing
 */
public record RunOptions(int dl4jStatsEvery) {

    /** Records nothing beyond the run folder's own files. */
    public static final RunOptions NONE = new RunOptions(0);

    /** Statistics every 10 iterations: the histograms cost a few percent of training time at that rate. */
    public static final int DEFAULT_STATS_FREQUENCY = 10;

    public RunOptions {
        if (dl4jStatsEvery < 0) {
            throw new IllegalArgumentException("DL4J statistics frequency must be >= 0 iterations, got " + dl4jStatsEvery);
        }
    }

    /** {@link #NONE}, or DL4J statistics every {@value #DEFAULT_STATS_FREQUENCY} iterations. */
    public static RunOptions recordingDl4jStats(boolean record) {
        return record ? new RunOptions(DEFAULT_STATS_FREQUENCY) : NONE;
    }

    public boolean recordsDl4jStats() {
        return dl4jStatsEvery > 0;
    }

    /**
     * The command-line options that record runs this way ({@code run} and {@code run-queued}),
     * so child processes record as their parent says.
     */
    public List<String> commandLineArgs() {
        return recordsDl4jStats() ? List.of(DL4J_STATS_OPTION, String.valueOf(dl4jStatsEvery)) : List.of();
    }

    /** The command line's option for {@link #dl4jStatsEvery}. */
    public static final String DL4J_STATS_OPTION = "--dl4j-stats-every";

    /**
     * The DL4J listeners to attach to the student's network while it trains into {@code folder}:
     * a {@code StatsListener} writing {@value TrainingUiServer#STATS_FILE} when statistics are
     * recorded, else none.
     */
    public List<TrainingListener> dl4jListeners(RunFolder folder) {
        return recordsDl4jStats() ? List.of(TrainingUiServer.statsListener(folder, dl4jStatsEvery)) : List.of();
    }
}
