package org.bridge.cluster;

import org.bridge.experiment.RunControl;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver of {@code run EXPERIMENT --master URL}: one Spark task per cell, each running
 * {@link SingleCellRun} on an executor. A task whose executor is lost is run again by Spark on
 * another one, where the cell resumes from its last checkpoint.
 */
public final class SparkGrid {

    /** The name of a Spark class, to tell a build without Spark before any work starts. */
    public static final String SPARK_CONTEXT_CLASS = "org.apache.spark.SparkContext";
    /** OpenMP thread counts of the executors: the task's core budget, as {@code --processes} gives its children. */
    static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS");
    static final String DEFAULT_EXECUTOR_MEMORY = "4g";

    private SparkGrid() {
    }

    /**
     * The Spark settings of a grid: the user's ({@code --conf}) win, except speculation, which
     * stays off (a speculative copy of a task would only wait on the first one's claim).
     */
    static Map<String, String> settings(String appName, String master, Map<String, String> user) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.app.name", appName);
        conf.put("spark.master", master);
        conf.put("spark.executor.memory", DEFAULT_EXECUTOR_MEMORY);
        // Executors on machines that share the driver's install path load Bridge from it.
        conf.put("spark.executor.extraClassPath", absoluteClassPath(System.getProperty("java.class.path")));
        conf.putAll(user);
        String cores = conf.getOrDefault("spark.task.cpus", "1");
        for (String v : THREAD_VARIABLES) {
            conf.putIfAbsent("spark.executorEnv." + v, cores);
        }
        conf.put("spark.speculation", "false");
        return conf;
    }

    static String absoluteClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Runs every task, one cell per Spark task, and returns their outcomes in the tasks' order.
     * A shutdown (Ctrl-C) cancels the job: each running cell stops at its next iteration and is
     * recorded CANCELLED with its checkpoint.
     */
    public static List<CellOutcome> run(String appName, String master, Map<String, String> userConf, List<CellTask> tasks) {
        return run(appName, master, userConf, tasks, new RunControl());
    }

    /**
     * As {@link #run(String, String, Map, List)}, and the control's cancel (the workbench's Cancel)
     * cancels the job the same way.
     */
    public static List<CellOutcome> run(String appName, String master, Map<String, String> userConf, List<CellTask> tasks,
                                        RunControl control) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        SparkConf conf = new SparkConf();
        settings(appName, master, userConf).forEach(conf::set);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setJobGroup("bridge-grid", appName, true);
            control.whileRunning(() -> sc.cancelJobGroup("bridge-grid"));
            Thread cancel = new Thread(() -> sc.cancelJobGroup("bridge-grid"), "bridge-grid-cancel");
            Runtime.getRuntime().addShutdownHook(cancel);
            try {
                return new ArrayList<>(sc.parallelize(tasks, tasks.size()).map(SparkGrid::onExecutor).collect());
            } finally {
                control.whileRunning(null);
                try {
                    Runtime.getRuntime().removeShutdownHook(cancel);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
    }

    /** A task's body on its executor. */
    static CellOutcome onExecutor(CellTask task) throws Exception {
        TaskContext ctx = TaskContext.get();
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "?" : env.executorId() + "@" + env.blockManager().blockManagerId().host();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        return SingleCellRun.run(task, attempt, executor, () -> ctx != null && ctx.isInterrupted());
    }
}
