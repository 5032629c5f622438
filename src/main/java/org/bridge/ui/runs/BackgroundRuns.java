package org.bridge.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.bridge.cluster.CellTask;
import org.bridge.cluster.ClusterGrid;
import org.bridge.cluster.SparkGrid;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.run.AdaptationExperiment;
import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.run.QueuedRuns;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.run.TeacherHallucinationExperiment;

/**
 * Runs experiments one at a time on a single background thread, through the same
 * {@code ExperimentServices} the command line uses. Progress leaves only through the
 * {@link RunFeed}; Cancel reaches the running cell through its {@link RunControl}. Writing a queue
 * to the runs folder happens on a second thread, so queueing works while a run trains.
 */
public final class BackgroundRuns implements AutoCloseable {

    private final Supplier<ExperimentServices> services;
    private final RunFeed feed;
    private final ExecutorService training = Executors.newSingleThreadExecutor(r -> daemon(r, "bridge-training",
            // Below the JavaFX thread: on two shared cores the window must win.
            Thread.NORM_PRIORITY - 1));
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> daemon(r, "bridge-queue", Thread.NORM_PRIORITY));
    private final AtomicReference<RunControl> current = new AtomicReference<>();
    /** Cancel bumps it: jobs submitted before a Cancel do not start afterwards. */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger jobs = new AtomicInteger();
    private volatile boolean inThisJvm;

    /**
     * @param services opens the runner for one job (its locations are read at that moment, so
     *                 changed settings apply to the next job); closed when the job ends
     */
    public BackgroundRuns(Supplier<ExperimentServices> services, RunFeed feed) {
        this.services = services;
        this.feed = feed;
    }

    /**
     * Runs every cell of the experiment that is not complete yet, through the dispatcher the
     * command line uses ({@code ExperimentServices.run}). Students train each in a child JVM, as
     * the command line trains ({@link ChildJvmRun}), unless {@link #trainInThisJvm} says otherwise.
     * Fig. 3 (adaptation) and Table III (teacher hallucination) run in this JVM: they train only
     * the small adaptation module or no network at all, and report every stage to the feed.
     */
    public void run(ExperimentSpec spec) {
        boolean here = inThisJvm || !(spec instanceof ExperimentSpec.Students);
        submit("Run " + spec.name(), s -> cellCount(spec), (s, control) -> {
            if (here) {
                s.run(spec, feed, control);
            } else {
                new ChildJvmRun((ExperimentSpec.Students) spec, s.store(), s.locations(), s.options(), feed).run(control);
            }
        });
    }

    /** The cells an experiment of any kind runs, for the job's label. */
    static int cellCount(ExperimentSpec spec) {
        if (spec instanceof ExperimentSpec.Students students) {
            return students.cells().size();
        }
        if (spec instanceof ExperimentSpec.Adaptation fig3) {
            return AdaptationExperiment.cells(fig3).size();
        }
        return TeacherHallucinationExperiment.cells((ExperimentSpec.TeacherHallucination) spec).size();
    }

    /**
     * Whether Run trains in the workbench's own JVM instead of a child JVM. A child is the
     * default: training beside the JavaFX threads in one process was measured several times
     * slower than the same cell on the command line.
     */
    public void trainInThisJvm(boolean inThisJvm) {
        this.inThisJvm = inThisJvm;
    }

    /** Works through the QUEUED run folders, one after another, until none is left or Cancel. */
    public void runQueued() {
        submit("Run queued", s -> countQueued(s.store()), this::workThroughQueue);
    }

    /**
     * Works through the QUEUED run folders in {@code processes} child JVMs at once, each with
     * cores / processes OpenMP threads ({@link ChildRuns}, as {@code run-queued --processes}). The
     * children report through their run folders (status.json, losses.csv, console.log), not the
     * feed; the feed hears when each starts and ends. Cancel stops them (each records CANCELLED).
     */
    public void runQueued(int processes) {
        if (processes <= 1) {
            runQueued();
            return;
        }
        submit("Run queued (" + processes + " processes)", s -> countQueued(s.store()), (s, control) -> {
            List<ChildRuns.Job> jobs = ChildRuns.queueJobs(ChildRuns.queuedFolders(s.store()), s.store(),
                    s.options());
            new ChildRuns(jobs, processes, new ChildRuns.Listener() {
                @Override
                public void started(ChildRuns.Job job, Path console) {
                    feed.publish(new RunEvent.ChildStarted(job.label(), job.consoleFolder().dir()));
                }

                @Override
                public void finished(ChildRuns.Job job, int exitCode) {
                    RunState state;
                    try {
                        state = job.consoleFolder().state();
                    } catch (RuntimeException unreadable) {
                        state = RunState.FAILED;
                    }
                    feed.publish(new RunEvent.ChildFinished(job.label(), job.consoleFolder().dir(), state, exitCode));
                }
            }).run(control);
        });
    }

    /**
     * Sends the QUEUED run folders to a Spark cluster, one task per run, as {@code run-queued
     * --master} does; the runs folder must be one the cluster's machines share. Progress is in the
     * run folders (the queue table follows them); the feed hears when the grid starts and how each
     * run ended. Cancel cancels the Spark job: running cells stop and keep their checkpoints.
     */
    public void runQueuedOnCluster(String master) {
        submit("Run queued on " + master, s -> countQueued(s.store()), (s, control) -> {
            ClusterGrid.requireSpark();
            List<RunFolder> queued = ChildRuns.queuedFolders(s.store());
            List<CellTask> tasks = ClusterGrid.queuedTasks(queued, s.store(), s.options(), s.locations());
            for (RunFolder f : queued) {
                feed.publish(new RunEvent.ChildStarted(f.dir().getParent().getFileName() + "/" + f.id(), f.dir()));
            }
            SparkGrid.run("bridge workbench queue", master, java.util.Map.of(), tasks, control);
            for (RunFolder f : queued) {
                RunState state;
                try {
                    state = f.state();
                } catch (RuntimeException unreadable) {
                    state = RunState.FAILED;
                }
                // A Spark task has no exit code of its own: 0 here means "see the state", which the
                // folder records (CellOutcome carries the same state and message).
                feed.publish(new RunEvent.ChildFinished(f.dir().getParent().getFileName() + "/" + f.id(), f.dir(), state, 0));
            }
        });
    }

    /** Writes the experiment's cells QUEUED into the runs folder, without running them. */
    public void queue(ExperimentSpec.Students spec) {
        io.execute(() -> {
            try (ExperimentServices s = services.get()) {
                Set<Path> known = new HashSet<>();
                for (ExperimentCell c : spec.cells()) {
                    RunFolder f = s.store().folder(spec.name(), c.id());
                    if (Files.exists(f.file(RunFolder.STATUS))) {
                        known.add(f.dir());
                    }
                }
                feed.publish(queued(s.runner().queue(spec), known));
            } catch (RuntimeException e) {
                feed.publish(new RunEvent.Queued(0, 0, 0, 0, message(e)));
            }
        });
    }

    /**
     * The experiment's folders after queueing, counted by what happened to them; {@code known}
     * are the folders that had a state before, so only the others count as newly queued.
     */
    static RunEvent.Queued queued(List<RunFolder> folders, Set<Path> known) {
        int added = 0;
        int waiting = 0;
        int done = 0;
        for (RunFolder f : folders) {
            if (f.isComplete()) {
                done++;
            } else if (f.state() == RunState.QUEUED) {
                if (known.contains(f.dir())) {
                    waiting++;
                } else {
                    added++;
                }
            }
        }
        return new RunEvent.Queued(added, waiting, done, folders.size() - added - waiting - done, null);
    }

    /** Stops the running cell after its current iteration (its checkpoint is kept) and drops waiting jobs. */
    public void cancel() {
        generation.incrementAndGet();
        RunControl c = current.get();
        if (c != null) {
            c.cancel();
        }
    }

    /** True from submission until the job's end (including jobs waiting behind another). */
    public boolean isBusy() {
        return jobs.get() > 0;
    }

    /** Cancels, then waits up to {@code seconds} for the running cell to record that it stopped. */
    public boolean shutdown(long seconds) throws InterruptedException {
        cancel();
        training.shutdown();
        io.shutdown();
        return training.awaitTermination(seconds, TimeUnit.SECONDS) && io.awaitTermination(1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        cancel();
        training.shutdownNow();
        io.shutdownNow();
    }

    private interface Work {
        void run(ExperimentServices services, RunControl control);
    }

    private void submit(String label, java.util.function.ToIntFunction<ExperimentServices> cells, Work work) {
        long submitted = generation.get();
        jobs.incrementAndGet();
        training.execute(() -> {
            try {
                if (submitted != generation.get()) {
                    feed.publish(new RunEvent.JobFinished(label, "cancelled before it started"));
                    return;
                }
                RunControl control = new RunControl();
                current.set(control);
                if (submitted != generation.get()) {
                    control.cancel(); // Cancel came between the check and publishing the control
                }
                String failure = null;
                boolean started = false;
                try (ExperimentServices s = services.get()) {
                    feed.publish(new RunEvent.JobStarted(label, cells.applyAsInt(s)));
                    started = true;
                    work.run(s, control);
                } catch (RuntimeException | LinkageError e) {
                    failure = message(e);
                } finally {
                    current.set(null);
                }
                if (!started) {
                    feed.publish(new RunEvent.JobStarted(label, 0));
                }
                feed.publish(new RunEvent.JobFinished(label, failure));
            } finally {
                jobs.decrementAndGet();
            }
        });
    }

    private void workThroughQueue(ExperimentServices s, RunControl control) {
        QueuedRuns.workThrough(s.runner(), s.store(), feed, control);
    }

    /** A count of the QUEUED folders, for the job's label. */
    static int countQueued(RunStore store) {
        return QueuedRuns.countWaiting(store);
    }

    static String message(Throwable e) {
        if (e instanceof UserFacingException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Thread daemon(Runnable r, String name, int priority) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(priority);
        return t;
    }
}
