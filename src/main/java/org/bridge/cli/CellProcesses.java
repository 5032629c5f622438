package org.bridge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;

/**
 * Runs the cells of a student experiment in up to N child JVMs at once, each with cores / N
 * OpenMP threads, for {@code run --processes N}.
 *
 * <p>Why processes and not threads: ND4J's OpenMP thread count is per process, and one small
 * student does not keep two OpenMP threads busy. On the 2-core machine of 2026-12-06 one S-16
 * run with 2 threads trained about 880 samples/s, two single-thread runs side by side about
 * 780-800 samples/s each. Each child is an ordinary {@code run FILE --student S --split X}: the
 * same code path, run folders, resumption and Ctrl-C behaviour as a run in this JVM. A child's
 * console goes to {@code console.log} in its run folder.
 */
final class CellProcesses {

    /** One child: what it is called, the run folder its console goes to, its command-line arguments. */
    record Job(String label, RunFolder consoleFolder, List<String> args) {
    }

    private final List<Job> jobs;
    private final int processes;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    CellProcesses(List<Job> jobs, int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("--processes must be >= 1, got " + processes);
        }
        this.jobs = List.copyOf(jobs);
        this.processes = processes;
    }

    /**
     * The children of {@code run FILE --processes N}: one per (student, split) with an incomplete
     * cell, each an ordinary {@code run FILE --student S --split X} (all its losses and seeds).
     */
    static CellProcesses forExperiment(Path experimentFile, ExperimentSpec spec, RunStore store, int processes) {
        Map<String, List<ExperimentCell>> groups = new LinkedHashMap<>();
        for (ExperimentCell c : spec.cells()) {
            if (!store.folder(spec.name, c.id()).isComplete()) {
                groups.computeIfAbsent(c.student().name() + " " + c.split(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (List<ExperimentCell> group : groups.values()) {
            ExperimentCell first = group.get(0);
            jobs.add(new Job(first.student().name() + " split " + first.split(), store.folder(spec.name, first.id()),
                    List.of("run", experimentFile.toAbsolutePath().toString(),
                            "--runs", store.root().toAbsolutePath().toString(),
                            "--student", first.student().name(), "--split", first.split())));
        }
        return new CellProcesses(jobs, processes);
    }

    /** The children of {@code run-queued --processes N}: one {@code run-queued --folder DIR} per QUEUED folder. */
    static CellProcesses forQueue(List<RunFolder> queued, RunStore store, int processes) {
        List<Job> jobs = new ArrayList<>();
        for (RunFolder f : queued) {
            jobs.add(new Job(f.dir().getParent().getFileName() + "/" + f.id(), f,
                    List.of("run-queued", "--runs", store.root().toAbsolutePath().toString(),
                            "--folder", f.dir().toAbsolutePath().toString())));
        }
        return new CellProcesses(jobs, processes);
    }

    /** OpenMP threads per child: the cores shared out, at least one. */
    static int threadsPerProcess(int cores, int processes) {
        return Math.max(1, cores / processes);
    }

    /** Runs every job, up to N at once; Ctrl-C stops the children cleanly. */
    void run(String what) {
        int threads = threadsPerProcess(Runtime.getRuntime().availableProcessors(), processes);
        System.out.println(jobs.size() + " " + what + " to run, " + processes + " at a time, "
                + threads + " OpenMP thread(s) each");
        Thread hook = new Thread(this::stopChildren);
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
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
            stopChildren();
        } catch (java.util.concurrent.ExecutionException e) {
            stopChildren();
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running.
            }
        }
    }

    private void runChild(Job job, int threads) {
        if (stopping) {
            return;
        }
        RunFolder folder = job.consoleFolder();
        Path log = folder.file("console.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The caller's JVM options (heap, -Dbridge.*), but not a debugger or processor cap.
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-XX:ActiveProcessorCount")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(job.args());
        String label = job.label();
        try {
            java.nio.file.Files.createDirectories(folder.dir());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
                pb.environment().put(v, String.valueOf(threads));
            }
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process p;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                p = pb.start();
                live.add(p);
            }
            System.out.println("started  " + label + "  (console: " + log + ")");
            int rc = p.waitFor();
            live.remove(p);
            System.out.println("finished " + label + ": " + folder.state()
                    + (rc == 0 ? "" : " (exit code " + rc + ", see " + log + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run of " + label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks every child to stop (SIGTERM: each records CANCELLED, keeps its checkpoint) and waits for them. */
    private void stopChildren() {
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
