package org.bridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ChildTask;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunStore;

/**
 * {@code run --processes N} and {@code run-queued --processes N} on the console: the children
 * ({@link ChildRuns}) with a line as each starts and ends, stopped cleanly on Ctrl-C.
 */
final class CellProcesses {

    private final ChildRuns children;
    private final int processes;

    private CellProcesses(List<ChildRuns.Job> jobs, int processes) {
        this.processes = processes;
        this.children = new ChildRuns(jobs, processes, new ChildRuns.Listener() {
            @Override
            public void started(ChildRuns.Job job, Path console) {
                System.out.println("started  " + job.label() + "  (console: " + console + ")");
            }

            @Override
            public void finished(ChildRuns.Job job, int exitCode) {
                RunFolder f = job.consoleFolder();
                System.out.println("finished " + job.label() + ": " + f.state()
                        + (exitCode == 0 ? "" : " (exit code " + exitCode + ", see " + f.file(RunFolder.CONSOLE) + ")"));
            }
        });
    }

    /**
     * The children of {@code run FILE --processes N}: one per (student, loss, split) with an
     * incomplete cell, each running that student, loss and split of the file (all its seeds). Per loss, so Table IV's rows spread over the processes too.
     */
    static CellProcesses forExperiment(Path experimentFile, ExperimentSpec.Students spec, RunStore store, int processes) {
        return forExperiment(experimentFile, spec, store, processes, RunOptions.NONE);
    }

    /** As above, each child recording its runs as {@code options} say (e.g. DL4J statistics). */
    static CellProcesses forExperiment(Path experimentFile, ExperimentSpec.Students spec, RunStore store, int processes,
                                       RunOptions options) {
        Map<String, List<ExperimentCell>> groups = new LinkedHashMap<>();
        for (ExperimentCell c : spec.cells()) {
            if (!store.folder(spec.name(), c.id()).isComplete()) {
                groups.computeIfAbsent(c.student().name() + " " + c.loss() + " " + c.split(), k -> new ArrayList<>()).add(c);
            }
        }
        List<ChildRuns.Job> jobs = new ArrayList<>();
        for (List<ExperimentCell> group : groups.values()) {
            ExperimentCell first = group.get(0);
            String loss = spec.losses().size() > 1 ? " " + first.loss() : "";
            ChildTask task = ChildTask.Cells.of(experimentFile.toAbsolutePath(), store.root().toAbsolutePath(), first,
                    options);
            jobs.add(new ChildRuns.Job(first.student().name() + loss + " split " + first.split(),
                    store.folder(spec.name(), first.id()), task));
        }
        return new CellProcesses(jobs, processes);
    }

    /** The children of {@code run-queued --processes N}: one per QUEUED folder. */
    static CellProcesses forQueue(List<RunFolder> queued, RunStore store, int processes, RunOptions options) {
        return new CellProcesses(ChildRuns.queueJobs(queued, store, options), processes);
    }

    List<ChildRuns.Job> jobs() {
        return children.jobs();
    }

    /** OpenMP threads per child: the cores shared out, at least one. */
    static int threadsPerProcess(int cores, int processes) {
        return ChildRuns.threadsPerProcess(cores, processes);
    }

    /** Runs every child, N at once; Ctrl-C stops them (each records CANCELLED and keeps its checkpoint). */
    void run(String what) {
        System.out.println(children.jobs().size() + " " + what + " to run, " + processes + " at a time, "
                + children.threadsPerChild() + " OpenMP thread(s) each");
        Thread hook = new Thread(children::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            children.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running.
            }
        }
    }

}
