package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code teacher-eval} end to end on a 20-pair LFW subset (the first matched and the first
 * mismatched pair of each of the 10 folds of the real pairs.txt), with a fresh feature cache:
 * the JSON has the documented keys, a second call computes nothing, hallucination and alignment
 * show in the JSON and the cache key. The images are linked, not copied; the teacher weights are
 * linked from the real teacher cache.
 */
class TeacherEvalCommandTest {

    private static final List<String> REQUIRED = List.of("teacher", "resolution", "alignment", "accuracy",
            "accuracy_std", "auc", "tpr_at_fpr_10", "tpr_at_fpr_1", "faces_per_second", "pairs");

    @TempDir
    static Path tmp;
    private static Path lfw;
    private static Path cache;

    @BeforeAll
    static void subset() throws IOException {
        Path real = RequiredResources.lfw();
        Path weights = RequiredResources.teacherWeights().weightsDir();
        List<String> lines = Files.readAllLines(real.resolve("pairs.txt"));
        int perFold = Integer.parseInt(lines.get(0).trim().split("\\s+")[1]);
        List<String> out = new ArrayList<>(List.of("10\t1"));
        for (int fold = 0; fold < 10; fold++) {
            int first = 1 + fold * 2 * perFold;
            out.add(lines.get(first));
            out.add(lines.get(first + perFold));
        }
        lfw = Files.createDirectories(tmp.resolve("lfw"));
        Files.write(lfw.resolve("pairs.txt"), out);
        Files.createSymbolicLink(lfw.resolve("lfw-deepfunneled"), real.resolve("lfw-deepfunneled").toAbsolutePath());
        cache = Files.createDirectories(tmp.resolve("cache"));
        Files.createSymbolicLink(cache.resolve("weights"), weights.toAbsolutePath());
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = Main.run(args);
            capture.flush();
            assertEquals(0, code, String.join(" ", args) + ":\n" + buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return text;
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void ensembleWritesTheRequiredKeysAndASecondCallComputesNothing() throws IOException {
        Path first = tmp.resolve("e1.json");
        String out = run("teacher-eval", "--teacher", "E", "--lfw", lfw.toString(), "--cache", cache.toString(),
                "--json", first.toString());
        assertTrue(out.contains("accuracy") && out.contains("faces/s"), out);
        JsonObject o = json(first);
        for (String k : REQUIRED) {
            assertTrue(o.has(k), "missing key " + k + " in " + o);
        }
        assertEquals("E", o.get("teacher").getAsString());
        assertTrue(o.get("resolution").isJsonNull());
        assertEquals("detector", o.get("alignment").getAsString());
        assertEquals(20, o.get("pairs").getAsInt());
        double acc = o.get("accuracy").getAsDouble();
        // Fractions, not percent; the real ensemble gets nearly all of these 20 pairs right.
        assertTrue(acc >= 0.8 && acc <= 1.0, "accuracy " + acc);
        assertTrue(o.get("auc").getAsDouble() >= 0.8 && o.get("auc").getAsDouble() <= 1.0);
        assertTrue(o.get("faces_per_second").getAsDouble() > 0);
        int images = o.get("images").getAsInt();
        // E's V and C features (and the detections) come from one pass over the images.
        assertEquals(images, o.getAsJsonObject("extraction").getAsJsonObject("E").get("computed_images").getAsInt());

        Path second = tmp.resolve("e2.json");
        run("teacher-eval", "--teacher", "E", "--lfw", lfw.toString(), "--cache", cache.toString(),
                "--json", second.toString());
        JsonObject p = json(second);
        assertEquals(0, p.getAsJsonObject("extraction").getAsJsonObject("E").get("computed_images").getAsInt());
        assertEquals(acc, p.get("accuracy").getAsDouble(), 1e-12);
        assertTrue(p.get("faces_per_second").getAsDouble() > 0, "timed pass runs even when cached");
    }

    @Test
    void hallucinatedFixedCropRunIsLabelledAndCachedSeparately() throws IOException {
        Path file = tmp.resolve("c16.json");
        run("teacher-eval", "--teacher", "C", "--lfw", lfw.toString(), "--cache", cache.toString(),
                "--alignment", "fixed", "--resolution", "16", "--hallucinate", "bilinear", "--json", file.toString());
        JsonObject o = json(file);
        assertEquals("C", o.get("teacher").getAsString());
        assertEquals(16, o.get("resolution").getAsInt());
        assertEquals("bilinear", o.get("hallucination").getAsString());
        assertEquals("fixed", o.get("alignment").getAsString());
        assertTrue(o.get("feature_cache").getAsString().endsWith("-lfwfixed-bi16"), o.get("feature_cache").toString());
        assertEquals(0, o.get("no_face_images").getAsInt());
    }

    @Test
    void userErrorsAreOneLine() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("teacher-eval", "--teacher", "E", "--lfw", lfw.toString(), "--hallucinate",
                    "bilinear"));
            assertEquals(1, Main.run("teacher-eval", "--teacher", "X", "--lfw", lfw.toString()));
            assertEquals(1, Main.run("teacher-eval", "--teacher", "V", "--lfw", lfw.toString(), "--alignment", "eyes"));
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("error: --hallucinate needs --resolution"), text);
        assertTrue(text.contains("error: --teacher must be V, C or E"), text);
        assertTrue(text.contains("error: --alignment"), text);
    }
}
