package org.bridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.bench.Bench;
import org.bridge.bench.BenchReport;
import org.bridge.config.AtomicFiles;
import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Efficiency of the students S-16/32/64/96 and the teachers V and C on this machine (issue 7): "
                + "parameters, multiply-adds, model bytes, activation memory and RSS, faces/s (median of repeated "
                + "timings after warm-up, with spread) on one thread and on all cores, batch 1 and 256, and the "
                + "student/teacher ratio. Each thread count is measured in its own JVM started with "
                + "OMP_NUM_THREADS=N. Needs the teacher weights (`teachers fetch`) for T-V and T-C.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--threads", paramLabel = "N", split = ",",
            description = "Thread counts to measure (default: 1 and all cores).")
    List<Integer> threads;

    @Option(names = "--batch", paramLabel = "B", split = ",",
            description = "Batch sizes (default: 1,256; with --train: 256).")
    List<Integer> batches;

    @Option(names = "--teacher-batch", paramLabel = "B", defaultValue = "32",
            description = "Largest teacher batch (default: ${DEFAULT-VALUE}; bigger batches do not fit the worker heap).")
    int teacherBatch;

    @Option(names = "--models", paramLabel = "M", split = ",",
            description = "Models (default: S-16,S-32,S-64,S-96,T-V,T-C; with --train: the students).")
    List<String> models;

    @Option(names = "--train", description = "Measure training instead of inference: samples/s of whole training "
            + "iterations (forward, backward, update) of the students with supervision sc's heads.")
    boolean train;

    @Option(names = "--timings", defaultValue = "7", description = "Repeated timings per row (default: ${DEFAULT-VALUE}).")
    int timings;

    @Option(names = "--min-timing", defaultValue = "0.25", paramLabel = "SECONDS",
            description = "Shortest duration of one timing (default: ${DEFAULT-VALUE}).")
    double minTiming;

    @Option(names = "--classes", defaultValue = "1000",
            description = "Identities of the students' training-only classifier, for its parameter count (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--no-dl4j-reference", description = "Skip the students' DL4J graph.output rows.")
    boolean noDl4j;

    @Option(names = "--cache", paramLabel = "DIR", description = "Teacher cache (default: ~/.cache/bridge/teachers).")
    Path cache;

    @Option(names = "--json", paramLabel = "OUT", required = true, description = "Where to write the JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableFile("--json", json);
        List<Integer> t = threads;
        if (t == null || t.isEmpty()) {
            t = new ArrayList<>(List.of(1));
            int all = Runtime.getRuntime().availableProcessors();
            if (all > 1) {
                t.add(all);
            }
        }
        List<String> m = models != null ? models
                : train ? Bench.MODELS.stream().filter(x -> x.startsWith("S-")).toList() : Bench.MODELS;
        List<Integer> b = batches != null ? batches : train ? List.of(256) : List.of(1, 256);
        for (String x : m) {
            if (!Bench.MODELS.contains(x)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "unknown model " + x + "; one of " + Bench.MODELS);
            }
            if (train && !x.startsWith("S-")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--train measures the students only; " + x + " is a teacher");
            }
        }
        if (train && b.stream().anyMatch(x -> x < 2)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--train needs batches of at least 2 (batch norm), got " + b);
        }
        Path root = cache != null ? cache : BridgeLocations.fromSystem().teacherCache();
        BenchReport report = Bench.run(new Bench.Options(t, b, teacherBatch, m, root, classes, timings,
                minTiming, "2g", !noDl4j, train));
        AtomicFiles.writeString(json, report.toJson());
        System.out.println("machine: " + report.machine().get("cpu_model") + ", " + report.machine().get("logical_cpus")
                + " logical CPUs; load average before " + report.machine().get("load_average_before")
                + ", after " + report.machine().get("load_average_after"));
        System.out.print(report.table());
        System.out.println("written: " + json);
        return 0;
    }
}
