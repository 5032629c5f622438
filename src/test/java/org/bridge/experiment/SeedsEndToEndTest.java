package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentServices;

import org.bridge.experiment.report.PairedComparison;
import org.bridge.experiment.report.ReportTables;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.RunsSnapshot;
import org.bridge.experiment.report.SeedGroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "seeds": [1, 2]} in an experiment file, through the real runner on the bundled synthetic
 * faces: one run folder per seed, one row per seed, and the report's seeds table pools them.
 */
class SeedsEndToEndTest {

    @TempDir Path dir;

    @Test
    void eachSeedIsACellAndTheReportGivesMeanAndStdOverThem() throws Exception {
        Path file = dir.resolve("seeds.json");
        Files.writeString(file, """
                {"name": "seeds", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1, 2],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 1, "finetuneEpochs": 1, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 4}}
                """);
        ExperimentSpec.Students spec = ExperimentSpec.read(file).asStudents("test");
        assertEquals(List.of("S-16-c-O_softmax_splitA_seed1", "S-16-c-O_softmax_splitA_seed2"),
                spec.cells().stream().map(ExperimentCell::id).toList());
        RunStore store = new RunStore(dir.resolve("runs"));
        try (ExperimentServices services = new ExperimentServices(BridgeLocations.fromSystem(), store)) {
            List<RunFolder> done = services.runner().run(spec, new RunListener() { }, new RunControl());
            assertEquals(2, done.size());
            for (RunFolder f : done) {
                assertEquals(RunState.DONE, f.state(), f.stateMessage());
            }
        }
        List<RunRecord> records = RunsSnapshot.read(store).tabled();
        List<RunGroup> rows = RunGroup.of(records);
        assertEquals(List.of(1L, 2L), rows.stream().map(g -> g.row().seed()).toList());
        List<SeedGroup> students = SeedGroup.of(rows);
        assertEquals(1, students.size());
        SeedGroup g = students.get(0);
        assertEquals("1,2", g.seedList());
        // Different seeds train different students, so there is a spread to show.
        assertNotEquals(rows.get(0).row().accuracy(), rows.get(1).row().accuracy());
        assertTrue(g.accuracy().std() > 0);
        String md = ReportTables.format(records, "md", ReportTables.Which.SEEDS);
        assertTrue(md.contains("| S-16-c-O | softmax | 1,2 | A |"), md);
        // The student against itself: the same pairs, difference 0, within noise.
        PairedComparison.Result self = PairedComparison.compare(g, g);
        assertEquals(0, self.accuracy().value(), 1e-12);
        assertEquals(PairedComparison.Verdict.WITHIN_NOISE, self.accuracy().verdict());
        assertEquals(2, self.firstSeeds());
    }
}
