package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import org.bridge.experiment.report.ReportTables;
import org.bridge.experiment.report.ResultsTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.UserFacingException;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings chosen on split A's development fold 5 of pairs.txt: fold 5 is one of split B's target
 * folds, so split B's number and the pooled full-LFW number are not held out; split A's is.
 */
class SettingsLeakReportTest {

    @TempDir Path runs;

    private RunRecord[] chosenOnFold5(String student) {
        RunFolderFixture fixture = new RunFolderFixture(new RunStore(runs)).experiment("fig4").student(student, "E")
                .config(SettingsChosenOn.KEY, JsonParser.parseString("{\"A\": [5]}"));
        return new RunRecord[] {RunRecord.read(fixture.write("A")), RunRecord.read(fixture.write("B"))};
    }

    @Test
    void pooledAndSplitBNumbersAreFlaggedSplitAIsNot() {
        RunRecord[] ab = chosenOnFold5("S-16-sc-E+pca");
        ResultsTable.Row pooled = ResultsTable.of(List.of(ab)).rows().get(0);
        ResultsTable.Row a = ResultsTable.of(List.of(ab[0])).rows().get(0);
        ResultsTable.Row b = ResultsTable.of(List.of(ab[1])).rows().get(0);

        assertEquals("A+B", pooled.splits());
        assertEquals(List.of(5), pooled.protocol().leakedFolds());
        assertEquals(List.of(5), b.protocol().leakedFolds());
        assertFalse(a.protocol().leaks(), "split A's targets are folds 6-10");
        assertEquals("A fold 5", a.protocol().settingsChosenOn());
        assertEquals("A fold 5", a.protocol().label());
        assertTrue(pooled.protocol().label().startsWith("LEAK"), pooled.protocol().label());

        // Held out: every target fold but 5 (split B's folds 1-4 beside split A), and split A alone.
        VerificationScores bWithout5 = new VerificationScores("B", ab[1].pairScores().scores().stream()
                .filter(s -> s.fold() != 5).toList(), 0);
        VerificationResult nineFolds = Verification.evaluate(List.of(ab[0].pairScores(), bWithout5));
        assertEquals(nineFolds.accuracy(), pooled.protocol().heldOutAccuracy(), 1e-12);
        assertEquals(nineFolds.pairs(), pooled.protocol().heldOutPairs());
        assertTrue(nineFolds.pairs() < pooled.pairs() && nineFolds.pairs() > a.pairs());
        String alternative = pooled.protocol().heldOutAlternative();
        assertTrue(alternative.startsWith("without fold 5: accuracy " + pct(nineFolds.accuracy()) + "%"), alternative);
        assertTrue(alternative.contains("; split A alone: accuracy " + pct(a.accuracy()) + "%"), alternative);
        assertEquals(Verification.evaluate(bWithout5).accuracy(), b.protocol().heldOutAccuracy(), 1e-12);
        assertTrue(b.protocol().heldOutAlternative().startsWith("without fold 5: "), b.protocol().heldOutAlternative());
        assertEquals(a.accuracy(), a.protocol().heldOutAccuracy(), 0, "a clean row is its own held-out number");
        assertEquals(a.pairs(), a.protocol().heldOutPairs());

        String md = ReportTables.format(List.of(ab), "md", ReportTables.Which.STUDENTS);
        assertTrue(md.contains("A+B [leak 1]"), md);
        assertTrue(md.contains("[leak 1] S-16-sc-E+pca (softmax, seed 1), A+B: settings chosen on A fold 5; pairs.txt"
                + " fold 5 is among the target pairs"), md);
        assertTrue(md.contains("Held out: without fold 5: accuracy "), md);
        String splitA = ResultsTable.of(List.of(ab[0])).toMarkdown();
        assertFalse(splitA.contains("leak") || splitA.contains("LEAK"), splitA);
        assertTrue(splitA.contains("| A fold 5 |"), splitA);
        String splitB = ResultsTable.of(List.of(ab[1])).toMarkdown();
        assertTrue(splitB.contains("B [leak 1]") && splitB.contains("Held out: without fold 5"), splitB);
        assertTrue(ResultsTable.of(List.of(ab)).toCsv().contains("LEAK: A fold 5 (target fold 5 of these pairs)"));
        assertTrue(ResultsTable.of(List.of(ab)).toLatex().contains("[leak 1]"));
    }

    @Test
    void theSeedsTableGivesTheHeldOutMeanBesideThePooledOne() {
        List<RunRecord> all = new java.util.ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            RunFolderFixture fixture = new RunFolderFixture(new RunStore(runs)).experiment("fig4")
                    .student("S-16-sc-E+pca", "E").seed(seed).config(SettingsChosenOn.KEY,
                            JsonParser.parseString("{\"A\": [5]}"));
            all.add(RunRecord.read(fixture.write("A")));
            all.add(RunRecord.read(fixture.write("B")));
        }
        List<ResultsTable.Row> rows = ResultsTable.of(all).rows();
        double heldOutMean = (rows.get(0).protocol().heldOutAccuracy() + rows.get(1).protocol().heldOutAccuracy()) / 2;
        org.bridge.experiment.report.SeedGroup g = org.bridge.experiment.report.SeedsTable.of(all).students().get(0);
        assertEquals(heldOutMean, g.heldOutAccuracy().mean(), 1e-12);
        assertEquals(Integer.toString(rows.get(0).protocol().heldOutPairs()), g.heldOutPairs());
        String md = ReportTables.format(all, "md", ReportTables.Which.SEEDS);
        assertTrue(md.contains("| " + pct(heldOutMean) + " \u00b1 ") && md.contains("| LEAK: A fold 5"), md);
        assertTrue(ReportTables.format(all, "csv", ReportTables.Which.SEEDS)
                .contains("Held-out pairs,Held-out accuracy (%),Held-out accuracy std (%),"
                        + "Held-out flip-avg. accuracy (%),Held-out flip-avg. accuracy std (%),Settings chosen on"));
        assertTrue(md.contains(" |  | LEAK: A fold 5") && !md.contains("NaN"),
                "no flip-averaged scores, an empty cell rather than NaN: " + md);
    }

    /** The flip-averaged held-out number leaves out the same leaked fold as the plain one. */
    @Test
    void theFlipAveragedHeldOutAccuracyLeavesOutTheLeakedFoldToo() throws Exception {
        RunRecord[] ab = chosenOnFold5("S-16-sc-E+pca");
        RunRecord a = withFlipScores(ab[0], 0.05);
        RunRecord b = withFlipScores(ab[1], 0.05);
        VerificationScores bFlip = b.flipAveragedPairScores().orElseThrow();
        VerificationScores bFlipWithout5 = new VerificationScores("B", bFlip.scores().stream()
                .filter(s -> s.fold() != 5).toList(), 0);
        double expected = Verification.evaluate(List.of(a.flipAveragedPairScores().orElseThrow(), bFlipWithout5))
                .accuracy();

        ResultsTable.Row pooled = ResultsTable.of(List.of(a, b)).rows().get(0);
        assertEquals(expected, pooled.flipHeldOutAccuracy(), 1e-12);
        assertTrue(Math.abs(pooled.flipHeldOutAccuracy() - pooled.protocol().heldOutAccuracy()) > 1e-6,
                "the flip column is read from the flip scores");
        assertTrue(Double.isNaN(ResultsTable.of(List.of(a, ab[1])).rows().get(0).flipHeldOutAccuracy()),
                "one run without flip scores: no pooled flip number");
        String md = ReportTables.format(List.of(a, b), "md", ReportTables.Which.STUDENTS);
        assertFalse(md.contains("NaN"), md);
        assertTrue(md.contains("Flip-averaged (two views per face), held out: accuracy " + pct(expected) + "%."),
                "each seed's flip-averaged held-out number is in its leak note: " + md);
        String plain = ReportTables.format(List.of(ab[0], ab[1]), "md", ReportTables.Which.STUDENTS);
        assertFalse(plain.contains("Flip-averaged (two views"), "no flip scores, no flip note: " + plain);
    }

    /** The run with pair-scores-flip.csv: its plain scores, matched pairs moved up by {@code shift}. */
    private static RunRecord withFlipScores(RunRecord run, double shift) throws Exception {
        RunFolder f = run.folder();
        List<String> lines = java.nio.file.Files.readAllLines(f.file(RunFolder.PAIR_SCORES));
        List<String> flipped = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double score = Double.parseDouble(c[c.length - 1]) + ("1".equals(c[1]) ? shift : 0);
            c[c.length - 1] = Double.toString(score);
            flipped.add(String.join(",", c));
        }
        java.nio.file.Files.write(f.file(FlipAveragedVerification.PAIR_SCORES), flipped);
        JsonObject results = JsonParser.parseString(java.nio.file.Files.readString(f.file(RunFolder.RESULTS)))
                .getAsJsonObject();
        JsonObject block = new JsonObject();
        block.addProperty("pairs", lines.size() - 1);
        results.add(FlipAveragedVerification.KEY, block);
        java.nio.file.Files.writeString(f.file(RunFolder.RESULTS), results.toString());
        return RunRecord.read(f);
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", 100 * v);
    }

    @Test
    void thePivotsMarkTheLeakedNumbersAndKeepTheTargetApart() {
        RunRecord[] pca = chosenOnFold5("S-16-sc-E+pca");
        RunRecord[] paper = new RunRecord[] {
            RunRecord.read(new RunFolderFixture(new RunStore(runs)).experiment("fig4").student("S-32-sc-E", "E")
                    .config(SettingsChosenOn.KEY, JsonParser.parseString("\"none\"")).write("A"))};
        List<RunRecord> all = List.of(pca[0], pca[1], paper[0]);
        String fig4 = ReportTables.format(all, "md", ReportTables.Which.FIG4);
        assertTrue(fig4.contains("S-p-sc-E+pca") && fig4.contains("S-p-sc-E |"), "two arms, two rows: " + fig4);
        assertTrue(fig4.contains("[leak]"), fig4);
        assertTrue(fig4.contains("Settings chosen on (pairs.txt development folds): A fold 5 / none (paper defaults)"),
                fig4);
    }

    @Test
    void runsWithoutTheFieldAreUndeclaredNotFlagged() {
        RunFolderFixture fixture = new RunFolderFixture(new RunStore(runs)).experiment("old");
        ResultsTable.Row row = ResultsTable.of(List.of(RunRecord.read(fixture.write("A")),
                RunRecord.read(fixture.write("B")))).rows().get(0);
        assertFalse(row.protocol().leaks());
        assertEquals("undeclared", row.protocol().label());
    }

    @Test
    void aBrokenFieldInAConfigMakesTheRunUnreadableNamingTheFile() {
        RunFolder f = new RunFolderFixture(new RunStore(runs)).experiment("bad")
                .config(SettingsChosenOn.KEY, JsonParser.parseString("{\"A\": [0]}")).write("A");
        UserFacingException e = assertThrows(UserFacingException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().contains(f.file(RunFolder.CONFIG).toString())
                && e.getMessage().contains(SettingsChosenOn.KEY), e.getMessage());
    }

    /** A config.json of before the target was named: teacher-pca only in its training section. */
    @Test
    void anOldPcaRunReadsAsThePcaStudentAndIsNotResumedAsThePapersCell() {
        RunFolder f = new RunFolderFixture(new RunStore(runs)).experiment("fig4").student("S-16-sc-E", "E").write("A");
        JsonObject cfg = f.readJson(RunFolder.CONFIG).orElseThrow();
        JsonObject training = new JsonObject();
        training.addProperty("regressionTarget", "teacher-pca");
        cfg.add("training", training);
        f.writeJson(RunFolder.CONFIG, cfg);
        assertEquals("S-16-sc-E+pca", RunRecord.read(f).student());

        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("fig4").withStudents(List.of("S-16-sc-E"));
        ExperimentCell papers = spec.cells().get(0);
        assertEquals(f.id(), papers.id(), "the old folder sits where the paper's cell now goes");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> ExperimentRunner.requireSameSettings(spec, papers, f));
        assertTrue(e.getMessage().contains("S-16-sc-E+pca -> S-16-sc-E"), e.getMessage());
    }
}
