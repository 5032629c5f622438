package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunLiveness;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir Path runs;

    private static Printed report(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return Printed.bridge(all);
    }

    /** Two losses of one student on both splits (so Table IV has rows), plus one damaged folder of each kind. */
    private List<Path> runsWithOneDamagedFileOfEachKind() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolderFixture fx = new RunFolderFixture(store);
        fx.write("A");
        fx.write("B");
        fx.loss("arcface").write("A");
        fx.loss("arcface").write("B");
        Path config = fx.seed(2).loss("softmax").write("A").file(RunFolder.CONFIG);
        Files.writeString(config, "{ not json");
        Path status = fx.seed(3).incomplete().write("A").file(RunFolder.STATUS);
        Files.writeString(status, "{\"state\": \"PAUSED\", \"message\": \"\"}");
        Path results = fx.seed(4).write("A").file(RunFolder.RESULTS);
        Files.writeString(results, "{\"accuracy\": 0.9,");
        return List.of(config, status, results);
    }

    @Test
    void everyReadableRunIsReportedAndEachUnreadableOneIsNamedWithItsReason() throws Exception {
        List<Path> damaged = runsWithOneDamagedFileOfEachKind();
        for (String format : List.of("md", "csv", "tex")) {
            for (String table : List.of("all", "students", "fig3", "fig4", "fig6", "table3", "table4")) {
                Printed p = report(runs.toString(), "--format", format, "--table", table);
                String what = format + " --table " + table + ": " + p.err();
                assertEquals(0, p.code(), what);
                if (!table.equals("fig3") && !table.equals("table3")) {
                    // Fig. 4 and Fig. 6 name the student family, S-p-c-O.
                    assertTrue(p.out().contains(table.startsWith("fig") ? "S-p-c-O" : "S-16-c-O"), what + p.out());
                }
                assertTrue(p.err().contains("not in the tables (3 unreadable):"), what);
                for (Path f : damaged) {
                    assertTrue(p.err().contains(f.toString()), f + " in " + what);
                }
                assertTrue(p.err().contains("not JSON"), what);
                assertTrue(p.err().contains("unknown state \"PAUSED\""), what);
                assertFalse(p.out().contains("not in the tables"), "the table stays clean: " + what);
            }
        }
    }

    @Test
    void damagedRunsOfAnExperimentLeftOutByTheFilterDoNotMatter() throws Exception {
        runsWithOneDamagedFileOfEachKind();
        new RunFolderFixture(new RunStore(runs)).experiment("other").write("A");
        Printed p = report(runs.toString(), "--experiment", "other");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("S-16-c-O"), p.out());
        assertEquals("", p.err());
    }

    @Test
    void splitKeepsOneHalfAndBaselineComparesAcrossExperiments() {
        RunFolderFixture fig4 = new RunFolderFixture(new RunStore(runs)).experiment("fig4").student("S-16-sc-E+pca", "E");
        fig4.write("A");
        fig4.write("B");
        new RunFolderFixture(new RunStore(runs)).experiment("ablation").student("S-16-sc-E+pca", "E").separation(0.0)
                .write("A");

        Printed pooled = report(runs.toString(), "--table", "students");
        assertTrue(pooled.out().contains("| A+B |"), pooled.out());
        Printed splitA = report(runs.toString(), "--table", "students", "--split", "A");
        assertEquals(0, splitA.code(), splitA.err());
        assertFalse(splitA.out().contains("A+B"), splitA.out());

        Printed baseline = report(runs.toString(), "--split", "A", "--baseline", "fig4/S-16-sc-E+pca");
        assertEquals(0, baseline.code(), baseline.err());
        assertTrue(baseline.out().contains("| S-16-sc-E+pca | softmax | ablation | 1 | A |")
                && baseline.out().contains("| baseline |"), baseline.out());
        Printed both = report(runs.toString(), "--baseline", "fig4/S-16-sc-E+pca", "--table", "claims");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("--baseline prints its own table"), both.err());
        Printed badSplit = report(runs.toString(), "--split", "C");
        assertEquals(1, badSplit.code());
        assertTrue(badSplit.err().contains("--split must be A or B"), badSplit.err());
    }

    @Test
    void aFolderWithNothingReadableIsAnErrorThatNamesIt() throws Exception {
        Path config = new RunFolderFixture(new RunStore(runs)).write("A").file(RunFolder.CONFIG);
        Files.writeString(config, "[]");
        Printed p = report(runs.toString());
        assertEquals(1, p.code());
        assertTrue(p.err().contains(config.toString()), p.err());
        assertTrue(p.err().contains("no readable runs in " + runs), p.err());
    }

    private static RunRecord run(String student, String split, RunState state, String message) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", "fig4-verification");
        cfg.addProperty("student", student);
        cfg.addProperty("loss", "softmax");
        cfg.addProperty("split", split);
        cfg.addProperty("seed", 1);
        Path dir = Path.of("runs", "fig4-verification", student + "_split" + split);
        return new RunRecord(new RunFolder(dir), cfg, state, message, Optional.empty());
    }

    @Test
    void runsWithoutResultsAreListedSoAHalfFinishedGridIsNotReadAsFinished() {
        List<String> lines = ReportCommand.unfinished(List.of(
                run("S-16-sc-E", "A", RunState.DONE, ""),
                run("S-32-sc-E", "B", RunState.CANCELLED, "cancelled after 4 of 12 epochs"),
                run("S-32-c-O", "A", RunState.RUNNING, "")));
        assertEquals(List.of(
                "not in the tables (2 unfinished runs):",
                "  S-32-c-O softmax split A seed 1: RUNNING  " + Path.of("runs", "fig4-verification", "S-32-c-O_splitA"),
                "  S-32-sc-E softmax split B seed 1: CANCELLED (cancelled after 4 of 12 epochs)  "
                        + Path.of("runs", "fig4-verification", "S-32-sc-E_splitB")), lines);
    }

    @Test
    void aRunLeftRunningByAKilledProcessIsListedAsStopped() throws Exception {
        Path dir = runs.resolve("fig4-verification").resolve("S-16-c-O_splitA");
        Files.createDirectories(dir);
        // What a runner killed by kill -9 leaves: its pid in run.lock, the lock itself freed by the OS.
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Files.writeString(dir.resolve(RunClaim.FILE), "pid=" + gone.pid() + "\nhost="
                + java.net.InetAddress.getLocalHost().getHostName() + "\nsince=2026-12-07T00:00:00Z\n");
        JsonObject cfg = new JsonObject();
        cfg.addProperty("student", "S-16-c-O");
        cfg.addProperty("loss", "softmax");
        cfg.addProperty("split", "A");
        cfg.addProperty("seed", 1);
        RunRecord r = new RunRecord(new RunFolder(dir), cfg, RunState.RUNNING, "", Optional.empty());
        assertEquals("  S-16-c-O softmax split A seed 1: STOPPED (left RUNNING by a process that is gone; run resumes it)  "
                + dir, ReportCommand.unfinished(List.of(r)).get(1));
    }

    @Test
    void aRunningFolderThatHasBeenQuietForLongIsMarked() throws Exception {
        Path dir = runs.resolve("fig4-verification").resolve("S-16-c-O_splitB");
        Files.createDirectories(dir.resolve(RunFolder.CHECKPOINTS));
        Files.writeString(dir.resolve(RunFolder.LOSSES), "phase,epoch\n");
        Files.writeString(dir.resolve(RunFolder.CHECKPOINTS).resolve("last.zip"), "x");
        java.time.Instant now = java.time.Instant.parse("2026-12-07T12:00:00Z");
        Files.setLastModifiedTime(dir.resolve(RunFolder.LOSSES),
                java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofMinutes(95))));
        Files.setLastModifiedTime(dir.resolve(RunFolder.CHECKPOINTS).resolve("last.zip"),
                java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofMinutes(90))));
        JsonObject cfg = new JsonObject();
        cfg.addProperty("student", "S-16-c-O");
        RunRecord r = new RunRecord(new RunFolder(dir), cfg, RunState.RUNNING, "", Optional.empty());

        assertEquals("RUNNING? (nothing written for 90 min: its process may be gone; run resumes it then)",
                RunLiveness.of(r, now).describe(), "the newest file, the checkpoint, counts");
        assertEquals("RUNNING", RunLiveness.of(r, now.minus(java.time.Duration.ofMinutes(40))).describe());
        assertEquals("CANCELLED", RunLiveness.of(
                new RunRecord(new RunFolder(dir), cfg, RunState.CANCELLED, "", Optional.empty()), now).describe());
    }

    @Test
    void aFinishedGridAddsNothing() {
        assertEquals(List.of(), ReportCommand.unfinished(List.of(run("S-16-sc-E", "A", RunState.DONE, ""))));
    }

    @Test
    void theClaimsTableIsPrintedOnRequestWithAVerdictPerClaim() throws Exception {
        RunStore store = new RunStore(runs);
        for (String split : List.of("A", "B")) {
            new RunFolderFixture(store).student("S-16-sc-E", "E").separation(0.6).write(split);
            new RunFolderFixture(store).student("S-16-c-O", "O").separation(0.0).write(split);
        }
        Printed p = report(runs.toString(), "--table", "claims");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("| 16 | sc > c-O (E) | S-16-sc-E | S-16-c-O | accuracy |"), p.out());
        assertTrue(p.out().contains("| holds |"), p.out());
        assertTrue(p.out().contains("not measured (no S-16-dc-E)"), p.out());
        assertFalse(report(runs.toString()).out().contains("sc > c-O"), "claims only when asked for");
        Printed bad = report(runs.toString(), "--table", "claim");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("seeds, claims"), bad.err());
    }

    @Test
    void figuresAreDrawnIntoTheOutFolderAsSvgAndPng(@TempDir Path figures) throws Exception {
        RunStore store = new RunStore(runs);
        for (long seed = 1; seed <= 2; seed++) {
            new RunFolderFixture(store).seed(seed).write("A");
            new RunFolderFixture(store).seed(seed).write("B");
            new RunFolderFixture(store).student("S-32-c-O", "O").seed(seed).write("A");
        }
        Path dir = figures.resolve("made-by-report");
        Printed p = report(runs.toString(), "--figure", "all", "--out", dir.toString(), "--width", "500",
                "--height", "400");
        assertEquals(0, p.code(), p.err());
        for (String name : List.of("fig4", "fig5", "fig6")) {
            for (String ext : List.of("svg", "png")) {
                Path f = dir.resolve(name + "." + ext);
                assertTrue(Files.size(f) > 1000, f.toString());
                assertTrue(p.out().contains("wrote " + f), p.out());
            }
        }
        assertEquals(500, javax.imageio.ImageIO.read(dir.resolve("fig6.png").toFile()).getWidth());

        Printed noOut = report(runs.toString(), "--figure", "fig4");
        assertEquals(1, noOut.code());
        assertTrue(noOut.err().contains("--figure needs --out DIR"), noOut.err());
        Printed both = report(runs.toString(), "--figure", "fig4", "--table", "fig4", "--out", dir.toString());
        assertEquals(1, both.code());
        assertTrue(both.err().contains("give one or the other"), both.err());
        Printed unknown = report(runs.toString(), "--figure", "fig7", "--out", dir.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("fig4, fig5 or fig6"), unknown.err());
    }
}
