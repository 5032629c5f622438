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

    /** The runs' fixed test-time D(I): the same degraded faces on every call, not the clean ones. */
    @Test
    void degradedTestFacesAreFixedByTheSeedAndNamedInTheJson() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = BridgeLocations.fromSystem().sampleData();
        JsonObject clean = verifyJson(run, faces, "clean.json");
        JsonObject once = verifyJson(run, faces, "degraded1.json", "--degraded");
        JsonObject twice = verifyJson(run, faces, "degraded2.json", "--degraded", "--flip-average");
        JsonObject again = verifyJson(run, faces, "degraded3.json", "--degraded");

        assertEquals(org.bridge.experiment.DegradedPairsVerification.SEED, once.get("degraded_seed").getAsLong());
        assertTrue(once.getAsJsonObject("degradation").has("jpeg"), once.toString());
        assertTrue(!clean.has("degraded_seed"), clean.toString());
        assertEquals(once.get("auc").getAsDouble(), again.get("auc").getAsDouble(), 0, "fixed perturbation per face");
        assertTrue(once.get("auc").getAsDouble() != clean.get("auc").getAsDouble(), "the faces were degraded");
        assertTrue(twice.get("flip_average").getAsBoolean() && twice.has("degraded_seed"), twice.toString());

        Console teacher = Console.run(true, "verify", "--teacher", "E", "--folder", faces.toString(), "--degraded");
        assertEquals(1, teacher.rc());
        assertTrue(teacher.text().contains("--degraded is for students"), teacher.text());
    }

    private JsonObject verifyJson(RunFolder run, Path faces, String name, String... extra) throws Exception {
        Path json = dir.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("verify", "--model",
                run.dir().toString(), "--folder", faces.toString(), "--folds", "4", "--pairs-per-fold", "20",
                "--face-box", "whole", "--json", json.toString()));
        args.addAll(java.util.List.of(extra));
        Console c = Console.run(false, args.toArray(String[]::new));
        assertEquals(0, c.rc(), c.text());
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
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
