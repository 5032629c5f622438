package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --teacher}: the teacher baseline on the target pairs of a split, as a student is scored. */
class VerifyTeacherTest {

    @TempDir
    Path tmp;

    /** LFW with the first 4 same and 4 different pairs of each fold (the real images, linked). */
    private Path lfwSubset() throws Exception {
        Path real = RequiredResources.lfw();
        List<String> lines = Files.readAllLines(real.resolve("pairs.txt"));
        int perFold = Integer.parseInt(lines.get(0).trim().split("\\s+")[1]);
        List<String> out = new ArrayList<>(List.of("10\t4"));
        for (int fold = 0; fold < 10; fold++) {
            int first = 1 + fold * 2 * perFold;
            out.addAll(lines.subList(first, first + 4));
            out.addAll(lines.subList(first + perFold, first + perFold + 4));
        }
        Path lfw = Files.createDirectories(tmp.resolve("lfw"));
        Files.write(lfw.resolve("pairs.txt"), out);
        Files.createSymbolicLink(lfw.resolve("lfw-deepfunneled"), real.resolve("lfw-deepfunneled").toAbsolutePath());
        return lfw;
    }

    @Test
    void theSixteenBiTeacherIsScoredOnTheSplitsTargetPairs() throws Exception {
        RequiredResources.teacherWeights();
        Path lfw = lfwSubset();
        Path json = tmp.resolve("c16.json");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("verify", "--teacher", "C", "--split", "B", "--resolution", "16",
                    "--hallucinate", "bilinear", "--lfw", lfw.toString(), "--json", json.toString()));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("teacher C (") && out.contains("(16-BI) on the target folds")
                && out.contains("of split B (40 pairs)"), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("C 16-BI", o.get("model").getAsString());
        assertEquals("B", o.get("split").getAsString());
        assertEquals(16, o.get("resolution").getAsInt());
        assertEquals(40, o.get("pairs").getAsInt());
        assertTrue(o.get("accuracy").getAsDouble() > 0.6, o.toString());
        assertEquals("auto", o.getAsJsonObject("face_box").get("policy").getAsString());
        assertTrue(!out.contains("face box:"), "the default framing is not worth a line: " + out);

        // The same pairs framed by the detector's box instead of LFW's fixed one.
        buf.reset();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("verify", "--teacher", "C", "--split", "B", "--resolution", "16",
                    "--hallucinate", "bilinear", "--lfw", lfw.toString(), "--face-box", "detector", "--json", json.toString()));
        } finally {
            System.setOut(old);
        }
        out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("  face box: detector (detector on "), out);
        o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject box = o.getAsJsonObject("face_box");
        assertEquals("detector", box.get("policy").getAsString());
        assertTrue(box.get("detector_images").getAsInt() > 0 && box.get("lfw_images").getAsInt() == 0, box.toString());
        assertTrue(o.get("accuracy").getAsDouble() > 0.6, o.toString());
    }
}
