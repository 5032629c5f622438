package org.bridge.ui.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ChildTask;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

/**
 * The workbench's Run, trained the way the command line trains: each cell in its own child JVM
 * ({@link ChildTask.Cells} of one student, loss and split; the workbench's locations in its
 * environment), one after another, with one core left to the workbench ({@link #ompThreads}). The workbench's JVM only follows the run
 * folder ({@link ChildRunFollower}), so the chart, progress and status line get the same events
 * as from a run in this JVM. Cancel sends the child SIGTERM and returns at once; the child records
 * CANCELLED and keeps its checkpoint. A child that ends without recording an outcome is recorded
 * FAILED, with its exit code and where its console is.
 */
final class ChildJvmRun {

    static final long POLL_MILLIS = 500;
    /**
     * The child's CPU priority below the window's: the window must win on shared cores (a fresh
     * JVM loading ND4J and compiling starved the JavaFX thread for over half a second on a busy
     * 2-core machine). On idle cores it costs the training nothing.
     */
    static final int NICENESS = 10;

    private final ExperimentSpec.Students spec;
    private final RunStore store;
    private final BridgeLocations locations;
    private final RunOptions options;
    private final RunFeed feed;

    ChildJvmRun(ExperimentSpec.Students spec, RunStore store, BridgeLocations locations, RunOptions options, RunFeed feed) {
        this.spec = spec;
        this.store = store;
        this.locations = locations;
        this.options = options;
        this.feed = feed;
    }

    /**
     * OpenMP threads of a Run's child: every core but one, which stays with the workbench's
     * JavaFX threads. OpenMP threads that share their cores with busy threads wait at every
     * parallel region for the one that was preempted, spinning meanwhile (OpenMP's default wait
     * policy): on 2 loaded cores a 2-thread S-16 run trained 13-15 samples/s, 50-70 with
     * OMP_WAIT_POLICY=PASSIVE and 74-99 with one thread, while on idle cores the second thread
     * adds only about 10% (ChildRuns). So the child also waits passively unless told otherwise.
     */
    static int ompThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    /**
     * The workbench's locations for a child (it has no settings file of its own to read them
     * from), and its OpenMP threads ({@link #ompThreads}).
     */
    static Map<String, String> environment(BridgeLocations l) {
        Map<String, String> env = new LinkedHashMap<>();
        String threads = String.valueOf(ompThreads(Runtime.getRuntime().availableProcessors()));
        for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            env.put(v, threads);
        }
        String waitPolicy = System.getenv("OMP_WAIT_POLICY");
        env.put("OMP_WAIT_POLICY", waitPolicy == null || waitPolicy.isBlank() ? "PASSIVE" : waitPolicy);
        env.put("BRIDGE_DATA", l.dataRoot().toString());
        env.put("BRIDGE_LFW", l.lfwDir().toString());
        env.put("BRIDGE_TEACHER_CACHE", l.teacherCache().toString());
        env.put("BRIDGE_RUNS", l.runsDir().toString());
        env.put("BRIDGE_SAMPLE_DATA", l.sampleData().toString());
        return env;
    }

    void run(RunControl control) {
        Path file;
        try {
            file = Files.createTempFile("bridge-" + spec.name() + "-", ".json");
            Files.writeString(file, spec.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment for the run's JVM", e);
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-child-run-follower");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ChildRuns.Job, ExperimentCell> cells = new HashMap<>();
            List<ChildRuns.Job> jobs = new ArrayList<>();
            for (ExperimentCell cell : spec.cells()) {
                RunFolder folder = store.folder(spec.name(), cell.id());
                if (folder.isComplete()) {
                    feed.cellFinished(cell, folder, RunState.DONE, "already complete");
                    continue;
                }
                ChildRunFollower.forgetOldStage(folder);
                ChildTask task = ChildTask.Cells.of(file, store.root().toAbsolutePath(), cell, options);
                ChildRuns.Job job = new ChildRuns.Job(cell.id(), folder, task, environment(locations), NICENESS);
                jobs.add(job);
                cells.put(job, cell);
            }
            if (jobs.isEmpty()) {
                return;
            }
            new ChildRuns(jobs, 1, new Following(cells, poller, control)).run(control);
        } finally {
            poller.shutdownNow();
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }

    /** Starts following a child's folder when it starts; reports its outcome when it ends. */
    private final class Following implements ChildRuns.Listener {
        private final Map<ChildRuns.Job, ExperimentCell> cells;
        private final ScheduledExecutorService poller;
        private final RunControl control;
        private ChildRunFollower follower;
        private ScheduledFuture<?> polling;

        Following(Map<ChildRuns.Job, ExperimentCell> cells, ScheduledExecutorService poller, RunControl control) {
            this.cells = cells;
            this.poller = poller;
            this.control = control;
        }

        @Override
        public synchronized void started(ChildRuns.Job job, Path console) {
            ExperimentCell cell = cells.get(job);
            feed.status(cell, "starting the JVM of " + cell.id(), Double.NaN);
            follower = new ChildRunFollower(cell, job.consoleFolder(), feed::publish);
            polling = poller.scheduleWithFixedDelay(follower::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void finished(ChildRuns.Job job, int exitCode) {
            polling.cancel(false);
            follower.poll();
            RunFolder folder = job.consoleFolder();
            RunState state;
            String message;
            try {
                state = folder.state();
                message = folder.stateMessage();
            } catch (RuntimeException unreadable) {
                state = RunState.RUNNING;
                message = "";
            }
            if ((state == RunState.RUNNING || state == RunState.QUEUED) && control.isCancelled()) {
                // Stopped while its JVM was starting, before the run began.
                state = RunState.CANCELLED;
                message = "cancelled by the user";
                folder.setState(state, message);
            } else if (state == RunState.RUNNING || state == RunState.QUEUED) {
                state = RunState.FAILED;
                message = "the run's JVM ended (exit code " + exitCode + ") without recording how the run ended; see "
                        + folder.file(RunFolder.CONSOLE);
                folder.setState(state, message);
            }
            feed.cellFinished(cells.get(job), folder, state, message);
        }
    }
}
