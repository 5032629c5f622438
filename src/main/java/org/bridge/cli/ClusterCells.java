package org.bridge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bridge.cluster.CellOutcome;
import org.bridge.cluster.CellTask;
import org.bridge.cluster.SparkGrid;
import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

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
        requireSpark();
        List<CellTask> tasks = tasks(experimentFile, spec, store, options, locations);
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

    /** One task per cell that is not complete, each with the file's text and the driver's locations. */
    static List<CellTask> tasks(Path experimentFile, ExperimentSpec.Students spec, RunStore store, RunOptions options,
                                BridgeLocations locations) {
        String json;
        try {
            json = Files.readString(experimentFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + experimentFile, e);
        }
        Map<String, String> where = new LinkedHashMap<>();
        where.put("bridge.data", locations.dataRoot().toString());
        where.put("bridge.lfw", locations.lfwDir().toString());
        where.put("bridge.teachers", locations.teacherCache().toString());
        where.put("bridge.sampleData", locations.sampleData().toString());
        locations.repoDir().ifPresent(r -> where.put("bridge.repo", r.toAbsolutePath().toString()));
        List<CellTask> tasks = new ArrayList<>();
        for (ExperimentCell c : spec.cells()) {
            if (!store.folder(spec.name(), c.id()).isComplete()) {
                tasks.add(new CellTask(experimentFile.getFileName().toString(), json, c.id(),
                        store.root().toAbsolutePath().toString(), where, options.dl4jStatsEvery()));
            }
        }
        return tasks;
    }

    private static void requireSpark() {
        try {
            Class.forName(SparkGrid.SPARK_CONTEXT_CLASS, false, ClusterCells.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UserFacingException("--master needs Apache Spark on the class path, which target/bridge.jar does"
                    + " not carry: build with `mvn -Pcluster -DskipTests package` and run target/bridge-cluster.jar"
                    + " (experiments/CLUSTER.md)");
        }
    }
}
