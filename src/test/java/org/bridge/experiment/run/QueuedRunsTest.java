package org.bridge.experiment.run;

import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.experiment.TrainingSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue written by one session is read back, cell for cell, by the next. */
class QueuedRunsTest {

    @TempDir Path runs;

    private ExperimentRunner runner(RunStore store) {
        TeacherFeatureProvider none = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
                throw new AssertionError("queueing computes no features");
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                throw new AssertionError("queueing computes no features");
            }
        };
        return new ExperimentRunner(store, new ExperimentDatasets(BridgeLocations.fromSystem()), none,
                (t, f, l, c, s, o, r) -> {
                    throw new AssertionError("queueing trains nothing");
                });
    }

    private static ExperimentSpec.Students grid() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("ablation")
                .withGrid(new ExperimentSpec.Grid(List.of(16, 32), List.of("c", "sc"), List.of("O", "E"),
                        List.of(ExperimentSpec.TARGET_ADAPTED)))
                .withSplits(List.of("B")).withSeeds(List.of(7L)).withLosses(List.of("arcface"))
                .withTraining(TrainingSettings.DEFAULTS.withEpochs(3, 5).withLearningRate(0.0123).withBatchSize(32)
                        .withRegressionWeight(2.5))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(4))
                .withAdaptation(org.bridge.distill.AdaptationParams.defaults().withLambda(0.5).withTemperature(2.0));
        spec.validate("test");
        return spec;
    }

    @Test
    void rebuildsEachQueuedCellSoTheRunnerWritesTheSameConfigAgain() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Students spec = grid();
        List<RunFolder> queued = runner(store).queue(spec);
        // 2 resolutions x {c-O, sc-E}: c-E and sc-O are not defined and are skipped.
        assertEquals(4, queued.size());

        List<QueuedRuns.QueuedRun> waiting = QueuedRuns.waiting(store);
        // The same cells (the runs folder lists them by id, not in grid order).
        assertEquals(new java.util.HashSet<>(spec.cells()),
                new java.util.HashSet<>(waiting.stream().map(QueuedRuns.QueuedRun::cell).toList()));
        assertEquals(4, waiting.size());
        for (QueuedRuns.QueuedRun q : waiting) {
            Path config = q.folder().file(RunFolder.CONFIG);
            String before = Files.readString(config);
            assertEquals(1, q.spec().cells().size());
            assertEquals(q.folder().id(), q.cell().id());
            assertEquals(0.0123, q.spec().training().learningRate());
            assertEquals(4, q.spec().degradation().count());
            // Queueing the rebuilt experiment rewrites config.json byte for byte.
            new ExperimentRunner(store, null, null, null).queue(q.spec());
            assertEquals(before, Files.readString(config), q.folder().id());
            assertEquals(RunState.QUEUED, q.folder().state());
        }
    }

    @Test
    void onlyQueuedFoldersWaitAndAMovedFolderIsRefused() throws Exception {
        RunStore store = new RunStore(runs);
        List<RunFolder> queued = runner(store).queue(grid());
        queued.get(0).setState(RunState.CANCELLED, "cancelled by the user");
        queued.get(1).setState(RunState.RUNNING, "");
        assertEquals(2, QueuedRuns.waiting(store).size());

        Path moved = runs.resolve("ablation").resolve("renamed");
        Files.move(queued.get(2).dir(), moved);
        UserFacingException e = assertThrows(UserFacingException.class, () -> QueuedRuns.read(new RunFolder(moved)));
        assertTrue(e.getMessage().contains("renamed") && e.getMessage().contains(queued.get(2).id()), e.getMessage());

        Files.writeString(queued.get(3).file(RunFolder.CONFIG), "{\"experiment\": \"ablation\"}");
        e = assertThrows(UserFacingException.class, () -> QueuedRuns.read(queued.get(3)));
        assertTrue(e.getMessage().contains(RunFolder.CONFIG) && e.getMessage().contains("student"), e.getMessage());
    }
}
