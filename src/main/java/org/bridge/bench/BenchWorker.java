package org.bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.distill.ClassifierHead;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.LearningRateShape;
import org.bridge.distill.RegressionHead;
import org.bridge.distill.Student;
import org.bridge.distill.StudentInference;
import org.bridge.distill.StudentInput;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.StudentSamples;
import org.bridge.distill.StudentTrainer;
import org.bridge.distill.TrainingPhase;
import org.bridge.distill.TrainingPlan;
import org.bridge.nd.Nd4jRuntime;
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
    private final boolean training;
    /** Rows that could not be measured (e.g. out of memory), with why; reported beside the rows. */
    private final List<String> failures = new ArrayList<>();

    BenchWorker(int threads, List<Integer> batches, int teacherBatch, TeacherWeights weights, int classes, int timings,
                double minTimingSeconds, boolean dl4jReference, boolean training) {
        this.threads = threads;
        this.batches = batches;
        this.teacherBatch = teacherBatch;
        this.weights = weights;
        this.classes = classes;
        this.timings = timings;
        this.minTimingSeconds = minTimingSeconds;
        this.dl4jReference = dl4jReference;
        this.training = training;
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
                Boolean.parseBoolean(a.getOrDefault("--dl4j-reference", "true")),
                Boolean.parseBoolean(a.getOrDefault("--train", "false")));
        Nd4jRuntime.init();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        JsonObject out = new JsonObject();
        out.addProperty("backend", Nd4jRuntime.describe());
        out.addProperty("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        out.addProperty("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        out.addProperty("java_available_processors", Runtime.getRuntime().availableProcessors());
        List<BenchRow> rows = new ArrayList<>();
        Path outFile = Path.of(a.get("--out"));
        for (String m : models) {
            try {
                if (w.training) {
                    rows.addAll(w.studentTraining(Integer.parseInt(m.substring(2))));
                } else {
                    rows.addAll(m.startsWith("S-") ? w.student(Integer.parseInt(m.substring(2))) : w.teacher(m));
                }
            } catch (OutOfMemoryError e) {
                w.failures.add(m + ": out of memory (" + e.getMessage() + ")");
                System.err.println("bench: " + w.failures.get(w.failures.size() - 1));
            }
            releaseMemory();
            write(out, rows, w.failures, outFile); // after every model: a later failure loses nothing measured
        }
    }

    private static void write(JsonObject header, List<BenchRow> rows, List<String> failures, Path file) throws IOException {
        JsonObject out = header.deepCopy();
        out.add("rows", JsonParser.parseString(BenchReport.GSON.toJson(rows)));
        if (!failures.isEmpty()) {
            out.add("failed", JsonParser.parseString(BenchReport.GSON.toJson(failures)));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, BenchReport.GSON.toJson(out));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
            rows.add(measure(model, "fast", BenchRow.INFERENCE, b, b, p + "x" + p + "x3", () -> fast.features(x).close(), params, flops,
                    modelBytes, StudentInference.activationBytesPerFace(p)));
            fast.close();
            if (dl4jReference && b == batches.get(batches.size() - 1)) {
                long act = MultiplyAdds.activationBytes(net.getConfiguration(), in, Set.of(StudentNetwork.REGRESSION));
                rows.add(measure(model, "dl4j", BenchRow.INFERENCE, b, b, p + "x" + p + "x3", () -> dl4j.graphFeatureArray(x).close(), params,
                        flops, modelBytes, act));
            }
            x.close();
        }
        return rows;
    }

    /**
     * Training iterations of S-p with supervision sc (identity softmax over {@code classes} classes
     * plus the unit-sphere regression of the mimic layer), planned as the experiments' default
     * training settings plan them: Adam, learning rate 0.001 with the cosine shape, weight decay
     * 5e-4, horizontal flips. Samples are random faces, labels and unit targets, four batches of
     * them, cycled.
     */
    List<BenchRow> studentTraining(int p) {
        String model = "S-" + p;
        StudentNetwork sc = StudentNetwork.of(classes, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
        InputType in = InputType.convolutional(p, p, 3);
        List<BenchRow> rows = new ArrayList<>();
        for (int b : batches) {
            TrainingPlan plan = TrainingPlan.builder().adam().batchSize(b).weightDecay(5e-4).seed(SEED)
                    .horizontalFlip(true).schedule(LearningRateShape.COSINE)
                    .phase(TrainingPhase.full("fine-tune", 20, 0.001)).build();
            StudentSamples samples = randomSamples(p, 4 * b, classes, new Random(SEED));
            StudentTrainer.Iterations dl4j = new StudentTrainer(sc, plan, null).iterations(samples);
            ComputationGraph net = dl4j.network();
            StudentNetwork.ParameterCount count = StudentNetwork.countParameters(net);
            BenchRow.Params params = new BenchRow.Params(count.toMimic(), count.trainableToMimic(), null,
                    count.classifier(), "untrained student of the real architecture with supervision sc's heads: "
                    + "softmax identity layer for " + classes + " identities and the unit-sphere regression "
                    + "of the mimic layer (no parameters)");
            long macs = MultiplyAdds.count(net.getConfiguration(), in, Set.of(StudentNetwork.REGRESSION));
            BenchRow.Flops flops = new BenchRow.Flops(macs, "forward multiply-adds per sample of the deployed part "
                    + "(as in the inference rows; the identity layer adds 128 x classes); a training iteration "
                    + "costs about 3x the forward (forward, input gradients, weight gradients)");
            long act = MultiplyAdds.activationBytes(net.getConfiguration(), in, Set.of());
            for (TrainingPlan.Engine engine : TrainingPlan.Engine.values()) {
                String path = engine.name().toLowerCase(java.util.Locale.ROOT);
                try {
                    StudentTrainer.Iterations it = engine == TrainingPlan.Engine.DL4J ? dl4j
                            : new StudentTrainer(sc, plan.toBuilder().engine(engine).build(), null).iterations(samples);
                    rows.add(measure(model, path, BenchRow.TRAINING, b, b, p + "x" + p + "x3", it::next, params, flops,
                            0, act));
                } catch (OutOfMemoryError e) {
                    failures.add(model + " training " + path + " batch " + b + ": out of memory (" + e.getMessage() + ")");
                    System.err.println("bench: " + failures.get(failures.size() - 1));
                }
                releaseMemory();
            }
        }
        return rows;
    }

    /** Frees what the last row left behind (workspaces, off-heap buffers), so rows do not add up to an out-of-memory. */
    private static void releaseMemory() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
    }

    /** {@code n} random p x p faces (0..255), labels in [0, classes) and unit 128-D targets. */
    static StudentSamples randomSamples(int p, int n, int classes, Random random) {
        float[] inputs = new float[n * StudentInput.length(p)];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(256);
        }
        int[] labels = new int[n];
        int d = StudentNetwork.MIMIC_DIMENSION;
        float[] targets = new float[n * d];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            double norm = 0;
            for (int k = 0; k < d; k++) {
                targets[i * d + k] = (float) random.nextGaussian();
                norm += targets[i * d + k] * targets[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                targets[i * d + k] /= (float) Math.sqrt(norm);
            }
        }
        return new InMemoryStudentSamples(p, inputs, labels, classes, targets, d);
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
                rows.add(measure(model, "teacher", BenchRow.INFERENCE, b, requested, s + "x" + s + "x3", () -> t.embed(x).close(), params, flops,
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

    private BenchRow measure(String model, String path, String task, int batch, int requested, String input,
                             Runnable call, BenchRow.Params params, BenchRow.Flops flops, long modelBytes,
                             long memoryPerFace) {
        System.err.printf("bench [%d thread%s] %s %s %s batch %d ...%n", threads, threads == 1 ? "" : "s", model, task, path,
                batch);
        // Warm-up: at least 2 calls and 1 s (JIT, oneDNN kernels, buffers).
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 2 || System.nanoTime() - start < 1_000_000_000L) {
            call.run();
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
                call.run();
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
        System.err.printf("  %.1f faces (samples)/s (min %.1f, max %.1f; %d timings x %d calls), %.1f per CPU-second%n",
                w.median(), w.min(), w.max(), timings, callsPerTiming, c.median());
        return new BenchRow(model, path, task, threads, batch, requested, input, w.median(), BenchRow.Spread.of(w),
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
