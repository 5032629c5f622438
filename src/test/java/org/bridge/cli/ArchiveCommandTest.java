package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCommandTest {

    @TempDir Path runs;
    @TempDir Path elsewhere;

    @Test
    void theArchiveKeepsTheEvidenceWithoutWeightsAndReportsTheSameTables() throws Exception {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs)).experiment("fig4").degradedSeparation(0.1);
        RunFolder a = fx.write("A");
        fx.write("B");
        fx.student("S-16-sc-E", "E").write("A");
        fx.write("B");
        fx.seed(2).write("A");
        fx.write("B");
        fx.seed(3).incomplete().write("A");
        Files.write(a.file(RunFolder.MODEL), new byte[1000]);
        Files.createDirectories(a.checkpointsDir());
        Files.write(a.checkpointsDir().resolve("last.zip"), new byte[1000]);
        Files.writeString(a.file(RunClaim.FILE), "pid 1");
        Files.write(a.file("adaptation.bin"), new byte[1000]);
        Files.writeString(a.file(RunFolder.CONSOLE), "epoch 1/12");
        Path archive = elsewhere.resolve("archive");

        Printed p = Printed.bridge("archive", runs.toString(), "--out", archive.toString());

        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("6 run(s)"), p.out());
        assertTrue(p.out().contains("left out (not finished) fig4/S-16-sc-E_softmax_splitA_seed3"), p.out());
        Path copy = archive.resolve("fig4").resolve(a.id());
        for (String kept : List.of(RunFolder.CONFIG, RunFolder.RESULTS, RunFolder.PAIR_SCORES, RunFolder.ROC,
                RunFolder.CMC, RunFolder.STATUS, "pair-scores-degraded.csv")) {
            assertArrayEquals(Files.readAllBytes(a.file(kept)), Files.readAllBytes(copy.resolve(kept)), kept);
        }
        for (String left : List.of(RunFolder.MODEL, "adaptation.bin", RunFolder.CHECKPOINTS, RunClaim.FILE, RunFolder.CONSOLE)) {
            assertFalse(Files.exists(copy.resolve(left)), left);
        }
        assertFalse(Files.exists(archive.resolve("fig4").resolve("S-16-sc-E_softmax_splitA_seed3")));
        for (String table : List.of("students", "seeds", "claims")) {
            String original = Printed.bridge("report", runs.toString(), "--table", table).out();
            String archived = Printed.bridge("report", archive.toString(), "--table", table).out();
            assertTrue(original.contains("S-16-sc-E"), table + ": " + original);
            assertEquals(original, archived.replace(archive.toString(), runs.toString()), table);
        }
    }

    @Test
    void verifyingAnArchivedRunSaysItKeepsNoModel() throws Exception {
        new RunFolderFixture(new RunStore(runs)).write("A");
        Path archive = elsewhere.resolve("archive");
        assertEquals(0, Printed.bridge("archive", runs.toString(), "--out", archive.toString()).code());

        Printed p = Printed.bridge("verify", "--model",
                archive.resolve("fixture").resolve("S-16-c-O_softmax_splitA_seed1").toString());

        assertNotEquals(0, p.code());
        assertTrue(p.err().contains("keeps no model.zip"), p.err());
    }

    @Test
    void anArchiveInsideTheRunsFolderIsRefusedBeforeAnythingIsCopied() {
        new RunFolderFixture(new RunStore(runs)).write("A");

        Printed p = Printed.bridge("archive", runs.toString(), "--out", runs.resolve("archive").toString());

        assertNotEquals(0, p.code());
        assertTrue(p.err().contains("must not contain one another"), p.err());
        assertFalse(Files.exists(runs.resolve("archive")));
    }
}
