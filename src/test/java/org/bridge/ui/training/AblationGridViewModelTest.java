package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bridge.distill.Supervision;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;

class AblationGridViewModelTest {

    @Test
    void countsTheDefinedStudentsAndTheSkippedCombinations() {
        AblationGridViewModel g = new AblationGridViewModel();
        // Default: p 16, all four supervisions, teachers O and E: c-O, s-E, dc-E, sc-E; 4 of 8 skipped.
        assertEquals(List.of("S-16-c-O", "S-16-s-E", "S-16-dc-E", "S-16-sc-E"),
                g.studentsBinding().get().stream().map(StudentSpec::name).toList());
        assertEquals("4 students (4 undefined combinations skipped): S-16-c-O, S-16-s-E, S-16-dc-E, S-16-sc-E",
                g.summaryBinding().get());

        g.resolution(96).set(true);
        g.supervision(Supervision.s).set(false);
        g.supervision(Supervision.dc).set(false);
        g.teacher(TeacherId.E).set(false);
        assertEquals("2 students (2 undefined combinations skipped): S-16-c-O, S-96-c-O", g.summaryBinding().get());

        g.supervision(Supervision.c).set(false);
        assertEquals("0 students (2 undefined combinations skipped)", g.summaryBinding().get());
        g.teacher(TeacherId.O).set(false);
        assertEquals("tick at least one resolution, supervision, teacher and regression target",
                g.summaryBinding().get());
    }

    @Test
    void theGridCrossesTheRegressionTargetOfSAndScOnly() {
        AblationGridViewModel g = new AblationGridViewModel();
        assertEquals(List.of(MimicTarget.ADAPTED), g.selectedTargets(), "the paper's f_a by default");
        g.target(MimicTarget.TEACHER_PCA).set(true);
        assertEquals(List.of("S-16-c-O", "S-16-s-E", "S-16-s-E+pca", "S-16-dc-E", "S-16-sc-E", "S-16-sc-E+pca"),
                g.studentsBinding().get().stream().map(StudentSpec::name).toList());
        assertEquals("6 students (6 undefined combinations skipped): S-16-c-O, S-16-s-E, S-16-s-E+pca, S-16-dc-E,"
                + " S-16-sc-E, S-16-sc-E+pca", g.summaryBinding().get());
        g.target(MimicTarget.ADAPTED).set(false);
        assertEquals(List.of("S-16-c-O", "S-16-s-E+pca", "S-16-dc-E", "S-16-sc-E+pca"),
                g.studentsBinding().get().stream().map(StudentSpec::name).toList());
        g.target(MimicTarget.TEACHER_PCA).set(false);
        assertEquals(List.of(), g.studentsBinding().get());
    }
}
