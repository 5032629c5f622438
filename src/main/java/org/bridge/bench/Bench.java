package org.bridge.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * The efficiency benchmark (issue 7). This JVM never loads the native backend: for each thread
 * count it starts a {@link BenchWorker} JVM with the same class path, {@code OMP_NUM_THREADS},
 * {@code MKL_NUM_THREADS} and {@code OPENBLAS_NUM_THREADS} set to that count in its environment
 * (OpenMP reads them once, when libnd4j loads) and {@code -XX:ActiveProcessorCount}, then merges
 * the workers' rows, adds the student/teacher speed ratios and the machine description.
 */
public final class Bench {

    public static final List<String> MODELS = List.of("S-16", "S-32", "S-64", "S-96", "T-V", "T-C");

    /** What to measure. */
    public record Options(List<Integer> threads, List<Integer> batches, int teacherBatch, List<String> models,
                          Path teacherCache, int classes, int timings, double minTimingSeconds, String workerHeap,
                          boolean dl4jReference, boolean training) {
    }

    private Bench() {
    }

    public static BenchReport run(Options o) throws IOException, InterruptedException {
        Map<String, Object> machine = machine();
        machine.put("load_average_before", loadAverage());
        List<BenchRow> rows = new ArrayList<>();
        List<Object> workers = new ArrayList<>();
        for (int t : o.threads()) {
            Path out = Files.createTempFile("bridge-bench-" + t + "-", ".json");
            try {
                List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + o.workerHeap(),
                        "-XX:ActiveProcessorCount=" + t, "-cp", System.getProperty("java.class.path"),
                        BenchWorker.class.getName(), "--threads", String.valueOf(t),
                        "--batches", join(o.batches()), "--teacher-batch", String.valueOf(o.teacherBatch()),
                        "--models", String.join(",", o.models()), "--cache", o.teacherCache().toString(),
                        "--classes", String.valueOf(o.classes()), "--timings", String.valueOf(o.timings()),
                        "--min-timing", String.valueOf(o.minTimingSeconds()),
                        "--dl4j-reference", String.valueOf(o.dl4jReference()),
                        "--train", String.valueOf(o.training()), "--out", out.toString()));
                ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
                    pb.environment().put(v, String.valueOf(t));
                }
                // Other Java options of the caller would go to the worker too: not wanted.
                pb.environment().remove("JAVA_TOOL_OPTIONS");
                int rc = pb.start().waitFor();
                if (rc != 0 && Files.size(out) == 0) {
                    throw new IOException("bench worker for " + t + " thread(s) failed with exit code " + rc
                            + " before it measured anything");
                }
                // A worker that failed part-way keeps the rows it wrote; the failure is reported with them.
                JsonObject w = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
                if (rc != 0) {
                    w.addProperty("exit_code", rc);
                    System.err.println("bench: the worker for " + t + " thread(s) ended with exit code " + rc
                            + "; its rows measured before that are kept");
                }
                JsonElement r = w.remove("rows");
                List<BenchRow> part = BenchReport.GSON.fromJson(r, new TypeToken<List<BenchRow>>() { }.getType());
                rows.addAll(part);
                w.addProperty("threads", t);
                workers.add(w);
            } finally {
                Files.deleteIfExists(out);
            }
        }
        machine.put("load_average_after", loadAverage());
        machine.put("workers", workers);
        machine.put("teacher_batch", o.teacherBatch());
        machine.put("notes", List.of(
                "threads = OpenMP threads of the measuring JVM. Each thread count runs in its own JVM started with "
                        + "OMP_NUM_THREADS = MKL_NUM_THREADS = OPENBLAS_NUM_THREADS = N in its environment (OpenMP "
                        + "fixes its pool when libnd4j loads), -XX:ActiveProcessorCount=N, and "
                        + "Nd4j.getEnvironment().setMaxThreads(N)/setMaxMasterThreads(N); all inference calls run on "
                        + "the worker's main Java thread. cpu_per_wall shows the CPU actually used while timing.",
                "faces_per_second: median over repeated timings after a warm-up (>= 2 calls and >= 1 s); each "
                        + "timing runs enough back-to-back calls to last >= " + o.minTimingSeconds() + " s; spread "
                        + "= min, max and quartiles of the timings.",
                "students: untrained, randomly initialised networks of the real architecture (StudentNetwork); "
                        + "path fast = StudentInference (batch norm folded, oneDNN conv2d in NHWC, preallocated "
                        + "buffers), path dl4j = ComputationGraph.output of the same network.",
                "teachers: the network alone on a preprocessed random batch (TeacherNetwork.embed); at most "
                        + o.teacherBatch() + " faces per call (their batch column), compared with the students' "
                        + "requested batch; no cropping/alignment timed.",
                "memory_bytes_per_face: float32 layer outputs of one forward pass per face (fast path: its "
                        + "buffers including the input; dl4j: every graph vertex; teachers: every counted op's "
                        + "output); rss_bytes: resident size of the worker JVM after the timing (cumulative over "
                        + "the models measured before it in that JVM).",
                "training rows (bench --train): faces_per_second = training samples per second of whole "
                        + "iterations (batch assembly from in-memory samples, forward, backward, Adam update, "
                        + "the per-output scores), same warm-up and timings as above; path dl4j = the iteration "
                        + "StudentTrainer runs with engine DL4J (ComputationGraph.fit on supervision sc's NCHW "
                        + "graph), path fast = engine FAST (the same graph channels-last, convolution outputs "
                        + "kept for backward), path handwritten = engine HANDWRITTEN (StudentTrainingStep: "
                        + "hand-written NHWC forward/backward with fused batch norm, oneDNN conv2d/conv2d_bp, "
                        + "preallocated buffers, then DL4J's updater); "
                        + "memory_bytes_per_face = float32 outputs of every vertex of one forward pass."));
        return new BenchReport(machine, BenchReport.withSpeedups(rows));
    }

    private static String join(List<Integer> v) {
        StringBuilder b = new StringBuilder();
        for (int x : v) {
            b.append(b.length() > 0 ? "," : "").append(x);
        }
        return b.toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** CPU model, core count, OS, Java. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel());
        m.put("logical_cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("memory_bytes", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize());
        m.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        m.put("date", OffsetDateTime.now().toString());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(new File("/proc/cpuinfo").toPath())) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
