package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.ScoredPairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsSnapshotTest {

    @TempDir Path runs;

    @Test
    void aDamagedFolderIsReportedAndTheOthersAreStillListed() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolderFixture fx = new RunFolderFixture(store);
        fx.write("A");
        RunFolder broken = fx.seed(2).write("A");
        Files.writeString(broken.file(RunFolder.PAIR_SCORES), ScoredPairs.HEADER + "\n6,1,a,1\n");
        Path junk = runs.resolve("fixture").resolve("junk");
        Files.createDirectories(junk);
        Files.writeString(junk.resolve(RunFolder.CONFIG), "{ not json");

        RunsSnapshot s = RunsSnapshot.read(store);
        assertEquals(2, s.runs().size());
        assertEquals(1, s.rows().size(), "the row with the damaged pair-scores.csv is left out");
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().stream().anyMatch(p -> p.contains("junk")), s.problems().toString());
        assertTrue(s.problems().stream().anyMatch(p -> p.contains("line 2")), s.problems().toString());
    }

    /** The workbench shows what report lists: a run whose process was killed is not RUNNING. */
    @Test
    void aRunLeftRunningByAKilledProcessHasTheLivenessStopped() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolder alive = new RunFolderFixture(store).incomplete().write("A");
        RunFolder killed = new RunFolderFixture(store).seed(2).incomplete().write("A");
        RunFolder done = new RunFolderFixture(store).seed(3).write("A");
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Files.writeString(killed.file(org.bridge.experiment.RunClaim.FILE), "pid=" + gone.pid() + "\nhost="
                + java.net.InetAddress.getLocalHost().getHostName() + "\n");

        RunsSnapshot s = RunsSnapshot.read(store);
        java.util.Map<Path, String> labels = new java.util.HashMap<>();
        for (RunRecord r : s.runs()) {
            labels.put(r.folder().dir(), s.liveness(r).label());
        }
        assertEquals("RUNNING", labels.get(alive.dir()));
        assertEquals("STOPPED", labels.get(killed.dir()));
        assertEquals("DONE", labels.get(done.dir()));
        assertTrue(s.liveness(s.runs().stream().filter(r -> r.folder().dir().equals(killed.dir())).findFirst()
                .orElseThrow()).explanation().contains("run resumes it"));
    }

    @Test
    void theFingerprintChangesWhenARunFinishesAndOnlyThen() {
        RunStore store = new RunStore(runs);
        String empty = RunsSnapshot.fingerprint(store);
        RunFolderFixture fx = new RunFolderFixture(store);
        fx.incomplete().write("A");
        String running = RunsSnapshot.fingerprint(store);
        assertNotEquals(empty, running);
        assertEquals(running, RunsSnapshot.fingerprint(store));
        fx.write("A");
        assertNotEquals(running, RunsSnapshot.fingerprint(store));
    }

    @Test
    void aPairScoresFileShorterThanItsResultsLeavesItsRunOutOfThePoolingAndSaysSo() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolderFixture fx = new RunFolderFixture(store);
        RunFolder a = fx.write("A");
        RunFolder b = fx.write("B");
        Path scores = b.file(RunFolder.PAIR_SCORES);
        List<String> lines = Files.readAllLines(scores);
        Files.write(scores, lines.subList(0, 46)); // 45 of its 60 pairs

        UserFacingException e = assertThrows(UserFacingException.class,
                () -> ResultsTable.of(List.of(RunRecord.read(a), RunRecord.read(b))));
        assertTrue(e.getMessage().contains(scores.toString()) && e.getMessage().contains("45 pair rows")
                && e.getMessage().contains("60 pairs"), e.getMessage());

        RunsSnapshot s = RunsSnapshot.read(store);
        assertEquals(2, s.runs().size(), "both folders are still runs");
        assertEquals(1, s.rows().size());
        assertEquals("A", s.rows().get(0).row().splits());
        assertEquals(60, s.rows().get(0).row().pairs());
        assertEquals(List.of(b.dir() + ": " + e.getMessage()), s.problems());
    }

    @Test
    void anUnknownStateIsAnUnreadableRunNotACrash() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolderFixture fx = new RunFolderFixture(store);
        fx.write("A");
        RunFolder paused = fx.seed(2).incomplete().write("A");
        Files.writeString(paused.file(RunFolder.STATUS), "{\"state\": \"PAUSED\"}");
        RunsSnapshot s = RunsSnapshot.read(store);
        assertEquals(1, s.runs().size());
        assertEquals(1, s.rows().size());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).startsWith(paused.dir() + ": ")
                && s.problems().get(0).contains("unknown state \"PAUSED\""), s.problems().toString());
    }

    @Test
    void onlyTheChosenExperimentsFoldersAreChecked() throws Exception {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        RunFolder other = new RunFolderFixture(store).experiment("other").write("A");
        Files.writeString(other.file(RunFolder.CONFIG), "{ not json");
        RunsSnapshot s = RunsSnapshot.read(store, "fixture");
        assertEquals(List.of(), s.problems());
        assertEquals(1, s.rows().size());
        assertEquals(1, RunsSnapshot.read(store).problems().size());
    }

    @Test
    void aConfigWithAMalformedSeedIsAnUnreadableRun() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolderFixture fx = new RunFolderFixture(store);
        fx.write("A");
        RunFolder odd = fx.seed(2).incomplete().write("A");
        com.google.gson.JsonObject cfg = odd.readJson(RunFolder.CONFIG).orElseThrow();
        cfg.addProperty("seed", "two");
        odd.writeJson(RunFolder.CONFIG, cfg);
        RunsSnapshot s = RunsSnapshot.read(store);
        assertEquals(1, s.runs().size());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).contains(odd.file(RunFolder.CONFIG).toString()), s.problems().toString());
    }
}
