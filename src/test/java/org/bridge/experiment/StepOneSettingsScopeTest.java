package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.distill.AdaptationParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 1's settings (the "adaptation" section) refuse only the folders of cells that run step 1. */
class StepOneSettingsScopeTest {

    @TempDir
    Path runs;

    private static ExperimentSpec.Students spec(String student, double temperature) {
        return ExperimentSpec.Students.defaults("bridge").withStudents(List.of(student))
                .withAdaptation(AdaptationParams.defaults().withTemperature(temperature));
    }

    private RunFolder folderWrittenAt(ExperimentSpec.Students spec) {
        ExperimentCell cell = spec.cells().get(0);
        RunFolder folder = new RunStore(runs).folder(spec.name(), cell.id());
        ExperimentRunner.requireSameSettings(spec, cell, folder);
        folder.writeJson(RunFolder.CONFIG, CellSettings.config(spec, cell));
        return folder;
    }

    @Test
    void aNewTemperatureRefusesTheAdaptedStudentsFolder() {
        RunFolder f = folderWrittenAt(spec("S-16-sc-E", 4));
        ExperimentSpec.Students changed = spec("S-16-sc-E", 2);
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> ExperimentRunner.requireSameSettings(changed, changed.cells().get(0), f));
        assertTrue(e.getMessage().contains("adaptation"), e.getMessage());
    }

    @Test
    void aNewTemperatureLeavesStudentsWithoutStepOneAlone() {
        for (String student : List.of("S-16-sc-E+pca", "S-16-c-O", "S-16-dc-V")) {
            RunFolder f = folderWrittenAt(spec(student, 4));
            ExperimentSpec.Students changed = spec(student, 2);
            assertDoesNotThrow(() -> ExperimentRunner.requireSameSettings(changed, changed.cells().get(0), f), student);
        }
    }
}
