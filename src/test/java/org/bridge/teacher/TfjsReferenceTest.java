package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The real pretrained networks on ND4J against TensorFlow.js on the same inputs
 * (fixture: src/test/resources/org/bridge/teacher/tfjs-reference.json, made by
 * src/test/tfjs-reference/gen.js). Criteria per output row: max abs diff at most 1e-3 of the
 * row's largest magnitude, and cosine at least 0.99999.
 */
class TfjsReferenceTest {

    private static JsonObject fixture;

    @BeforeAll
    static void load() throws Exception {
        Nd4jRuntime.init();
        try (var in = TfjsReferenceTest.class.getResourceAsStream("tfjs-reference.json")) {
            fixture = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    static float[] floats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }

    /** Asserts the agreement criteria and returns {max abs diff, cosine} for reporting. */
    static double[] assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        double maxRef = 0;
        double maxDiff = 0;
        double dot = 0;
        double ne = 0;
        double na = 0;
        for (int i = 0; i < expected.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            dot += (double) expected[i] * actual[i];
            ne += (double) expected[i] * expected[i];
            na += (double) actual[i] * actual[i];
        }
        double cos = dot / Math.sqrt(ne * na);
        assertTrue(maxRef > 0, what + ": reference is all zero, the fixture is useless");
        assertTrue(maxDiff <= 1e-3 * maxRef, what + ": max abs diff " + maxDiff + " vs scale " + maxRef);
        assertTrue(cos >= 0.99999, what + ": cosine " + cos);
        return new double[] {maxDiff, cos};
    }

    @Test
    void faceresMatchesTfjs() {
        JsonObject ref = fixture.getAsJsonObject("faceres");
        JsonArray rows = ref.getAsJsonArray("features");
        try (FaceresTeacher v = Teachers.faceres(RequiredResources.teacherWeights())) {
            List<RgbImage> crops = List.of(ReferencePatterns.image(0, 224), ReferencePatterns.image(1, 224),
                    ReferencePatterns.image(2, 224));
            float[][] f = v.features(crops);
            for (int i = 0; i < rows.size(); i++) {
                double[] d = assertClose("faceres image " + i, floats(rows.get(i).getAsJsonArray()), f[i]);
                System.out.printf("faceres image %d: max abs diff %.3g, cosine %.7f%n", i, d[0], d[1]);
            }
            // 14 Conv2D + 13 depthwise with batch norm and ReLU6 folded in, plus the mean:
            // 28 steps where the graph has 155 non-constant nodes up to the embedding.
            assertEquals(28, v.runtime().stepCount(), String.join("\n", v.runtime().program()));
        }
    }

    @Test
    void faceApiMatchesTfjs() {
        JsonArray rows = fixture.getAsJsonObject("faceApi").getAsJsonArray("descriptors");
        try (FaceApiTeacher c = Teachers.faceApi(RequiredResources.teacherWeights())) {
            List<RgbImage> crops = List.of(ReferencePatterns.image(0, 150), ReferencePatterns.image(1, 150),
                    ReferencePatterns.image(2, 150));
            float[][] f = c.features(crops);
            for (int i = 0; i < rows.size(); i++) {
                double[] d = assertClose("face-api image " + i, floats(rows.get(i).getAsJsonArray()), f[i]);
                System.out.printf("face-api image %d: max abs diff %.3g, cosine %.7f%n", i, d[0], d[1]);
            }
        }
    }

    @Test
    void ensembleIsBothNormalisedFeaturesSideBySide() {
        try (Teacher e = Teachers.load(TeacherId.E, RequiredResources.teacherWeights())) {
            EnsembleTeacher ens = (EnsembleTeacher) e;
            List<RgbImage> faces = List.of(ReferencePatterns.image(1, 250));
            // A cropper that just takes the top-left square each network needs.
            FaceCropper topLeft = (face, net) -> {
                RgbImage out = RgbImage.blank(net.inputSize(), net.inputSize());
                for (int y = 0; y < net.inputSize(); y++) {
                    for (int x = 0; x < net.inputSize(); x++) {
                        for (int ch = 0; ch < 3; ch++) {
                            out.set(x, y, ch, face.get(x, y, ch));
                        }
                    }
                }
                return out;
            };
            float[] f = e.features(faces, topLeft)[0];
            assertEquals(1152, f.length);
            assertEquals(1152, e.featureDimension());
            float[] v = ens.v().features(faces, topLeft)[0];
            float[] c = ens.c().features(faces, topLeft)[0];
            double nv = norm(v);
            double nc = norm(c);
            for (int i = 0; i < 1024; i++) {
                assertEquals(v[i] / nv, f[i], 1e-6);
            }
            for (int i = 0; i < 128; i++) {
                assertEquals(c[i] / nc, f[1024 + i], 1e-6);
            }
        }
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float f : x) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }

    @Test
    void blazefaceRawOutputsMatchTfjs() {
        JsonObject ref = fixture.getAsJsonObject("blazeface");
        int size = ref.get("size").getAsInt();
        int img = ref.get("image").getAsInt();
        float[] input = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    input[(y * size + x) * 3 + ch] = ReferencePatterns.pattern(img, y, x, ch) / 127.5f - 1f;
                }
            }
        }
        TfjsGraphModel model = TfjsGraphModel.load(RequiredResources.teacherWeights().blazefaceModel());
        JsonObject outputs = ref.getAsJsonObject("outputs");
        List<String> names = List.copyOf(outputs.keySet());
        try (INDArray in = NdOps.fromHost(input, 1, size, size, 3);
             GraphRuntime rt = GraphRuntime.compile(model, ref.get("input").getAsString(), names)) {
            INDArray[] results = rt.runAll(in);
            System.out.printf("blazeface: %d steps for %d outputs%n", rt.stepCount(), names.size());
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                JsonObject o = outputs.getAsJsonObject(name);
                int step = o.get("anchorStep").getAsInt();
                JsonArray values = o.getAsJsonArray("values");
                try (INDArray out = results[i]) {
                    JsonArray shape = o.getAsJsonArray("shape");
                    for (int d = 0; d < 3; d++) {
                        assertEquals(shape.get(d).getAsLong(), out.size(d), name + " dim " + d);
                    }
                    int k = (int) out.size(2);
                    float[] all = out.dup('c').data().asFloat();
                    float[] expected = new float[values.size() * k];
                    float[] actual = new float[values.size() * k];
                    for (int r = 0; r < values.size(); r++) {
                        float[] row = floats(values.get(r).getAsJsonArray());
                        System.arraycopy(row, 0, expected, r * k, k);
                        System.arraycopy(all, r * step * k, actual, r * k, k);
                    }
                    double[] d = assertClose("blazeface " + name, expected, actual);
                    System.out.printf("blazeface %s: max abs diff %.3g, cosine %.7f%n", name, d[0], d[1]);
                }
            }
        }
    }
}
