package org.bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.distill.ClassifierHead;
import org.bridge.distill.RegressionHead;
import org.bridge.distill.Student;
import org.bridge.distill.StudentInference;
import org.bridge.distill.StudentNetwork;
import org.bridge.nd.Nd4jRuntime;
import org.bridge.teacher.FaceApiTeacher;
import org.bridge.teacher.FaceresTeacher;
import org.bridge.teacher.OpCounter;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherNetwork;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.Teachers;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Measures every model at one thread count, in its own JVM: OpenMP fixes its thread count when
 * the native library loads, so {@link Bench} starts one worker per thread count with
 * {@code OMP_NUM_THREADS} (and MKL/OpenBLAS) set in its environment, {@code -XX:ActiveProcessorCount},
 * and the worker also sets ND4J's {@code maxThreads}/{@code maxMasterThreads}. All inference runs
 * on the worker's main thread. Writes a JSON array of {@link BenchRow}s (without speed-ups).
 *
 * <p>{@code java -cp bridge.jar org.bridge.bench.BenchWorker --threads N --batches 1,256
 * --teacher-batch 32 --cache DIR --out FILE [--models S-16,...] [--timings 7] [--min-timing 0.25]}
 */
public final class BenchWorker {

    /** Students are untrained: speed does not depend on the weights; the seed is fixed anyway. */
    static final long SEED = 7;

    private final int threads;
    private final List<Integer> batches;
    private final int teacherBatch;
    private final TeacherWeights weights;
    private final int classes;
    private final int timings;
    private final double minTimingSeconds;
    private final boolean dl4jReference;

    BenchWorker(int threads, List<Integer> batches, int teacherBatch, TeacherWeights weights, int classes, int timings,
                double minTimingSeconds, boolean dl4jReference) {
        this.threads = threads;
        this.batches = batches;
        this.teacherBatch = teacherBatch;
        this.weights = weights;
        this.classes = classes;
        this.timings = timings;
        this.minTimingSeconds = minTimingSeconds;
        this.dl4jReference = dl4jReference;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int threads = Integer.parseInt(a.getOrDefault("--threads", "1"));
        List<Integer> batches = new ArrayList<>();
        for (String b : a.getOrDefault("--batches", "1,256").split(",")) {
            batches.add(Integer.parseInt(b.trim()));
        }
        List<String> models = List.of(a.getOrDefault("--models", String.join(",", Bench.MODELS)).split(","));
        BenchWorker w = new BenchWorker(threads, batches, Integer.parseInt(a.getOrDefault("--teacher-batch", "32")),
                new TeacherWeights(Path.of(a.get("--cache"))), Integer.parseInt(a.getOrDefault("--classes", "1000")),
                Integer.parseInt(a.getOrDefault("--timings", "7")),
                Double.parseDouble(a.getOrDefault("--min-timing", "0.25")),
                Boolean.parseBoolean(a.getOrDefault("--dl4j-reference", "true")));
        Nd4jRuntime.init();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        JsonObject out = new JsonObject();
        out.addProperty("backend", Nd4jRuntime.describe());
        out.addProperty("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        out.addProperty("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        out.addProperty("java_available_processors", Runtime.getRuntime().availableProcessors());
        List<BenchRow> rows = new ArrayList<>();
        for (String m : models) {
            rows.addAll(m.startsWith("S-") ? w.student(Integer.parseInt(m.substring(2))) : w.teacher(m));
        }
        out.add("rows", JsonParser.parseString(BenchReport.GSON.toJson(rows)));
        Files.writeString(Path.of(a.get("--out")), BenchReport.GSON.toJson(out));
    }

    List<BenchRow> student(int p) throws IOException {
        String model = "S-" + p;
        // The deployed part alone: regression onto the mimic layer adds no parameters.
        ComputationGraph net = StudentNetwork.regressionOnly(RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED))
                .build(p, new Sgd(0.01), 0, SEED);
        StudentNetwork.ParameterCount count = StudentNetwork.countParameters(net);
        ComputationGraph withClassifier = StudentNetwork.of(classes, ClassifierHead.softmax(), null)
                .build(p, new Sgd(0.01), 0, SEED);
        long classifier = StudentNetwork.countParameters(withClassifier).classifier();
        StudentInference fast = StudentInference.of(net);
        Student dl4j = new Student(net);
        InputType in = InputType.convolutional(p, p, 3);
        long macs = MultiplyAdds.count(net.getConfiguration(), in, Set.of(StudentNetwork.REGRESSION));
        BenchRow.Flops flops = new BenchRow.Flops(macs, "multiply-adds per face counted per layer from DL4J's inferred "
                + "shapes: conv outH*outW*nOut*kH*kW*nIn, dense nIn*nOut; batch norm (folded), pooling, ReLU, "
                + "additions, biases not counted");
        BenchRow.Params params = new BenchRow.Params(count.toMimic(), count.trainableToMimic(), fast.parameters(),
                classifier, "untrained, randomly initialised student of the real architecture (speed does not depend "
                + "on the weights); classifier = softmax identity layer for " + classes + " identities");
        Path zip = Files.createTempFile("bench-student", ".zip");
        long modelBytes;
        try {
            ModelSerializer.writeModel(net, zip.toFile(), false);
            modelBytes = Files.size(zip);
        } finally {
            Files.deleteIfExists(zip);
        }
        List<BenchRow> rows = new ArrayList<>();
        for (int b : batches) {
            INDArray x = Nd4j.rand(DataType.FLOAT, b, 3, p, p).muli(255);
            rows.add(measure(model, "fast", b, b, p + "x" + p + "x3", () -> fast.features(x), params, flops,
                    modelBytes, StudentInference.activationBytesPerFace(p)));
            fast.close();
            if (dl4jReference && b == batches.get(batches.size() - 1)) {
                long act = MultiplyAdds.activationBytes(net.getConfiguration(), in, Set.of(StudentNetwork.REGRESSION));
                rows.add(measure(model, "dl4j", b, b, p + "x" + p + "x3", () -> dl4j.graphFeatureArray(x), params,
                        flops, modelBytes, act));
            }
            x.close();
        }
        return rows;
    }

    List<BenchRow> teacher(String model) throws IOException {
        TeacherId id = TeacherId.valueOf(model.substring(2));
        TeacherNetwork t = (TeacherNetwork) Teachers.load(id, weights);
        try {
            int s = t.inputSize();
            PinnedPackage pkg = id == TeacherId.V ? PinnedPackage.HUMAN : PinnedPackage.FACE_API;
            List<Path> files = id == TeacherId.V
                    ? List.of(weights.faceresModel(), weights.faceresModel().resolveSibling("faceres.bin"))
                    : List.of(weights.faceApiManifest(), weights.faceApiManifest().resolveSibling("face_recognition_model.bin"));
            long modelBytes = 0;
            for (Path f : files) {
                modelBytes += Files.size(f);
            }
            long[] stored = storedFloatWeights(id, files.get(0));
            BenchRow.Params params = new BenchRow.Params(stored[0], null, null, 0,
                    "float weights stored in " + pkg.spec() + (stored[1] > 0 ? " (" + stored[1]
                            + " of them in the unused age/gender heads, never computed)" : "")
                    + "; no classifier is part of the teacher as used");
            INDArray one = input(t, 1);
            OpCounter.Counts counts = OpCounter.count(() -> {
                t.embed(one).close();
                return null;
            });
            BenchRow.Flops flops = new BenchRow.Flops(counts.multiplyAdds(), "multiply-adds per face counted per op "
                    + "while the network runs one face: conv output elements*kH*kW*iC, depthwise *kH*kW, matmul *K; "
                    + "element-wise ops, pooling, biases not counted");
            List<BenchRow> rows = new ArrayList<>();
            for (int requested : batches) {
                int b = Math.min(requested, teacherBatch);
                INDArray x = input(t, b);
                rows.add(measure(model, "teacher", b, requested, s + "x" + s + "x3", () -> t.embed(x), params, flops,
                        modelBytes, counts.outputBytes()));
                x.close();
            }
            return rows;
        } finally {
            t.close();
        }
    }

    private static INDArray input(TeacherNetwork t, int b) {
        int s = t.inputSize();
        // Preprocessed range of each teacher (V: BGR minus means, C: (x - mean) / 255).
        double scale = t instanceof FaceresTeacher ? 60 : 0.25;
        return Nd4j.randn(DataType.FLOAT, b, s, s, 3).muli(scale);
    }

    /** Float weights in the model's manifest: [all, in age/gender heads]. */
    private static long[] storedFloatWeights(TeacherId id, Path modelFile) throws IOException {
        JsonElement root = JsonParser.parseString(Files.readString(modelFile));
        JsonArray groups = root.isJsonObject() ? root.getAsJsonObject().getAsJsonArray("weightsManifest")
                : root.getAsJsonArray();
        long all = 0;
        long heads = 0;
        for (JsonElement g : groups) {
            for (JsonElement w : g.getAsJsonObject().getAsJsonArray("weights")) {
                JsonObject o = w.getAsJsonObject();
                if (!"float32".equals(o.get("dtype").getAsString())) {
                    continue;
                }
                long n = 1;
                for (JsonElement d : o.getAsJsonArray("shape")) {
                    n *= d.getAsLong();
                }
                all += n;
                String name = o.get("name").getAsString();
                if (id == TeacherId.V && (name.startsWith("age") || name.startsWith("gender"))) {
                    heads += n;
                }
            }
        }
        return new long[] {all - heads, heads};
    }

    private BenchRow measure(String model, String path, int batch, int requested, String input,
                             Supplier<INDArray> call, BenchRow.Params params, BenchRow.Flops flops, long modelBytes,
                             long memoryPerFace) {
        System.err.printf("bench [%d thread%s] %s %s batch %d ...%n", threads, threads == 1 ? "" : "s", model, path, batch);
        // Warm-up: at least 2 calls and 1 s (JIT, oneDNN kernels, buffers).
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 2 || System.nanoTime() - start < 1_000_000_000L) {
            call.get().close();
            warm++;
        }
        double perCall = (System.nanoTime() - start) / 1e9 / warm;
        int callsPerTiming = (int) Math.max(1, Math.ceil(minTimingSeconds / perCall));
        double[] wall = new double[timings];
        double[] cpu = new double[timings];
        double cpuSum = 0;
        double wallSum = 0;
        for (int i = 0; i < timings; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int k = 0; k < callsPerTiming; k++) {
                call.get().close();
            }
            long dt = System.nanoTime() - t0;
            long dc = processCpuNanos() - c0;
            double faces = (double) callsPerTiming * batch;
            wall[i] = faces / (dt / 1e9);
            cpu[i] = faces / (dc / 1e9);
            wallSum += dt;
            cpuSum += dc;
        }
        TimingStats w = TimingStats.of(wall);
        TimingStats c = TimingStats.of(cpu);
        System.err.printf("  %.1f faces/s (min %.1f, max %.1f; %d timings x %d calls), %.1f per CPU-second%n",
                w.median(), w.min(), w.max(), timings, callsPerTiming, c.median());
        return new BenchRow(model, path, threads, batch, requested, input, w.median(), BenchRow.Spread.of(w),
                c.median(), cpuSum / wallSum, params, flops, modelBytes, memoryPerFace, residentBytes(), null);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmRSS of this process (0 where /proc is missing). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
