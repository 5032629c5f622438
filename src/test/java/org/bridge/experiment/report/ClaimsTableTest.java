package org.bridge.experiment.report;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.SettingsChosenOn;

import com.google.gson.JsonParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --table claims} and {@code --table seeds} from fixture runs of known quality. */
class ClaimsTableTest {

    @TempDir Path runs;
    private RunStore store;

    @BeforeEach
    void setUp() {
        store = new RunStore(runs);
    }

    private void student(String name, String teacher, double separation, long... seeds) {
        for (long seed : seeds) {
            RunFolderFixture fx = new RunFolderFixture(store).student(name, teacher).separation(separation).seed(seed);
            fx.write("A");
            fx.write("B");
        }
    }

    private List<RunRecord> records() {
        return new RunStore(runs).list().stream().map(RunRecord::read).toList();
    }

    private static ClaimsTable.Row row(ClaimsTable t, String label) {
        return t.rows().stream().filter(r -> r.claim().label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void eachClaimIsMarkedByItsIntervalAndMissingStudentsAreNotMeasured() {
        student("S-16-sc-E", "E", 0.6, 1, 2);
        student("S-16-dc-E", "E", 0.6, 3);
        student("S-16-c-O", "O", 0.0, 1);
        student("S-16-sc-V", "V", 0.0, 1);
        student("S-16-dc-V", "V", 0.6, 1);
        ClaimsTable t = ClaimsTable.of(records());

        assertEquals(ClaimsTable.claims(16).size(), t.rows().size(), "every claim of p = 16, measured or not");
        ClaimsTable.Row scOverCo = row(t, "sc > c-O (E)");
        assertEquals("holds", scOverCo.verdict());
        PairedComparison.Result r = scOverCo.result().orElseThrow();
        assertEquals(2, r.firstSeeds());
        assertEquals(1, r.secondSeeds());
        assertEquals(120, r.pairs());
        assertTrue(r.accuracy().low() > 0);
        assertEquals("within noise", row(t, "sc > dc (E)").verdict());
        assertEquals("does not hold", row(t, "sc > dc (V)").verdict());
        assertEquals("holds", row(t, "E > V (sc)").verdict());
        assertEquals("holds", row(t, "TPR@FPR=10%: sc-E > c-O").verdict());
        ClaimsTable.Row noC = row(t, "sc > dc (C)");
        assertTrue(noC.result().isEmpty());
        assertEquals("not measured (no S-16-sc-C, no S-16-dc-C)", noC.verdict());
        assertEquals("not measured (no S-16-sc-E+pca)", row(t, "bridge > no bridge (sc-E)").verdict());

        String md = ReportTables.format(records(), "md", ReportTables.Which.CLAIMS);
        assertTrue(md.startsWith("| p | Claim | Better | Worse |"), md);
        assertTrue(md.contains("| 16 | sc > c-O (E) | S-16-sc-E | S-16-c-O | accuracy | +"), md);
        assertTrue(md.contains("| 120 | 2 vs 1 | holds |"), md);
        assertTrue(md.contains("not measured (no S-16-sc-C, no S-16-dc-C)"), md);
        String csv = ReportTables.format(records(), "csv", ReportTables.Which.CLAIMS);
        assertEquals(ClaimsTable.claims(16).size() + 1, csv.lines().count());
        assertTrue(ReportTables.format(records(), "tex", ReportTables.Which.CLAIMS).contains("\\toprule"));
    }

    @Test
    void aClaimIsMadeAtEveryResolutionThatHasStudents() {
        student("S-16-c-O", "O", 0.0, 1);
        student("S-32-c-O", "O", 0.0, 1);
        ClaimsTable t = ClaimsTable.of(records());
        assertEquals(2 * ClaimsTable.claims(16).size(), t.rows().size());
        assertTrue(t.rows().stream().allMatch(r -> r.verdict().startsWith(ClaimsTable.NOT_MEASURED)));
    }

    @Test
    void theBridgeIsJudgedOnDegradedPairsToo() {
        for (long seed : new long[] {1, 2}) {
            for (String split : List.of("A", "B")) {
                new RunFolderFixture(store).student("S-16-sc-E", "E").separation(0.6).degradedSeparation(0.0).seed(seed)
                        .write(split);
                new RunFolderFixture(store).student("S-16-sc-E+pca", "E").separation(0.0).degradedSeparation(0.6)
                        .seed(seed).write(split);
            }
        }
        ClaimsTable t = ClaimsTable.of(records());
        assertEquals("holds", row(t, "bridge > no bridge (sc-E)").verdict());
        ClaimsTable.Row degraded = row(t, "bridge > no bridge (sc-E), degraded");
        assertEquals("does not hold", degraded.verdict());
        assertEquals(120, degraded.result().orElseThrow().pairs());
        assertTrue(ReportTables.format(records(), "md", ReportTables.Which.CLAIMS)
                .contains("| accuracy, D(I)-degraded pairs | -"));
    }

    /** Settings chosen on A fold 5 leave split B's fold 5 out of every comparison, clean and degraded. */
    @Test
    void pairsOfTheFoldTheSettingsWereChosenOnAreLeftOutOfTheComparison() {
        int fold5 = 0;
        for (String name : List.of("S-16-sc-E", "S-16-sc-E+pca")) {
            for (String split : List.of("A", "B")) {
                RunRecord r = RunRecord.read(new RunFolderFixture(store).student(name, "E").separation(0.3)
                        .degradedSeparation(0.3).config(SettingsChosenOn.KEY, JsonParser.parseString("{\"A\": [5]}"))
                        .write(split));
                fold5 += (int) r.pairScores().scores().stream().filter(p -> p.fold() == 5).count();
            }
        }
        assertTrue(fold5 > 0, "the fixture scores fold 5 in split B");
        ClaimsTable t = ClaimsTable.of(records());
        assertEquals(120 - fold5 / 2, row(t, "bridge > no bridge (sc-E)").result().orElseThrow().pairs());
        assertEquals(120 - fold5 / 2, row(t, "bridge > no bridge (sc-E), degraded").result().orElseThrow().pairs());
        assertTrue(ReportTables.format(records(), "md", ReportTables.Which.CLAIMS).contains("without the pairs of a fold"));
    }

    @Test
    void aRunWithoutDegradedPairsLeavesTheDegradedClaimNotMeasuredAndSaysWhy() {
        student("S-16-sc-E", "E", 0.6, 1);
        student("S-16-sc-E+pca", "E", 0.0, 1);
        String why = row(ClaimsTable.of(records()), "bridge > no bridge (sc-E), degraded").verdict();
        assertTrue(why.startsWith("not measured (run ") && why.contains("pair-scores-degraded.csv"), why);
    }

    @Test
    void theBridgeClaimSetsTheAdaptedTargetStudentAgainstThePcaTargetOne() {
        assertEquals(List.of("S-32-sc-E", "S-32-sc-E+pca"), List.of(ClaimsTable.bridgeSides(32)));
    }

    @Test
    void studentsWithSeveralSeedsGetMeanAndStdOverTheSeeds() {
        student("S-16-c-O", "O", 0.2, 1, 2, 3);
        student("S-16-sc-E", "E", 0.6, 1);
        List<RunRecord> records = records();
        SeedsTable seeds = SeedsTable.of(records);
        assertEquals(1, seeds.students().size(), "only students with several seeds");
        SeedGroup g = seeds.students().get(0);
        assertEquals(List.of(1L, 2L, 3L), g.seedNumbers());
        double[] acc = ResultsTable.of(records).rows().stream().filter(r -> r.student().equals("S-16-c-O"))
                .mapToDouble(ResultsTable.Row::accuracy).toArray();
        double mean = (acc[0] + acc[1] + acc[2]) / 3;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        assertEquals(mean, g.accuracy().mean(), 1e-12);
        assertEquals(Math.sqrt(ss / 2), g.accuracy().std(), 1e-12);

        String md = ReportTables.format(records, "md", ReportTables.Which.SEEDS);
        String cell = String.format(java.util.Locale.ROOT, "%.2f \u00b1 %.2f", 100 * mean, 100 * Math.sqrt(ss / 2));
        assertTrue(md.contains("| S-16-c-O | softmax | 1,2,3 | A+B | 120 | " + cell + " |"), md);
        String csv = ReportTables.format(records, "csv", ReportTables.Which.SEEDS);
        assertTrue(csv.startsWith("Model,Loss,Seeds,Splits,Pairs,Accuracy (%),Accuracy std (%),AUC,AUC std,"), csv);
        assertFalse(csv.contains("\u00b1"), csv);
        String all = ReportTables.format(records, "md", ReportTables.Which.ALL);
        assertTrue(all.contains("### " + SeedsTable.TITLE), all);
        assertTrue(all.contains("### " + ReportTables.STUDENTS_TITLE), all);
    }

    @Test
    void withOneSeedEachTheReportIsTheStudentsTableAlone() {
        student("S-16-c-O", "O", 0.2, 1);
        student("S-16-sc-E", "E", 0.6, 1);
        List<RunRecord> records = records();
        assertTrue(SeedsTable.of(records).isEmpty());
        assertEquals(ResultsTable.of(records).format("md"), ReportTables.format(records, "md", ReportTables.Which.ALL));
    }

    @Test
    void theScClaimsAreRepeatedWithThePcaTargetWhereBothStudentsWereMeasured() {
        student("S-16-sc-E+pca", "E", 0.6, 1, 2);
        student("S-16-sc-V+pca", "V", 0.0, 1);
        student("S-16-c-O", "O", 0.0, 1);
        ClaimsTable t = ClaimsTable.of(records());
        assertEquals("holds", row(t, "E > V (sc+pca)").verdict());
        assertEquals("holds", row(t, "sc+pca > c-O (E)").verdict());
        assertEquals("within noise", row(t, "sc+pca > c-O (V)").verdict());
        assertTrue(t.rows().stream().noneMatch(r -> r.claim().label().equals("sc+pca > dc (V)")),
                "no S-16-dc-V: the pca variant is left out, not listed as not measured");
        assertEquals(ClaimsTable.claims(16).size() + 3, t.rows().size());
    }
}
