package org.bridge.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --baseline}: any student against any other, across experiments, from fixture runs. */
class BaselineTableTest {

    @TempDir Path runs;

    private List<RunRecord> records() {
        return new RunStore(runs).list().stream().map(RunRecord::read).toList();
    }

    private void student(String experiment, String name, double separation, double degraded, long... seeds) {
        for (long seed : seeds) {
            RunFolderFixture fx = new RunFolderFixture(new RunStore(runs)).experiment(experiment).student(name, "E")
                    .separation(separation).degradedSeparation(degraded).seed(seed);
            fx.write("A");
        }
    }

    @Test
    void everyStudentIsComparedWithTheBaselineAsTheClaimsAre() {
        student("fig4", "S-16-sc-E+pca", 0.3, 0.0, 1, 2);
        student("fig4", "S-16-c-O", 0.0, 0.0, 1, 2);
        student("ablation", "S-16-sc-E+pca", 0.0, 0.6, 1);
        List<RunRecord> records = records();
        BaselineTable t = BaselineTable.of(records, "fig4/S-16-sc-E+pca");
        assertEquals(3, t.lines().size());
        BaselineTable.Line base = t.lines().stream().filter(BaselineTable.Line::baseline).findFirst().orElseThrow();
        assertEquals("fig4", base.student().experiment());

        BaselineTable.Line co = line(t, "fig4", "S-16-c-O");
        SeedGroup pca = base.student();
        PairedComparison.Result direct = PairedComparison.compare(co.student(), pca);
        assertEquals(direct.accuracy(), co.clean().orElseThrow().accuracy());
        assertEquals("does not hold", co.clean().orElseThrow().accuracy().verdict().text());

        // Another experiment's student on the same pairs: worse on clean pairs, better on degraded ones.
        BaselineTable.Line ablation = line(t, "ablation", "S-16-sc-E+pca");
        assertTrue(ablation.clean().orElseThrow().accuracy().high() < 0);
        assertTrue(ablation.degraded().orElseThrow().accuracy().low() > 0);

        String md = t.format("md");
        assertTrue(md.contains("| S-16-sc-E+pca | softmax | fig4 | 1,2 | A |") && md.contains("| baseline |"), md);
        assertTrue(md.contains("| S-16-sc-E+pca | softmax | ablation | 1 | A |"), md);
        assertEquals(4, t.format("csv").lines().count(), "header and three students");
    }

    @Test
    void aBaselineThatNamesNoneOrSeveralStudentsIsRefusedListingThem() {
        student("fig4", "S-16-sc-E+pca", 0.3, 0.0, 1);
        student("ablation", "S-16-sc-E+pca", 0.0, 0.6, 1);
        List<RunRecord> records = records();
        UserFacingException twice = assertThrows(UserFacingException.class,
                () -> BaselineTable.of(records, "S-16-sc-E+pca"));
        assertTrue(twice.getMessage().contains("more than one student") && twice.getMessage().contains("ablation/"),
                twice.getMessage());
        UserFacingException none = assertThrows(UserFacingException.class, () -> BaselineTable.of(records, "S-16-c-O"));
        assertTrue(none.getMessage().contains("no finished student S-16-c-O")
                && none.getMessage().contains("fig4/S-16-sc-E+pca/softmax"), none.getMessage());
        assertEquals("ablation", BaselineTable.of(records, "ablation/S-16-sc-E+pca").lines().stream()
                .filter(BaselineTable.Line::baseline).findFirst().orElseThrow().student().experiment());
    }

    /** STUDENT/LOSS names a loss of Table IV, as EXPERIMENT/STUDENT/LOSS does (the help's [EXPERIMENT/]STUDENT[/LOSS]). */
    @Test
    void aStudentAndItsLossNameTheBaselineWithoutTheExperiment() {
        student("fig4", "S-16-sc-E+pca", 0.3, 0.0, 1);
        new RunFolderFixture(new RunStore(runs)).experiment("fig4").student("S-16-sc-E+pca", "E").loss("centerloss")
                .separation(0.1).seed(1).write("A");
        List<RunRecord> records = records();
        for (String spec : List.of("S-16-sc-E+pca/centerloss", "fig4/S-16-sc-E+pca/centerloss")) {
            SeedGroup base = BaselineTable.of(records, spec).lines().stream().filter(BaselineTable.Line::baseline)
                    .findFirst().orElseThrow().student();
            assertEquals("centerloss", base.loss(), spec);
        }
        for (String spec : List.of("S-16-sc-E+pca/softmax", "fig4/S-16-sc-E+pca")) {
            assertEquals("softmax", BaselineTable.of(records, spec).lines().stream().filter(BaselineTable.Line::baseline)
                    .findFirst().orElseThrow().student().loss(), spec);
        }
        UserFacingException none = assertThrows(UserFacingException.class,
                () -> BaselineTable.of(records, "S-16-sc-E+pca/arcface"));
        assertTrue(none.getMessage().contains("no finished student S-16-sc-E+pca/arcface"), none.getMessage());
    }

    private static BaselineTable.Line line(BaselineTable t, String experiment, String student) {
        return t.lines().stream().filter(l -> l.student().experiment().equals(experiment)
                && l.student().student().equals(student)).findFirst().orElseThrow();
    }
}
