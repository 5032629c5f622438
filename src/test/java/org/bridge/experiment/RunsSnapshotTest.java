package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
