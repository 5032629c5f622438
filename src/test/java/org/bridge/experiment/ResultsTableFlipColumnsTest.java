package org.bridge.experiment;

import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunsSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.eval.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flip-averaged columns of the results table pool both splits' own per-pair files. */
class ResultsTableFlipColumnsTest {

    @TempDir Path runs;

    /** Gives a fixture run a flip-averaged measurement: its plain scores with every matched pair raised. */
    private static void addFlip(RunFolder f) throws Exception {
        List<String> plain = Files.readAllLines(f.file(RunFolder.PAIR_SCORES));
        List<String> out = new ArrayList<>(List.of(plain.get(0)));
        for (String line : plain.subList(1, plain.size())) {
            String[] c = line.split(",");
            double s = Double.parseDouble(c[6]) + ("1".equals(c[1]) ? 0.1 : 0);
            c[6] = String.format(java.util.Locale.ROOT, "%.6f", s);
            out.add(String.join(",", c));
        }
        Files.write(f.file(FlipAveragedVerification.PAIR_SCORES), out);
        JsonObject r = f.readJson(RunFolder.RESULTS).orElseThrow();
        JsonObject block = new JsonObject();
        block.addProperty("pairs", out.size() - 1);
        r.add(FlipAveragedVerification.KEY, block);
        f.writeJson(RunFolder.RESULTS, r);
    }

    private static List<RunRecord> records(RunFolder... folders) {
        List<RunRecord> out = new ArrayList<>();
        for (RunFolder f : folders) {
            out.add(RunRecord.read(f));
        }
        return out;
    }

    @Test
    void bothSplitsMeasuredGiveFullLfwFlipColumns() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolder a = new RunFolderFixture(store).write("A");
        RunFolder b = new RunFolderFixture(store).write("B");
        addFlip(a);
        addFlip(b);
        List<RunRecord> recs = records(a, b);
        ResultsTable.Row row = ResultsTable.of(recs).rows().get(0);
        var expected = Verification.evaluate(List.of(recs.get(0).flipAveragedPairScores().orElseThrow(),
                recs.get(1).flipAveragedPairScores().orElseThrow()));
        assertEquals(expected.accuracy(), row.flipAccuracy(), 1e-12);
        assertEquals(expected.auc(), row.flipAuc(), 1e-12);
        assertTrue(row.flipAuc() > row.auc(), "the raised matched scores separate better than the plain ones");
        String md = ResultsTable.of(recs).toMarkdown();
        assertTrue(md.contains("Accuracy flip-avg. (%)"), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "%.4f |", row.flipAuc())), md);
    }

    @Test
    void aRowWithOneSplitUnmeasuredLeavesTheFlipColumnsEmpty() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolder a = new RunFolderFixture(store).write("A");
        RunFolder b = new RunFolderFixture(store).write("B");
        addFlip(a);
        ResultsTable.Row row = ResultsTable.of(records(a, b)).rows().get(0);
        assertTrue(Double.isNaN(row.flipAccuracy()) && Double.isNaN(row.flipAuc()),
                "half a measurement must not pass for full LFW");
        String csv = ResultsTable.of(records(a, b)).toCsv();
        assertTrue(csv.lines().skip(1).allMatch(l -> l.endsWith(",,undeclared")), csv);
    }

    @Test
    void aFlipFileShorterThanItsResultsIsNeverPooled() throws Exception {
        RunStore store = new RunStore(runs);
        RunFolder a = new RunFolderFixture(store).write("A");
        RunFolder b = new RunFolderFixture(store).write("B");
        addFlip(a);
        addFlip(b);
        Path flip = b.file(FlipAveragedVerification.PAIR_SCORES);
        List<String> lines = Files.readAllLines(flip);
        Files.write(flip, lines.subList(0, 46));
        UserFacingException e = assertThrows(UserFacingException.class, () -> ResultsTable.of(records(a, b)));
        assertTrue(e.getMessage().contains(flip.toString()) && e.getMessage().contains("45 pair rows")
                && e.getMessage().contains("60 pairs"), e.getMessage());

        RunsSnapshot s = RunsSnapshot.read(store);
        assertEquals(1, s.rows().size());
        assertEquals("A", s.rows().get(0).row().splits(), "split B is left out of the pooling, not pooled short");
        assertEquals(List.of(a.dir()), s.tabled().stream().map(r -> r.folder().dir()).toList());
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).contains(flip.toString()), s.problems().toString());
    }
}
