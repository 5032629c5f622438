package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.bridge.config.UserFacingException;
import org.bridge.nd.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Loading and running small hand-written TFJS graph models: dequantisation of every storage
 * type, load-time folding, and that folding never happens when a tensor has two readers.
 */
class TfjsGraphModelTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Nd4jRuntime.init();
    }

    /** Builds model.json + model.bin in a folder. */
    static final class ModelWriter {
        final JsonArray nodes = new JsonArray();
        final JsonArray weights = new JsonArray();
        final ByteArrayOutputStream bin = new ByteArrayOutputStream();

        ModelWriter placeholder(String name, int... shape) {
            JsonObject n = node(name, "Placeholder");
            JsonArray dims = new JsonArray();
            for (int d : shape) {
                JsonObject o = new JsonObject();
                o.addProperty("size", Integer.toString(d));
                dims.add(o);
            }
            JsonObject s = new JsonObject();
            s.add("dim", dims);
            JsonObject wrap = new JsonObject();
            wrap.add("shape", s);
            n.getAsJsonObject("attr").add("shape", wrap);
            return this;
        }

        JsonObject node(String name, String op, String... inputs) {
            JsonObject n = new JsonObject();
            n.addProperty("name", name);
            n.addProperty("op", op);
            JsonArray in = new JsonArray();
            for (String i : inputs) {
                in.add(i);
            }
            n.add("input", in);
            n.add("attr", new JsonObject());
            nodes.add(n);
            return n;
        }

        ModelWriter op(String name, String op, String... inputs) {
            node(name, op, inputs);
            return this;
        }

        ModelWriter conv(String name, String op, String x, String w, int stride, String padding) {
            JsonObject a = node(name, op, x, w).getAsJsonObject("attr");
            JsonObject strides = new JsonObject();
            JsonObject list = new JsonObject();
            JsonArray i = new JsonArray();
            for (int v : new int[] {1, stride, stride, 1}) {
                i.add(Integer.toString(v));
            }
            list.add("i", i);
            strides.add("list", list);
            a.add("strides", strides);
            JsonObject p = new JsonObject();
            p.addProperty("s", Base64.getEncoder().encodeToString(padding.getBytes(StandardCharsets.UTF_8)));
            a.add("padding", p);
            return this;
        }

        private JsonObject spec(String name, int[] shape, String dtype) {
            node(name, "Const");
            JsonObject w = new JsonObject();
            w.addProperty("name", name);
            JsonArray s = new JsonArray();
            for (int d : shape) {
                s.add(d);
            }
            w.add("shape", s);
            w.addProperty("dtype", dtype);
            weights.add(w);
            return w;
        }

        ModelWriter float32(String name, int[] shape, float[] v) {
            spec(name, shape, "float32");
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                b.putFloat(f);
            }
            bin.writeBytes(b.array());
            return this;
        }

        ModelWriter int32(String name, int[] shape, int[] v) {
            spec(name, shape, "int32");
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int f : v) {
                b.putInt(f);
            }
            bin.writeBytes(b.array());
            return this;
        }

        ModelWriter float16(String name, int[] shape, short[] halves) {
            JsonObject q = new JsonObject();
            q.addProperty("dtype", "float16");
            spec(name, shape, "float32").add("quantization", q);
            ByteBuffer b = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short h : halves) {
                b.putShort(h);
            }
            bin.writeBytes(b.array());
            return this;
        }

        ModelWriter quantized(String name, int[] shape, String dtype, double scale, double min, int[] q) {
            JsonObject qz = new JsonObject();
            qz.addProperty("dtype", dtype);
            qz.addProperty("scale", scale);
            qz.addProperty("min", min);
            spec(name, shape, "float32").add("quantization", qz);
            ByteBuffer b = ByteBuffer.allocate(q.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : q) {
                if (dtype.equals("uint8")) {
                    b.put((byte) v);
                } else {
                    b.putShort((short) v);
                }
            }
            bin.write(b.array(), 0, b.position());
            return this;
        }

        Path write(Path dir) throws Exception {
            JsonObject topo = new JsonObject();
            topo.add("node", nodes);
            JsonObject group = new JsonObject();
            JsonArray paths = new JsonArray();
            paths.add("model.bin");
            group.add("paths", paths);
            group.add("weights", weights);
            JsonArray manifest = new JsonArray();
            manifest.add(group);
            JsonObject root = new JsonObject();
            root.addProperty("format", "graph-model");
            root.add("modelTopology", topo);
            root.add("weightsManifest", manifest);
            Path json = dir.resolve("model.json");
            Files.writeString(json, root.toString());
            Files.write(dir.resolve("model.bin"), bin.toByteArray());
            return json;
        }
    }

    private static final int C_IN = 2;
    private static final int C_OUT = 3;

    /** Conv weights as halves: the float16 bit patterns of small integers / 8 (exact). */
    private static short[] halfWeights(float[] values) {
        short[] h = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            h[i] = toHalf(values[i]);
        }
        return h;
    }

    /** Float to half for values that are exactly representable (test data only). */
    private static short toHalf(float f) {
        if (f == 0) {
            return 0;
        }
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exp << 10) | mant);
    }

    private float[] convWeights() {
        Random r = new Random(1);
        float[] w = new float[3 * 3 * C_IN * C_OUT];
        for (int i = 0; i < w.length; i++) {
            w[i] = (r.nextInt(33) - 16) / 8f;
        }
        return w;
    }

    /** x -> Conv2D -> Mul(s) -> Add(b) -> Relu -> Minimum(6) -> Maximum(0) -> Mean[1,2] -> Identity. */
    private Path batchNormModel() throws Exception {
        return new ModelWriter()
                .placeholder("x", -1, 5, 5, C_IN)
                .float16("w", new int[] {3, 3, C_IN, C_OUT}, halfWeights(convWeights()))
                .quantized("s", new int[] {C_OUT}, "uint8", 0.5, -1.0, new int[] {0, 3, 255})
                .quantized("b", new int[] {C_OUT}, "uint16", 0.001, 0.25, new int[] {0, 1000, 65535})
                .float32("six", new int[] {}, new float[] {6f})
                .float32("zero", new int[] {}, new float[] {0f})
                .int32("axes", new int[] {2}, new int[] {1, 2})
                .conv("conv", "Conv2D", "x", "w", 2, "SAME")
                .op("mul", "Mul", "conv", "s")
                .op("add", "Add", "b", "mul")
                .op("relu", "Relu", "add")
                .op("min", "Minimum", "relu", "six")
                .op("max", "Maximum", "min", "zero")
                .op("mean", "Mean", "max", "axes")
                .op("out", "Identity", "mean:0")
                .write(dir);
    }

    @Test
    void dequantisesEveryStorageType() throws Exception {
        TfjsGraphModel m = TfjsGraphModel.load(batchNormModel());
        assertArrayEquals(new float[] {-1f, 0.5f, 126.5f}, m.constants().get("s").floats());
        assertArrayEquals(new float[] {(float) (0 * 0.001 + 0.25), (float) (1000 * 0.001 + 0.25),
                (float) (65535 * 0.001 + 0.25)}, m.constants().get("b").floats());
        assertArrayEquals(convWeights(), m.constants().get("w").floats());
        assertArrayEquals(new int[] {1, 2}, m.constants().get("axes").ints());
        assertEquals(6f, m.constants().get("six").scalar());
    }

    @Test
    void halfFloatsWidenExactly() {
        assertEquals(1f, TfjsWeightsManifest.halfToFloat((short) 0x3c00));
        assertEquals(-2f, TfjsWeightsManifest.halfToFloat((short) 0xc000));
        assertEquals(0.333251953125f, TfjsWeightsManifest.halfToFloat((short) 0x3555));
        assertEquals(65504f, TfjsWeightsManifest.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, TfjsWeightsManifest.halfToFloat((short) 0x0001));
        assertEquals(-0x1p-14f, TfjsWeightsManifest.halfToFloat((short) 0x8400));
        assertEquals(Float.POSITIVE_INFINITY, TfjsWeightsManifest.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(TfjsWeightsManifest.halfToFloat((short) 0x7e00)));
    }

    @Test
    void foldsBatchNormAndRelu6IntoTheConvolution() throws Exception {
        TfjsGraphModel m = TfjsGraphModel.load(batchNormModel());
        Random r = new Random(2);
        float[] x = NaiveOps.random(r, 2 * 5 * 5 * C_IN);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4; // reach both ReLU6 limits
        }
        float[] conv = NaiveOps.conv2d(x, 2, 5, 5, C_IN, convWeights(), 3, 3, C_OUT, null, 2, 2, true, 1, 1);
        float[] s = m.constants().get("s").floats();
        float[] b = m.constants().get("b").floats();
        int cells = conv.length / C_OUT / 2; // 3x3 outputs per image
        float[] expected = new float[2 * C_OUT];
        boolean clippedHigh = false;
        for (int i = 0; i < conv.length; i++) {
            int c = i % C_OUT;
            float v = Math.max(0f, Math.min(6f, conv[i] * s[c] + b[c]));
            clippedHigh |= v == 6f;
            expected[(i / (cells * C_OUT)) * C_OUT + c] += v / cells;
        }
        assertTrue(clippedHigh, "test data must reach the upper ReLU6 limit");
        try (GraphRuntime rt = GraphRuntime.compile(m, "x", "out");
             INDArray in = NdOps.fromHost(x, 2, 5, 5, C_IN); INDArray out = rt.run(in)) {
            assertEquals(List.of("CONV+RELU6 [conv, mul, add, relu, min, max]", "MEAN [mean]"), rt.program());
            assertArrayEquals(new long[] {2, C_OUT}, out.shape());
            assertTrue(NaiveOps.maxAbsDiff(expected, out.dup().data().asFloat()) < 1e-4f);
            // The caller's input is left as it was.
            assertArrayEquals(x, in.data().asFloat());
        }
    }

    /** conv feeds both a Relu and a Mul: neither may be folded into it or applied in place. */
    @Test
    void doesNotFoldIntoATensorWithTwoReaders() throws Exception {
        Path json = new ModelWriter()
                .placeholder("x", 1, 5, 5, C_IN)
                .float16("w", new int[] {3, 3, C_IN, C_OUT}, halfWeights(convWeights()))
                .float32("s", new int[] {C_OUT}, new float[] {2f, -1f, 0.5f})
                .conv("conv", "Conv2D", "x", "w", 1, "VALID")
                .op("relu", "Relu", "conv")
                .op("mul", "Mul", "conv", "s")
                .op("sum", "AddV2", "relu", "mul")
                .write(dir);
        TfjsGraphModel m = TfjsGraphModel.load(json);
        Random r = new Random(3);
        float[] x = NaiveOps.random(r, 5 * 5 * C_IN);
        float[] conv = NaiveOps.conv2d(x, 1, 5, 5, C_IN, convWeights(), 3, 3, C_OUT, null, 1, 1, false, 1, 1);
        float[] s = {2f, -1f, 0.5f};
        float[] expected = new float[conv.length];
        for (int i = 0; i < conv.length; i++) {
            expected[i] = Math.max(0f, conv[i]) + conv[i] * s[i % C_OUT];
        }
        try (GraphRuntime rt = GraphRuntime.compile(m, "x", "sum");
             INDArray in = NdOps.fromHost(x, 1, 5, 5, C_IN); INDArray out = rt.run(in)) {
            assertEquals(4, rt.stepCount(), String.join("\n", rt.program()));
            assertTrue(NaiveOps.maxAbsDiff(expected, out.dup().data().asFloat()) < 1e-4f);
        }
    }

    /** Several outputs in one pass; an output that other steps also read stays intact. */
    @Test
    void runsSeveralOutputsInOnePass() throws Exception {
        Path json = new ModelWriter()
                .placeholder("x", 1, 5, 5, C_IN)
                .float16("w", new int[] {3, 3, C_IN, C_OUT}, halfWeights(convWeights()))
                .float32("s", new int[] {C_OUT}, new float[] {2f, -1f, 0.5f})
                .conv("conv", "Conv2D", "x", "w", 1, "VALID")
                .op("relu", "Relu", "conv")
                .op("mul", "Mul", "relu", "s")
                .op("sum", "AddV2", "relu", "mul")
                .write(dir);
        TfjsGraphModel m = TfjsGraphModel.load(json);
        float[] x = NaiveOps.random(new Random(4), 5 * 5 * C_IN);
        float[] conv = NaiveOps.conv2d(x, 1, 5, 5, C_IN, convWeights(), 3, 3, C_OUT, null, 1, 1, false, 1, 1);
        float[] relu = new float[conv.length];
        float[] sum = new float[conv.length];
        float[] s = {2f, -1f, 0.5f};
        for (int i = 0; i < conv.length; i++) {
            relu[i] = Math.max(0f, conv[i]);
            sum[i] = relu[i] + relu[i] * s[i % C_OUT];
        }
        try (GraphRuntime rt = GraphRuntime.compile(m, "x", List.of("sum", "relu", "x", "relu"));
             INDArray in = NdOps.fromHost(x, 1, 5, 5, C_IN)) {
            INDArray[] out = rt.runAll(in);
            assertTrue(NaiveOps.maxAbsDiff(sum, out[0].dup().data().asFloat()) < 1e-4f);
            assertTrue(NaiveOps.maxAbsDiff(relu, out[1].dup().data().asFloat()) < 1e-4f);
            assertArrayEquals(x, out[2].data().asFloat());
            assertTrue(out[2] != in && out[3] != out[1], "each result is the caller's own array");
            assertTrue(NaiveOps.maxAbsDiff(relu, out[3].dup().data().asFloat()) < 1e-4f);
            for (INDArray o : out) {
                o.close();
            }
            assertThrows(IllegalStateException.class, () -> rt.run(in));
        }
    }

    @Test
    void missingShardNamesTheFile() throws Exception {
        Path json = batchNormModel();
        Files.delete(dir.resolve("model.bin"));
        UserFacingException e = assertThrows(UserFacingException.class, () -> TfjsGraphModel.load(json));
        assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
    }

    @Test
    void truncatedShardIsReported() throws Exception {
        Path json = batchNormModel();
        byte[] bin = Files.readAllBytes(dir.resolve("model.bin"));
        Files.write(dir.resolve("model.bin"), java.util.Arrays.copyOf(bin, bin.length - 5));
        UserFacingException e = assertThrows(UserFacingException.class, () -> TfjsGraphModel.load(json));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void unsupportedOpIsReportedWithItsNode() throws Exception {
        Path json = new ModelWriter()
                .placeholder("x", 1, 4)
                .op("weird", "Cumsum", "x")
                .write(dir);
        TfjsGraphModel m = TfjsGraphModel.load(json);
        UserFacingException e = assertThrows(UserFacingException.class, () -> GraphRuntime.compile(m, "x", "weird"));
        assertTrue(e.getMessage().contains("weird") && e.getMessage().contains("Cumsum"), e.getMessage());
    }

    @Test
    void danglingInputIsReported() throws Exception {
        Path json = new ModelWriter().placeholder("x", 1, 4).op("y", "Relu", "nowhere").write(dir);
        UserFacingException e = assertThrows(UserFacingException.class, () -> TfjsGraphModel.load(json));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void realModelsUseOnlySupportedOps() {
        TeacherWeights w = org.bridge.testsupport.RequiredResources.teacherWeights();
        // The op inventory the runtime's documentation lists; a changed package would show here.
        assertEquals("{Add=27, Const=128, Conv2D=14, DepthwiseConv2dNative=13, Maximum=27, Mean=1, Minimum=27, "
                + "Mul=13, Placeholder=1, Relu=27, Sigmoid=1, Softmax=1, _FusedMatMul=3}",
                TfjsGraphModel.load(w.faceresModel()).opCounts().toString());
        assertEquals("{AddV2=31, Const=112, DepthwiseConv2dNative=32, Identity=4, MaxPool=3, Pad=2, "
                + "Placeholder=1, Relu=31, Reshape=4, _FusedConv2D=37}",
                TfjsGraphModel.load(w.blazefaceModel()).opCounts().toString());
        // Heads of faceres compile too (age/gender are never used, but must not be rejected).
        try (GraphRuntime age = GraphRuntime.compile(TfjsGraphModel.load(w.faceresModel()), "input_1", "age_pred/Softmax");
             GraphRuntime gender = GraphRuntime.compile(TfjsGraphModel.load(w.faceresModel()), "input_1", "gender_pred/Sigmoid")) {
            assertTrue(age.stepCount() > 28 && gender.stepCount() > 28);
        }
    }
}
