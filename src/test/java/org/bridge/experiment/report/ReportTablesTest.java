package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import org.bridge.config.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Fig. 3 and Table III tables from fixture run folders, next to the students' table. */
class ReportTablesTest {

    @TempDir Path runs;

    /** An adaptation run folder as {@link AdaptationExperiment} writes it (the keys the table reads). */
    static RunFolder adaptationRun(RunStore store, String teacher, String split, long seed, int tested, int raw,
                                   int direct, int distilled) {
        RunFolder f = store.folder("fig3", "adapt-" + teacher + "_split" + split + "_seed" + seed);
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", "fig3");
        cfg.addProperty("kind", "adaptation");
        cfg.addProperty("label", "Fig. 3 teacher " + teacher);
        cfg.addProperty("teacher", teacher);
        cfg.addProperty("split", split);
        cfg.addProperty("seed", seed);
        f.writeJson(RunFolder.CONFIG, cfg);
        JsonObject r = new JsonObject();
        r.addProperty("kind", "adaptation");
        r.addProperty("teacher", teacher);
        r.addProperty("split", split);
        r.addProperty("seed", seed);
        r.addProperty("tested", tested);
        int[] correct = {raw, direct, distilled};
        String[] keys = {"raw_teacher", "direct_compression", "cross_dataset_distillation"};
        for (int i = 0; i < 3; i++) {
            JsonObject c = new JsonObject();
            c.addProperty("accuracy", (double) correct[i] / tested);
            c.addProperty("correct", correct[i]);
            c.addProperty("tested", tested);
            c.addProperty("feature_dimension", i == 0 ? ("V".equals(teacher) ? 1024 : 128) : 128);
            r.add(keys[i], c);
        }
        JsonObject params = new JsonObject();
        params.addProperty("lambda", 1.0);
        params.addProperty("temperature", 4.0);
        r.add("params", params);
        r.addProperty("seconds", 120);
        f.writeJson(RunFolder.RESULTS, r);
        return f;
    }

    /** A teacher-hallucination run folder with the teacher-eval keys. */
    static RunFolder hallucinationRun(RunStore store, String teacher, Integer p, double accuracy) throws Exception {
        String input = p == null ? "HR" : p + "-BI";
        RunFolder f = store.folder("table3", "teacher-" + teacher + "_" + input + "_detector");
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", "table3");
        cfg.addProperty("kind", "teacher-hallucination");
        cfg.addProperty("label", "Table III teacher " + teacher + " " + input);
        cfg.addProperty("teacher", teacher);
        cfg.addProperty("split", "all pairs");
        f.writeJson(RunFolder.CONFIG, cfg);
        JsonObject r = new JsonObject();
        r.addProperty("kind", "teacher-hallucination");
        r.addProperty("teacher", teacher);
        if (p == null) {
            r.add("resolution", JsonNull.INSTANCE);
        } else {
            r.addProperty("resolution", p);
        }
        r.addProperty("alignment", "detector");
        r.addProperty("accuracy", accuracy);
        r.addProperty("accuracy_std", 0.01);
        r.addProperty("auc", 0.95);
        r.addProperty("tpr_at_fpr_10", 0.8);
        r.addProperty("tpr_at_fpr_1", 0.5);
        r.addProperty("faces_per_second", 30.5);
        r.addProperty("pairs", 6000);
        // As the runner writes it: nulls kept.
        AtomicFiles.writeString(f.file(RunFolder.RESULTS),
                new com.google.gson.GsonBuilder().serializeNulls().create().toJson(r));
        return f;
    }

    private List<RunRecord> records() {
        return new RunStore(runs).list().stream().map(RunRecord::read).toList();
    }

    @Test
    void studentRunsAloneGiveExactlyTheStudentsTable() {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        new RunFolderFixture(store).write("B");
        for (String format : List.of("md", "csv", "tex")) {
            assertEquals(ResultsTable.of(records()).format(format),
                    ReportTables.format(records(), format, ReportTables.Which.ALL), format);
        }
    }

    @Test
    void severalResolutionsAddFig4AndFig6WithOneColumnPerResolution() {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        new RunFolderFixture(store).write("B");
        new RunFolderFixture(store).student("S-32-c-O", "O").write("A");
        new RunFolderFixture(store).student("S-16-sc-E", "E").write("A");
        new RunFolderFixture(store).student("S-16-sc-E", "E").write("B");
        ResultsTable students = ResultsTable.of(records());
        ResultsTable.Row c16 = students.rows().stream().filter(r -> r.student().equals("S-16-c-O")).findFirst().orElseThrow();
        ResultsTable.Row c32 = students.rows().stream().filter(r -> r.student().equals("S-32-c-O")).findFirst().orElseThrow();

        String fig4 = ReportTables.format(records(), "csv", ReportTables.Which.FIG4);
        List<String> lines = fig4.lines().toList();
        assertEquals("Student (x-t),Loss,Seed,p = 16,p = 32", lines.get(0));
        // c-O: full LFW at 16, split A only at 32, which the cell says; sc-E has no 32 yet.
        assertEquals(String.format(java.util.Locale.ROOT, "S-p-c-O,softmax,1,%.2f ± %.2f,%.2f ± %.2f (split A)",
                100 * c16.accuracy(), 100 * c16.accuracyStd(), 100 * c32.accuracy(), 100 * c32.accuracyStd()), lines.get(1));
        assertTrue(lines.get(2).startsWith("S-p-sc-E,softmax,1,") && lines.get(2).endsWith(","), lines.get(2));
        assertEquals(3, lines.size(), fig4);

        String fig6 = ReportTables.format(records(), "csv", ReportTables.Which.FIG6);
        assertTrue(fig6.contains(String.format(java.util.Locale.ROOT, "%.2f / %.2f (split A)",
                100 * c32.top1(), 100 * c32.top5())), fig6);

        String all = ReportTables.format(records(), "md", ReportTables.Which.ALL);
        assertTrue(all.contains("### " + ReportTables.STUDENTS_TITLE), all);
        assertTrue(all.contains("### " + ResolutionTable.FIG4_TITLE), all);
        assertTrue(all.contains("### " + ResolutionTable.FIG6_TITLE), all);
    }

    @Test
    void table4HoldsTheStudentsTrainedWithSeveralLossesOnTheSplitsTheyShare() {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        new RunFolderFixture(store).write("B");
        for (String loss : List.of("softmax", "cosface", "arcface")) {
            new RunFolderFixture(store).student("S-16-sc-E", "E").loss(loss).write("A");
        }
        // softmax also has split B; the other losses do not yet, so Table IV compares split A only.
        new RunFolderFixture(store).student("S-16-sc-E", "E").loss("softmax").write("B");
        String csv = ReportTables.format(records(), "csv", ReportTables.Which.TABLE4);
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), "c-O has one loss, so only sc-E's three rows: " + csv);
        assertEquals(List.of("softmax", "cosface", "arcface"),
                lines.subList(1, 4).stream().map(l -> l.split(",")[2]).toList());
        assertTrue(lines.subList(1, 4).stream().allMatch(l -> l.startsWith("S-16-sc-E,sample,") && l.contains(",A,")), csv);
        ResultsTable.Row softmaxA = ResultsTable.of(records().stream()
                .filter(r -> r.loss().equals("softmax") && r.student().equals("S-16-sc-E") && r.split().equals("A"))
                .toList()).rows().get(0);
        assertTrue(lines.get(1).contains(String.format(java.util.Locale.ROOT, ",%.2f,", 100 * softmaxA.accuracy())),
                "the softmax row is its split-A result: " + lines.get(1));
        // The students table still pools softmax over both splits.
        assertTrue(ReportTables.format(records(), "csv", ReportTables.Which.STUDENTS)
                .contains("S-16-sc-E,sample,softmax,1,A+B"), "students table");

        String all = ReportTables.format(records(), "md", ReportTables.Which.ALL);
        assertTrue(all.contains("### " + ResultsTable.TABLE4_TITLE), all);
        assertFalse(ReportTables.format(records().stream().filter(r -> r.student().equals("S-16-c-O")).toList(), "md",
                ReportTables.Which.ALL)
                .contains(ResultsTable.TABLE4_TITLE), "no Table IV without a second loss");
    }

    @Test
    void figure3AndTable3AppearNextToTheStudentsTable() throws Exception {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        new RunFolderFixture(store).write("B");
        adaptationRun(store, "V", "A", 7, 100, 95, 90, 96);
        adaptationRun(store, "V", "B", 7, 300, 291, 285, 294);
        adaptationRun(store, "C", "A", 7, 100, 94, 92, 95);
        hallucinationRun(store, "V", 16, 0.8453);
        hallucinationRun(store, "C", null, 0.9843);
        hallucinationRun(store, "V", null, 0.9797);
        // An unfinished adaptation run is not a row.
        RunFolder running = store.folder("fig3", "adapt-E_splitA_seed7");
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", "fig3");
        cfg.addProperty("kind", "adaptation");
        cfg.addProperty("teacher", "E");
        cfg.addProperty("split", "A");
        cfg.addProperty("seed", 7);
        running.writeJson(RunFolder.CONFIG, cfg);

        List<RunRecord> records = records();
        assertEquals(1, ResultsTable.of(records).rows().size(), "adaptation and teacher runs are not student rows");

        AdaptationTable fig3 = AdaptationTable.of(records);
        // V: A, B, pooled A+B; then C: A. Paper order V, C, E.
        assertEquals(List.of("V A", "V B", "V A+B", "C A"),
                fig3.rows().stream().map(r -> r.teacher() + " " + r.splits()).toList());
        AdaptationTable.Row pooled = fig3.rows().get(2);
        assertEquals(400, pooled.tested());
        assertEquals((95 + 291) / 400.0, pooled.rawTeacher(), 1e-12);
        assertEquals((90 + 285) / 400.0, pooled.directCompression(), 1e-12);
        assertEquals((96 + 294) / 400.0, pooled.distillation(), 1e-12);

        HallucinationTable t3 = HallucinationTable.of(records);
        assertEquals(List.of("V HR", "C HR", "V 16-BI"), t3.rows().stream().map(r -> r.teacher() + " " + r.input()).toList());

        String md = ReportTables.format(records, "md", ReportTables.Which.ALL);
        int students = md.indexOf("### " + ReportTables.STUDENTS_TITLE);
        int f3 = md.indexOf("### " + AdaptationTable.TITLE);
        int t3i = md.indexOf("### " + HallucinationTable.TITLE);
        assertTrue(students >= 0 && f3 > students && t3i > f3, md);
        assertTrue(md.contains("| V | A+B | 7 | 400 | 96.50 | 93.75 | 97.50 | not reproducible | 1024 / 128 | 1.00 | 4.0 |"),
                md);
        assertTrue(md.contains("(4) not reproducible: case (4), mixed-dataset distillation"), md);
        assertTrue(md.contains("| V | detector | 16-BI | 6000 | 84.53 | 1.00 | 0.9500 | 80.00 | 50.00 | 30.5 |"), md);

        String fig3Csv = ReportTables.format(records, "csv", ReportTables.Which.FIG3);
        List<String> lines = fig3Csv.lines().toList();
        assertEquals(5, lines.size(), fig3Csv);
        assertTrue(lines.get(0).startsWith("Teacher,Splits,Seed,Held-out images,(1) raw f_t + softmax (%)"), lines.get(0));
        assertTrue(lines.get(0).contains("\"(2) direct compression, C only (%)\""), "commas quoted: " + lines.get(0));
        assertEquals("C,A,7,100,94.00,92.00,95.00,not reproducible,128 / 128,1.00,4.0,2.0", lines.get(4));

        String t3Csv = ReportTables.format(records, "csv", ReportTables.Which.TABLE3);
        assertEquals("V,detector,HR,6000,97.97,1.00,0.9500,80.00,50.00,30.5", t3Csv.lines().toList().get(1));

        String tex = ReportTables.format(records, "tex", ReportTables.Which.ALL);
        assertEquals(3, tex.split("\\\\begin\\{tabular\\}", -1).length - 1, tex);
        assertTrue(tex.contains("% " + AdaptationTable.TITLE.replace("%", "%")), tex);
        assertTrue(tex.contains("\\begin{tabular}{llllrrrrrrrr}"), tex);
        assertTrue(tex.contains("TPR@FPR=10\\% (\\%)"), tex);
        assertTrue(tex.contains("raw f\\_t"), tex);
        assertFalse(tex.contains("###"), tex);

        String csvAll = ReportTables.format(records, "csv", ReportTables.Which.ALL);
        assertEquals(3, csvAll.split("\n\n", -1).length, "three tables separated by blank lines: " + csvAll);

        assertThrows(IllegalArgumentException.class, () -> ReportTables.format(records, "html", ReportTables.Which.ALL));
        assertThrows(IllegalArgumentException.class, () -> ReportTables.Which.parse("fig9"));
    }

    @Test
    void onlyNonStudentRunsGiveOnlyTheirTables() throws Exception {
        RunStore store = new RunStore(runs);
        adaptationRun(store, "E", "A", 7, 100, 97, 96, 98);
        String md = ReportTables.format(records(), "md", ReportTables.Which.ALL);
        assertFalse(md.contains(ReportTables.STUDENTS_TITLE), md);
        assertTrue(md.startsWith("### " + AdaptationTable.TITLE), md);
        assertFalse(md.contains(HallucinationTable.TITLE), md);
    }
}
