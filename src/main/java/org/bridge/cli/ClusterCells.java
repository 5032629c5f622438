package org.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bridge.cluster.CellOutcome;
import org.bridge.cluster.CellTask;
import org.bridge.cluster.ClusterGrid;
import org.bridge.cluster.SparkGrid;
import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.ResultsTable;

/**
 * {@code run EXPERIMENT --master URL} on the console: the experiment's unfinished cells as Spark
 * tasks ({@link SparkGrid}), a line per cell as the tasks end, then the results table.
 */
final class ClusterCells {

    private ClusterCells() {
    }

    /** Runs the grid on the cluster; returns the command's exit code. */
    static int run(Path experimentFile, ExperimentSpec file, RunStore store, String master, Map<String, String> conf,
                   RunOptions options, BridgeLocations locations) {
        if (!(file instanceof ExperimentSpec.Students spec)) {
            throw new UserFacingException("--master is for student experiments; " + experimentFile + " is of kind "
                    + file.kind());
        }
        ClusterGrid.requireSpark();
        List<CellTask> tasks = ClusterGrid.experimentTasks(experimentFile, spec, store, options, locations);
        TeacherPrefetch.forExperiment(spec, store);
        System.out.println(tasks.size() + " cell(s) to run on " + master + ", one Spark task each");
        List<CellOutcome> outcomes = SparkGrid.run("bridge " + spec.name(), master, conf, tasks);
        for (CellOutcome o : outcomes) {
            System.out.println(o.describe());
        }
        List<RunRecord> records = spec.cells().stream().map(c -> RunRecord.read(store.folder(spec.name(), c.id())))
                .toList();
        System.out.println();
        System.out.print(ResultsTable.of(records).toMarkdown());
        long failed = CellsSummary.print(records, System.out);
        boolean refused = outcomes.stream().anyMatch(o -> RunState.FAILED.name().equals(o.state()));
        return CellsSummary.exitCode(Math.max(failed, refused ? 1 : 0),
                records.stream().anyMatch(r -> r.state() != RunState.DONE) ? 1 : 0);
    }

    /** {@code run-queued --master URL}: the QUEUED folders as Spark tasks; returns the command's exit code. */
    static int runQueued(RunStore store, String master, Map<String, String> conf, RunOptions options,
                         BridgeLocations locations) {
        ClusterGrid.requireSpark();
        List<RunFolder> queued = ChildRuns.queuedFolders(store);
        List<CellTask> tasks = ClusterGrid.queuedTasks(queued, store, options, locations);
        TeacherPrefetch.forFolders(queued);
        System.out.println(tasks.size() + " queued run(s) to run on " + master + ", one Spark task each");
        List<CellOutcome> outcomes = SparkGrid.run("bridge queued runs", master, conf, tasks);
        for (CellOutcome o : outcomes) {
            System.out.println(o.describe());
        }
        List<RunRecord> records = queued.stream().map(RunRecord::read).toList();
        System.out.println();
        System.out.print(ResultsTable.of(records).toMarkdown());
        long failed = CellsSummary.print(records, System.out);
        return CellsSummary.exitCode(failed, records.stream().anyMatch(r -> r.state() != RunState.DONE) ? 1 : 0);
    }
}
