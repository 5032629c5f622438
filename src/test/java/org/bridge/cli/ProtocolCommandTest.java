package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.data.synthetic.SyntheticFaceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ProtocolCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsAndWritesTheSplitStatistics() throws Exception {
        Path set = dir.resolve("set");
        new SyntheticFaceSet(new SyntheticFaceSet.Spec(20, 6, 10, 3, 7L, 0.9f)).writeTo(set);
        Path json = dir.resolve("out/protocol.json");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run("protocol", "--lfw", set.toString(), "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("split A") && text.contains("split B"), text);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(20, o.get("people").getAsInt());
        assertEquals(0, o.get("no_fold_people").getAsInt());
        JsonObject a = o.getAsJsonArray("splits").get(0).getAsJsonObject();
        assertEquals("A", a.get("split").getAsString());
        assertEquals(10, a.get("public_people").getAsInt());
        assertEquals(30, a.get("target_pairs").getAsInt());
        assertEquals(10, a.get("identification_subjects").getAsInt());
        assertEquals(30, a.get("identification_gallery_images").getAsInt());
        assertEquals(30, a.get("identification_probe_images").getAsInt());
    }

    @Test
    void missingFolderIsOneErrorLine() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("protocol", "--lfw", dir.resolve("nowhere").toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(text.startsWith("error: LFW folder not found") && text.contains("nowhere"), text);
    }
}
