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
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run("verify", "--model", run.dir().toString(), "--folder", faces.toString(), "--folds", "4",
                    "--pairs-per-fold", "20", "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
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
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run("verify", "--model", run.dir().toString(), "--folder", faces.toString(), "--folds", "4",
                    "--pairs-per-fold", "20", "--grey", "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("+grey at 16x16 on "), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(o.get("grey").getAsBoolean(), o.toString());

        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("verify", "--teacher", "E", "--folder", faces.toString(), "--grey"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--grey is for students"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void splitAndFolderExcludeEachOther() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertTrue(Main.run("verify", "--teacher", "E", "--split", "A", "--folder", "sample-data") != 0);
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("with --folder the pairs come from the folder"),
                err.toString(StandardCharsets.UTF_8));
    }
}
