package org.bridge.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.run.QueuedRuns;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunStore;

/**
 * The Spark tasks of a grid: one per unfinished cell, of an experiment file ({@code run --master})
 * or of the QUEUED folders of a runs folder ({@code run-queued --master}, the workbench's Run
 * queued with a master URL in its settings). Each task carries its experiment's JSON and the
 * driver's locations, so executors need only the shared folders.
 */
public final class ClusterGrid {

    private ClusterGrid() {
    }

    /** Refuses a build without Spark on the class path, naming the build that has it. */
    public static void requireSpark() {
        try {
            Class.forName(SparkGrid.SPARK_CONTEXT_CLASS, false, ClusterGrid.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UserFacingException("a cluster run needs Apache Spark on the class path, which target/bridge.jar"
                    + " does not carry: build with `mvn -Pcluster -DskipTests package` and run"
                    + " target/bridge-cluster.jar (experiments/CLUSTER.md)");
        }
    }

    /** One task per cell of the file that is not complete. */
    public static List<CellTask> experimentTasks(Path experimentFile, ExperimentSpec.Students spec, RunStore store,
                                                 RunOptions options, BridgeLocations locations) {
        String json;
        try {
            json = Files.readString(experimentFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + experimentFile, e);
        }
        List<CellTask> tasks = new ArrayList<>();
        for (ExperimentCell c : spec.cells()) {
            if (!store.folder(spec.name(), c.id()).isComplete()) {
                tasks.add(new CellTask(experimentFile.getFileName().toString(), json, c.id(),
                        store.root().toAbsolutePath().toString(), where(locations), options.dl4jStatsEvery()));
            }
        }
        return tasks;
    }

    /** One task per queued folder that is not complete, with the one-cell experiment its config.json holds. */
    public static List<CellTask> queuedTasks(List<RunFolder> queued, RunStore store, RunOptions options,
                                             BridgeLocations locations) {
        List<CellTask> tasks = new ArrayList<>();
        for (RunFolder f : queued) {
            if (f.isComplete()) {
                continue;
            }
            QueuedRuns.QueuedRun q = QueuedRuns.read(f);
            tasks.add(new CellTask(f.file(RunFolder.CONFIG).toString(), q.spec().toJson(), q.cell().id(),
                    store.root().toAbsolutePath().toString(), where(locations), options.dl4jStatsEvery()));
        }
        return tasks;
    }

    private static Map<String, String> where(BridgeLocations locations) {
        Map<String, String> where = new LinkedHashMap<>();
        where.put("bridge.data", locations.dataRoot().toString());
        where.put("bridge.lfw", locations.lfwDir().toString());
        where.put("bridge.teachers", locations.teacherCache().toString());
        where.put("bridge.sampleData", locations.sampleData().toString());
        locations.repoDir().ifPresent(r -> where.put("bridge.repo", r.toAbsolutePath().toString()));
        return where;
    }
}
