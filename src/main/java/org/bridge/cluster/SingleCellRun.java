package org.bridge.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.nd.Nd4jRuntime;

/**
 * One cell on an executor, through the experiment layer's single-cell entry
 * ({@link org.bridge.experiment.run.ExperimentRunner#runCell}): the same code as {@code run} in one
 * JVM, so the same claim on the folder's {@code run.lock}, the same resumption from the
 * checkpoint, the same teacher-feature cache and pinned weight fetch. The only class of this
 * package that calls the runner.
 *
 * <p>A folder another process holds (a task of a lost executor whose JVM has not ended yet, or a
 * {@code run} in a terminal) is waited for, up to {@link #CLAIM_WAIT_PROPERTY} seconds, instead of
 * being reported as done: when the holder ends, this task trains whatever is left, or finds the
 * cell complete.
 */
final class SingleCellRun {

    /** How long a task waits for a folder another process trains (seconds; default 6 hours). */
    static final String CLAIM_WAIT_PROPERTY = "bridge.cluster.claimWaitSeconds";
    /** The task's progress lines, appended in the run folder as a child JVM's console is. */
    static final String CONSOLE = RunFolder.CONSOLE;

    private SingleCellRun() {
    }

    /**
     * Runs the task's cell; returns its final state. {@code stopRequested} is polled while it
     * runs (Spark's task interruption): when true, the cell stops at the next iteration and is
     * recorded CANCELLED with its checkpoint kept.
     */
    static CellOutcome run(CellTask task, int attempt, String executor, BooleanSupplier stopRequested)
            throws IOException, InterruptedException {
        Nd4jRuntime.enableHelpersProperty();
        if (!(readSpec(task) instanceof ExperimentSpec.Students spec)) {
            throw new IllegalArgumentException(task.experimentFileName() + " is not a student experiment");
        }
        ExperimentCell cell = spec.cells().stream().filter(c -> c.id().equals(task.cellId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cell " + task.cellId() + " in " + task.experimentFileName()));
        Properties props = new Properties();
        props.putAll(task.locations());
        Path runs = Path.of(task.runsDir());
        BridgeLocations locations = new BridgeLocations(java.util.Map.of(), props, runs);
        RunStore store = new RunStore(runs);
        RunControl control = new RunControl();
        Thread watch = watchForStop(control, stopRequested);
        long waitNanos = TimeUnit.SECONDS.toNanos(Long.getLong(CLAIM_WAIT_PROPERTY, 6 * 3600L));
        long start = System.nanoTime();
        try (ExperimentServices services = new ExperimentServices(locations, store, new RunOptions(task.dl4jStatsEvery()))) {
            while (true) {
                Progress progress = new Progress(attempt, executor);
                try {
                    RunFolder folder;
                    try {
                        folder = services.runner().runCell(spec, cell, progress, control);
                    } catch (UserFacingException refused) {
                        // e.g. the folder holds other settings: a retry would be refused again.
                        return new CellOutcome(cell.id(), RunState.FAILED.name(), refused.getMessage(), attempt, executor);
                    }
                    if (!progress.skipped) {
                        return new CellOutcome(cell.id(), progress.state.name(), progress.message, attempt, executor);
                    }
                    if (control.isCancelled()) {
                        return new CellOutcome(cell.id(), RunState.CANCELLED.name(), "stopped while waiting for "
                                + folder.dir(), attempt, executor);
                    }
                    if (System.nanoTime() - start > waitNanos) {
                        throw new IllegalStateException(progress.message + " for longer than "
                                + TimeUnit.NANOSECONDS.toSeconds(waitNanos) + " s (" + CLAIM_WAIT_PROPERTY + ")");
                    }
                } finally {
                    progress.close();
                }
                Thread.sleep(2_000);
            }
        } finally {
            watch.interrupt();
        }
    }

    private static ExperimentSpec readSpec(CellTask task) throws IOException {
        Path dir = Files.createTempDirectory("bridge-experiment");
        Path file = dir.resolve(task.experimentFileName());
        try {
            Files.writeString(file, task.experimentJson(), StandardCharsets.UTF_8);
            return ExperimentSpec.read(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static Thread watchForStop(RunControl control, BooleanSupplier stopRequested) {
        Thread t = new Thread(() -> {
            try {
                while (!stopRequested.getAsBoolean()) {
                    Thread.sleep(1_000);
                }
                control.cancel();
            } catch (InterruptedException ended) {
                // the cell ended
            }
        }, "bridge-cluster-stop-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The cell's outcome, and its progress as lines in the run folder's console.log. */
    private static final class Progress implements RunListener, AutoCloseable {
        private final int attempt;
        private final String executor;
        private PrintStream console;
        RunState state = RunState.RUNNING;
        String message = "";
        boolean skipped;

        Progress(int attempt, String executor) {
            this.attempt = attempt;
            this.executor = executor;
        }

        @Override
        public void cellStarted(org.bridge.experiment.RunCell cell, RunFolder folder) {
            try {
                console = new PrintStream(Files.newOutputStream(folder.file(CONSOLE), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder.file(CONSOLE), e);
            }
            line("== " + cell.id() + ": Spark task attempt " + (attempt + 1) + " on executor " + executor + " (pid "
                    + ProcessHandle.current().pid() + "), " + Instant.now());
        }

        @Override
        public void epoch(org.bridge.experiment.RunCell cell, EpochSummary s) {
            line(String.format(Locale.ROOT, "  epoch %d/%d (%s): loss %.4f, %.0f samples/s", s.epoch(), s.epochs(),
                    s.phase(), s.meanTotal(), s.samplesPerSecond()));
        }

        @Override
        public void cellFinished(org.bridge.experiment.RunCell cell, RunFolder folder, RunState finalState, String text) {
            state = finalState;
            message = text;
            // The runner reports a folder another process holds as still RUNNING, untouched.
            skipped = finalState == RunState.RUNNING;
            line("   " + finalState + ": " + text);
        }

        private void line(String text) {
            if (console != null) {
                console.println(text);
            }
        }

        @Override
        public void close() {
            if (console != null) {
                console.close();
            }
        }
    }
}
