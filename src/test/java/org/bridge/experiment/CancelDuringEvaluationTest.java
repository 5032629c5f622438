package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;
import org.bridge.experiment.run.TeacherlessRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel while the trained student is being evaluated on the target pairs (minutes on LFW): the
 * cell stops at the next batch of faces, is CANCELLED rather than DONE, keeps model.zip and its
 * complete checkpoint, and the next run evaluates without training again.
 */
class CancelDuringEvaluationTest {

    @TempDir Path runs;

    @Test
    void cancellingDuringEvaluationStopsTheCellAndTheNextRunOnlyEvaluates() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("cancel-eval").withStudents(List.of("S-16-c-O"))
                .withSplits(List.of("A")).withTraining(TrainingSettings.DEFAULTS.withEpochs(0, 1).withBatchSize(64))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(2));
        spec.validate("test spec");

        RunControl control = new RunControl();
        List<String> stages = new ArrayList<>();
        RunFolder f = runner().run(spec, new RunListener() {
            @Override
            public void status(RunCell cell, String stage, double fraction) {
                stages.add(stage);
                if (stage.startsWith("evaluating on the target pairs")) {
                    control.cancel();
                }
            }
        }, control).get(0);
        assertTrue(stages.contains("evaluating on the target pairs"), stages.toString());
        assertEquals(RunState.CANCELLED, f.state(), f.stateMessage());
        assertFalse(f.isComplete(), "a run cancelled while evaluating must not look complete");
        assertFalse(Files.exists(f.file(RunFolder.RESULTS)));
        assertTrue(Files.isRegularFile(f.file(RunFolder.MODEL)), "the trained student is kept");
        long evaluationUpdates = stages.stream().filter(s -> s.startsWith("evaluating")).count();
        assertTrue(evaluationUpdates <= 3, "stopped within a batch of faces, not after all of them: "
                + evaluationUpdates + " progress updates");

        List<Integer> epochs = new ArrayList<>();
        runner().run(spec, new RunListener() {
            @Override
            public void epoch(RunCell cell, EpochSummary s) {
                epochs.add(s.epoch());
            }
        }, new RunControl());
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        assertEquals(List.of(), epochs, "the checkpoint holds every epoch: only the evaluation runs again");
    }

    private ExperimentRunner runner() {
        return TeacherlessRunner.over(runs);
    }
}
