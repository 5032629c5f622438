package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.bridge.data.synthetic.SyntheticFaceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolutions and output paths are checked before any work, with one "error: ..." line (exit 1),
 * never a stack trace (exit 2) after the work is done or half done.
 */
class CommandInputChecksTest {

    @TempDir
    Path dir;

    /** Runs a command that must fail with a named error; returns its one error line. */
    private static String refused(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(saved);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, String.join(" ", args) + " -> " + err);
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\tat "), "a stack trace: " + err);
        return err;
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "'" + part + "' missing from: " + text);
    }

    private Path face() throws IOException {
        Path face = dir.resolve("face.png");
        ImageIO.write(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(1, 1), "png", face.toFile());
        return face;
    }

    @Test
    void everyStudentResolutionIsRangeChecked() throws IOException {
        String model = dir.resolve("no-run").toString();
        for (String p : new String[] {"0", "4", "7", "225", "100000"}) {
            assertContains(refused("verify", "--model", model, "--resolution", p),
                    "--resolution must be between 8 and 224, not " + p);
            assertContains(refused("identify", "--model", model, "--folder", dir.toString(), "--resolution", p),
                    "--resolution must be between 8 and 224, not " + p);
        }
        Path face = face();
        for (String p : new String[] {"0", "4", "100000"}) {
            assertContains(refused("degrade", face.toString(), "--resolution", p, "--out", dir.resolve("o").toString()),
                    "--resolution must be between 8 and 224, not " + p);
        }
        assertContains(refused("degrade", face.toString(), "--upsample", "100000", "--out", dir.resolve("o").toString()),
                "--upsample must be between 1 and 1024");
        assertContains(refused("teacher-eval", "--teacher", "V", "--resolution", "100000", "--lfw", dir.toString()),
                "--resolution must be between 1 and 1024");
        assertFalse(Files.exists(dir.resolve("o")), "nothing written");
    }

    @Test
    void teacherBaselineOptionsAreCheckedUpFront() {
        String model = dir.resolve("no-run").toString();
        String folder = dir.toString();
        assertContains(refused("verify", "--teacher", "E", "--resolution", "16"), "--teacher needs --split A or B");
        assertContains(refused("verify", "--teacher", "E", "--split", "C"), "--split must be A or B, got 'C'");
        assertContains(refused("verify", "--model", model, "--split", "A"), "--split is for a teacher baseline");
        assertContains(refused("verify", "--teacher", "X", "--split", "A"), "--teacher must be V, C or E, got 'X'");
        assertContains(refused("verify", "--teacher", "E", "--split", "A", "--hallucinate", "nearest",
                "--resolution", "16"), "--hallucinate: only 'bilinear'");
        assertContains(refused("identify", "--teacher", "V", "--resolution", "0", "--folder", folder),
                "--resolution must be between 1 and 1024, not 0");
        assertContains(refused("identify", "--teacher", "O", "--folder", folder), "--teacher must be V, C or E");
    }

    @Test
    void aFolderWhereAFileIsWantedIsRefusedUpFront() {
        String folder = dir.toString();
        String missing = dir.resolve("missing").toString();
        assertContains(refused("verify", "--model", missing, "--json", folder), "--json " + folder + " is a folder");
        assertContains(refused("identify", "--model", missing, "--folder", folder, "--json", folder),
                "--json " + folder + " is a folder");
        assertContains(refused("protocol", "--lfw", missing, "--json", folder), "--json " + folder + " is a folder");
        assertContains(refused("teacher-eval", "--teacher", "V", "--lfw", missing, "--json", folder),
                "--json " + folder + " is a folder");
        assertContains(refused("bench", "--json", folder), "--json " + folder + " is a folder");
        assertContains(refused("report", missing, "--format", "md", "--out", folder), "--out " + folder + " is a folder");
    }

    @Test
    void aFileWhereAFolderIsWantedOrOnTheWayIsRefusedUpFront() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Path face = face();
        assertContains(refused("degrade", face.toString(), "--out", file.toString()), "--out " + file + " is a file");
        assertContains(refused("sample-data", "--out", file.toString()), "--out " + file + " is a file");
        assertContains(refused("gui", "--snapshot", file.toString()), "--snapshot " + file + " is a file");
        // A file on the way to the output cannot become a folder.
        Path under = file.resolve("sub").resolve("out.json");
        assertContains(refused("verify", "--model", dir.resolve("missing").toString(), "--json", under.toString()),
                file + " is a file, not a folder");
        assertContains(refused("degrade", face.toString(), "--out", file.resolve("o").toString()),
                file + " is a file, not a folder");
        assertEquals("x", Files.readString(file), "untouched");
    }

    @Test
    void aRunsFolderOrTeacherCacheThatIsAFileIsRefusedUpFront() throws IOException {
        Path file = Files.writeString(dir.resolve("runs.txt"), "x");
        assertContains(refused("run", "quick", "--runs", file.toString()), "--runs " + file + " is a file");
        assertContains(refused("queue", "quick", "--runs", file.toString()), "--runs " + file + " is a file");
        assertContains(refused("run-queued", "--runs", file.toString()), "--runs " + file + " is a file");
        assertContains(refused("teachers", "fetch", "--cache", file.toString()), "--cache " + file + " is a file");
        assertEquals("x", Files.readString(file), "untouched");
    }

    @Test
    void runQueuedOnAClusterExcludesProcessesAndOneFolder() {
        String runs = dir.resolve("runs").toString();
        assertContains(refused("run-queued", "--runs", runs, "--master", "local[1]", "--processes", "2"),
                "--master runs every queued run as a Spark task; it excludes --processes");
        assertContains(refused("run-queued", "--runs", runs, "--master", "local[1]", "--folder", runs),
                "it excludes --folder");
    }
}
