package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainedStudentFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --folder}: a trained student verified on any folder-per-identity set, pairs and folds stated. */
class VerifyFolderCommandTest {

    @TempDir Path dir;

    @Test
    void aStudentIsVerifiedOnAFolderSetWithTheFoldsAndFaceBoxReported() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = BridgeLocations.fromSystem().sampleData();
        Path json = dir.resolve("verify.json");
        Console c = Console.run(false, "verify", "--model", run.dir().toString(), "--folder", faces.toString(),
                "--folds", "4", "--pairs-per-fold", "20", "--json", json.toString());
        String out = c.text();
        assertEquals(0, c.rc(), out);
        assertTrue(out.contains("4 folds, 80 pairs (40 matched), pair seed 1"), out);
        assertTrue(out.contains("face box: auto"), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(80, o.get("pairs").getAsInt(), o.toString());
        assertEquals(1, o.get("pair_seed").getAsLong());
        assertEquals("auto", o.getAsJsonObject("face_box").get("policy").getAsString());
    }

    @Test
    void greyTestFacesAreNamedInTheOutputAndTheJsonAndAreForStudentsOnly() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = BridgeLocations.fromSystem().sampleData();
        Path json = dir.resolve("grey.json");
        Console c = Console.run(false, "verify", "--model", run.dir().toString(), "--folder", faces.toString(),
                "--folds", "4", "--pairs-per-fold", "20", "--grey", "--json", json.toString());
        String out = c.text();
        assertEquals(0, c.rc(), out);
        assertTrue(out.contains("+grey at 16x16 on "), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(o.get("grey").getAsBoolean(), o.toString());

        Console teacher = Console.run(true, "verify", "--teacher", "E", "--folder", faces.toString(), "--grey");
        assertEquals(1, teacher.rc());
        assertTrue(teacher.text().contains("--grey is for students"), teacher.text());
    }

    @Test
    void splitAndFolderExcludeEachOther() {
        Console c = Console.run(true, "verify", "--teacher", "E", "--split", "A", "--folder", "sample-data");
        assertTrue(c.rc() != 0);
        assertTrue(c.text().contains("with --folder the pairs come from the folder"), c.text());
    }

    /** What a command printed on standard output (or error, {@code err}) and its exit code. */
    private record Console(int rc, String text) {

        static Console run(boolean err, String... args) {
            PrintStream old = err ? System.err : System.out;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
            if (err) {
                System.setErr(capture);
            } else {
                System.setOut(capture);
            }
            try {
                return new Console(Main.run(args), buf.toString(StandardCharsets.UTF_8));
            } finally {
                if (err) {
                    System.setErr(old);
                } else {
                    System.setOut(old);
                }
            }
        }
    }
}
