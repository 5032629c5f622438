package org.bridge.experiment.run;

import org.bridge.experiment.ChildTask;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs in up to N child JVMs at once, each with cores / N OpenMP threads: {@code run --processes},
 * {@code run-queued --processes} and the workbench's Run queued with more than one process.
 *
 * <p>Why processes and not threads: ND4J's OpenMP thread count is per process, and one small
 * student does not keep two OpenMP threads busy. On the 2-core machine of 2026-12-06 one S-16
 * run with 2 threads trained about 880 samples/s, two single-thread runs side by side about
 * 780-800 samples/s each; and single-thread runs are bit-reproducible, 2-thread runs are not
 * (experiments/NOTES.md). Each child runs its {@link ChildTask} through {@link CellProcess}, the
 * same dispatcher as a run in this JVM, so it has the same run folders, resumption and SIGTERM
 * behaviour (CANCELLED, checkpoint kept). A child's console goes to {@code console.log} in its run
 * folder.
 */
public final class ChildRuns {

    /** The children's entry point, in this layer: {@code java -cp <this class path> CellProcess ARGS}. */
    public static final String CHILD_MAIN = CellProcess.class.getName();

    /**
     * One child: what it is called, the run folder its console goes to, its task, variables added
     * to its environment (e.g. the workbench's locations; they win over the OpenMP thread counts
     * set here), and a niceness above 0 to start it with a lower CPU priority (through
     * {@code nice}, where there is one).
     */
    public record Job(String label, RunFolder consoleFolder, ChildTask task, java.util.Map<String, String> environment,
                      int niceness) {
        public Job {
            environment = java.util.Map.copyOf(environment);
        }

        public Job(String label, RunFolder consoleFolder, ChildTask task) {
            this(label, consoleFolder, task, java.util.Map.of(), 0);
        }

        /** The child's arguments after its main class. */
        public List<String> args() {
            return task.args();
        }
    }

    /** Hears when children start and end (called on the pool's threads). */
    public interface Listener {
        default void started(Job job, Path console) {
        }

        /** @param exitCode the child's exit code; its run's state is in the folder */
        default void finished(Job job, int exitCode) {
        }
    }

    private final List<Job> jobs;
    private final int processes;
    private final Listener listener;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public ChildRuns(List<Job> jobs, int processes, Listener listener) {
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be >= 1, got " + processes);
        }
        this.jobs = List.copyOf(jobs);
        this.processes = processes;
        this.listener = listener;
    }

    /** The children of {@code run-queued --processes N}: one {@code run-queued --folder DIR} per folder. */
    public static List<Job> queueJobs(List<RunFolder> queued, RunStore store) {
        return queueJobs(queued, store, RunOptions.NONE);
    }

    /** As {@link #queueJobs(List, RunStore)}, each child recording its run as {@code options} say. */
    public static List<Job> queueJobs(List<RunFolder> queued, RunStore store, RunOptions options) {
        List<Job> jobs = new ArrayList<>();
        for (RunFolder f : queued) {
            ChildTask task = new ChildTask.Queued(store.root().toAbsolutePath(), f.dir().toAbsolutePath(), options);
            jobs.add(new Job(f.dir().getParent().getFileName() + "/" + f.id(), f, task));
        }
        return jobs;
    }

    /** The QUEUED folders of a runs folder, in the store's order (unreadable ones are left out). */
    public static List<RunFolder> queuedFolders(RunStore store) {
        List<RunFolder> out = new ArrayList<>();
        for (RunFolder f : store.list()) {
            try {
                if (Files.isRegularFile(f.file(RunFolder.STATUS)) && f.state() == RunState.QUEUED) {
                    out.add(f);
                }
            } catch (RuntimeException unreadable) {
                // the queue list shows it
            }
        }
        return out;
    }

    /** OpenMP threads per child: the cores shared out, at least one. */
    public static int threadsPerProcess(int cores, int processes) {
        return Math.max(1, cores / processes);
    }

    public int threadsPerChild() {
        return threadsPerProcess(Runtime.getRuntime().availableProcessors(), processes);
    }

    public List<Job> jobs() {
        return jobs;
    }

    /** Runs every job, up to N at once, and returns when all have ended or {@link #stop} was called. */
    public void run() {
        int threads = threadsPerChild();
        ExecutorService pool = Executors.newFixedThreadPool(processes, r -> {
            Thread t = new Thread(r, "bridge-child-runs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Job job : jobs) {
                running.add(pool.submit(() -> runChild(job, threads)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (ExecutionException e) {
            stop();
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * As {@link #run()}, stopped by the control's cancel (the workbench's Cancel). The cancel only
     * signals the children, so it returns at once on the calling (JavaFX) thread.
     */
    public void run(RunControl control) {
        control.whileRunning(this::requestStop);
        try {
            run();
        } finally {
            control.whileRunning(null);
        }
    }

    /** Starts no more children and sends the running ones SIGTERM, without waiting; a child still there after 90 s is killed. */
    public void requestStop() {
        synchronized (this) {
            stopping = true;
        }
        List<Process> signalled = List.copyOf(live);
        for (Process p : signalled) {
            p.destroy();
        }
        Thread reaper = new Thread(() -> {
            for (Process p : signalled) {
                try {
                    if (!p.waitFor(90, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bridge-child-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    private void runChild(Job job, int threads) {
        if (stopping) {
            return;
        }
        RunFolder folder = job.consoleFolder();
        Path log = folder.file(RunFolder.CONSOLE);
        List<String> cmd = new ArrayList<>();
        Path nice = Path.of("/usr/bin/nice");
        if (job.niceness() > 0 && Files.isExecutable(nice)) {
            cmd.addAll(List.of(nice.toString(), "-n", String.valueOf(job.niceness())));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The caller's JVM options (heap, -Dbridge.*), but not a debugger or processor cap.
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-XX:ActiveProcessorCount")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CHILD_MAIN));
        cmd.addAll(job.args());
        try {
            Files.createDirectories(folder.dir());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
                pb.environment().put(v, String.valueOf(threads));
            }
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().putAll(job.environment());
            Process p;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                p = pb.start();
                live.add(p);
            }
            listener.started(job, log);
            int rc = p.waitFor();
            live.remove(p);
            listener.finished(job, rc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run of " + job.label(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts no more children and asks the running ones to stop (SIGTERM: each records CANCELLED
     * and keeps its checkpoint), waiting up to 90 s for each before killing it.
     */
    public void stop() {
        synchronized (this) {
            stopping = true;
        }
        for (Process p : live) {
            p.destroy();
        }
        for (Process p : live) {
            try {
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
