package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end on the bundled synthetic faces with a teacher-free student. */
class ExperimentRunnerTest {

    @TempDir Path runs;

    private static ExperimentSpec quickSpec() {
        ExperimentSpec spec = new ExperimentSpec();
        spec.name = "test";
        spec.students = List.of("S-16-c-O");
        spec.splits = List.of("A");
        spec.training.pretrainEpochs = 1;
        spec.training.finetuneEpochs = 2;
        spec.training.batchSize = 64;
        JsonObject deg = new JsonObject();
        deg.addProperty("count", 4);
        spec.degradation = deg;
        spec.validate("test spec");
        return spec;
    }

    private ExperimentRunner runner() {
        TeacherFeatureProvider noTeacher = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
                throw new AssertionError("S-p-c-O must not ask for teacher features");
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                throw new AssertionError("S-p-c-O has no teacher");
            }
        };
        RegressionTargets noAdaptation = (t, f, l, c, s, o, r) -> {
            throw new AssertionError("S-p-c-O needs no adaptation");
        };
        return new ExperimentRunner(new RunStore(runs), new ExperimentDatasets(BridgeLocations.fromSystem()),
                noTeacher, noAdaptation);
    }

    @Test
    void trainsEvaluatesAndWritesACompleteRunFolder() throws Exception {
        ExperimentSpec spec = quickSpec();
        List<LossPoint> losses = new ArrayList<>();
        List<RunFolder> folders = runner().run(spec, new RunListener() {
            @Override
            public void loss(ExperimentCell cell, LossPoint point) {
                losses.add(point);
            }
        }, new RunControl());
        assertEquals(1, folders.size());
        RunFolder f = folders.get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        for (String file : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.LOSSES, RunFolder.MODEL,
                RunFolder.RESULTS, RunFolder.ROC, RunFolder.CMC, RunFolder.PAIR_SCORES)) {
            assertTrue(Files.isRegularFile(f.file(file)), file);
        }
        JsonObject r = f.readJson(RunFolder.RESULTS).orElseThrow();
        for (String key : List.of("accuracy", "accuracy_std", "auc", "tpr_at_fpr_10", "tpr_at_fpr_1", "top1", "top5",
                "params", "train_seconds")) {
            assertTrue(r.has(key), key);
        }
        assertEquals(300, r.get("pairs").getAsInt());
        double acc = r.get("accuracy").getAsDouble();
        assertTrue(acc > 0 && acc <= 1, "accuracy " + acc);
        assertTrue(r.get("params").getAsLong() <= 210_000);
        assertFalse(losses.isEmpty());
        // One line per iteration plus the header.
        assertEquals(losses.size() + 1, Files.readAllLines(f.file(RunFolder.LOSSES)).size());
        assertEquals(301, Files.readAllLines(f.file(RunFolder.PAIR_SCORES)).size());

        // A second run finds the cell complete and does nothing.
        AtomicInteger started = new AtomicInteger();
        runner().run(spec, new RunListener() {
            @Override
            public void cellStarted(ExperimentCell cell, RunFolder folder) {
                started.incrementAndGet();
            }
        }, new RunControl());
        assertEquals(0, started.get());
    }

    @Test
    void aCancelledRunKeepsItsCheckpointAndResumes() {
        ExperimentSpec spec = quickSpec();
        RunControl control = new RunControl();
        List<RunFolder> folders = runner().run(spec, new RunListener() {
            @Override
            public void epoch(ExperimentCell cell, org.bridge.distill.StudentTrainingListener.EpochSummary s) {
                if (s.epoch() == 1) {
                    control.cancel();
                }
            }
        }, control);
        RunFolder f = folders.get(0);
        assertEquals(RunState.CANCELLED, f.state(), f.stateMessage());
        assertFalse(f.isComplete(), "a cancelled run must not look complete");
        assertTrue(Files.isRegularFile(f.checkpointsDir().resolve("last.zip")));

        List<Integer> epochs = new ArrayList<>();
        runner().run(spec, new RunListener() {
            @Override
            public void epoch(ExperimentCell cell, org.bridge.distill.StudentTrainingListener.EpochSummary s) {
                epochs.add(s.epoch());
            }
        }, new RunControl());
        assertEquals(List.of(2, 3), epochs, "resumes after the checkpointed epoch");
        assertEquals(RunState.DONE, f.state());
    }
}
