package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceRecord;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a grid: a cell that throws something unexpected, a damaged checkpoint,
 * the leftovers of a killed checkpoint write, and Ctrl-C while teacher features are extracted.
 * Each is recorded in the cell's status.json, and none stops the cells after it.
 */
class FaultInjectionTest {

    @TempDir Path runs;

    /** A tiny grid on the bundled synthetic faces: split A, 4 people, 2 epochs. */
    private static ExperimentSpec.Students tinySpec(String name, String... students) {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults(name).withStudents(List.of(students))
                .withSplits(List.of("A")).withTraining(TrainingSettings.DEFAULTS.withEpochs(0, 2).withBatchSize(32)
                        .withPeople(2, 4))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(1));
        spec.validate("test spec");
        return spec;
    }

    private ExperimentRunner runner(TeacherFeatureProvider teachers, RegressionTargets adaptation) {
        return new ExperimentRunner(new RunStore(runs), new ExperimentDatasets(BridgeLocations.fromSystem()), teachers,
                adaptation);
    }

    private static final RegressionTargets NO_ADAPTATION = (t, f, l, c, s, o, r) -> {
        throw new AssertionError("not reached");
    };

    @Test
    void aCellThatThrowsIsFailedWithItsMessageAndTheNextCellStillRunsPastItsDamagedCheckpoint() throws IOException {
        ExperimentSpec.Students spec = tinySpec("faults", "S-16-s-V", "S-16-c-O");
        TeacherFeatureProvider broken = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
                throw new AssertionError("the fingerprint fails first");
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                throw new IllegalStateException("teacher model vanished");
            }
        };
        // The healthy cell's folder as a killed earlier process left it: an empty (damaged)
        // last.zip and the .partial files of writes that never got renamed.
        ExperimentCell healthy = spec.cells().get(1);
        RunFolder healthyFolder = new RunStore(runs).folder(spec.name(), healthy.id());
        Files.createDirectories(healthyFolder.checkpointsDir());
        Path emptyCheckpoint = Files.write(healthyFolder.checkpointsDir().resolve("last.zip"), new byte[0]);
        Path partialCheckpoint = Files.writeString(healthyFolder.checkpointsDir().resolve(".last.zip.81.partial"), "PK");
        Path partialModel = Files.writeString(healthyFolder.file(".model.zip.82.partial"), "PK");

        List<String> stages = new CopyOnWriteArrayList<>();
        List<String> finished = new ArrayList<>();
        List<RunFolder> folders = runner(broken, NO_ADAPTATION).run(spec, new RunListener() {
            @Override
            public void status(RunCell cell, String stage, double fraction) {
                stages.add(stage);
            }

            @Override
            public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                finished.add(((ExperimentCell) cell).student().name() + " " + state + ": " + message);
            }
        }, new RunControl());

        assertEquals(2, folders.size(), finished.toString());
        RunFolder failed = folders.get(0);
        assertEquals(RunState.FAILED, failed.state());
        assertEquals("IllegalStateException: teacher model vanished", failed.stateMessage());
        assertTrue(Files.readString(failed.file(CellFailure.LOG)).contains("teacher model vanished"),
                "the stack trace is kept in the run folder");

        assertEquals(RunState.DONE, folders.get(1).state(), finished.toString());
        assertTrue(folders.get(1).isComplete());
        assertFalse(Files.exists(partialCheckpoint) || Files.exists(partialModel), "unfinished writes are removed");
        assertTrue(stages.stream().anyMatch(s -> s.startsWith("removed 2 unfinished write(s)")), stages.toString());
        List<Path> aside;
        try (Stream<Path> files = Files.list(healthyFolder.checkpointsDir())) {
            aside = files.filter(f -> f.getFileName().toString().startsWith("last.zip.damaged-")).toList();
        }
        assertEquals(1, aside.size(), "the damaged checkpoint is set aside, not deleted");
        assertEquals(0, Files.size(aside.get(0)));
        String message = folders.get(1).stateMessage();
        assertTrue(message.startsWith("done: 2 epochs") && message.contains(emptyCheckpoint.toString())
                && message.contains("set aside as " + aside.get(0).getFileName())
                && message.contains("training starts again from epoch 1"), message);
        assertTrue(stages.stream().anyMatch(s -> s.contains("set aside as")), "the listener hears it as it happens");
    }

    @Test
    void cancelDuringTeacherFeatureExtractionStopsAtTheNextBatchAndRecordsCancelled() throws Exception {
        ExperimentSpec.Students spec = tinySpec("cancel-features", "S-16-s-V");
        RunControl control = new RunControl();
        int batches = 400;
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger computedAtCancel = new AtomicInteger(-1);
        long[] cancelledAt = new long[1];
        // A teacher that is slow and, like the real one, never looks at the RunControl itself.
        TeacherFeatureProvider slow = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
                progress.update(0, batches);
                for (int b = 1; b <= batches; b++) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    computed.incrementAndGet();
                    progress.update(b, batches);
                }
                float[][] f = new float[images.size()][8];
                for (float[] row : f) {
                    row[0] = 1;
                }
                return f;
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                return "slow-fake";
            }
        };
        // Ctrl-C from another thread (as CancelOnInterrupt's hook) once extraction is under way.
        java.util.concurrent.atomic.AtomicBoolean runEnded = new java.util.concurrent.atomic.AtomicBoolean();
        Thread ctrlC = new Thread(() -> {
            while (computed.get() < 3) {
                if (runEnded.get()) {
                    return;
                }
                Thread.onSpinWait();
            }
            cancelledAt[0] = System.nanoTime();
            control.cancel();
            computedAtCancel.set(computed.get());
        });
        ctrlC.start();
        long[] finishedAt = new long[1];
        RunFolder f = runner(slow, NO_ADAPTATION).run(spec, new RunListener() {
            @Override
            public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                finishedAt[0] = System.nanoTime();
            }
        }, control).get(0);
        runEnded.set(true);
        ctrlC.join();

        assertEquals(RunState.CANCELLED, f.state(), f.stateMessage());
        assertEquals("cancelled by the user", f.stateMessage());
        assertTrue(computed.get() <= computedAtCancel.get() + 1, "stopped at the next batch, not after all "
                + batches + ": " + computedAtCancel.get() + " batches at cancel, " + computed.get() + " in all");
        System.out.printf("cancel during teacher features: CANCELLED %.0f ms after cancel%n",
                (finishedAt[0] - cancelledAt[0]) / 1e6);
    }

    @Test
    void stepOneAdaptationStopsBetweenEpochsWhenCancelled() {
        Random rnd = new Random(3);
        int n = 60;
        float[][] features = new float[n][16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 16; d++) {
                features[i][d] = (float) rnd.nextGaussian() + (d == labels[i] ? 3 : 0);
            }
        }
        RunFolder folder = new RunFolder(runs.resolve("adaptation"));
        AtomicInteger epochs = new AtomicInteger();
        Runnable cancelAtThird = () -> {
            if (epochs.incrementAndGet() == 3) {
                throw new RunControl.CancelledException();
            }
        };
        assertThrows(RunControl.CancelledException.class, () -> new AdaptedRegressionTargets()
                .adapted(TeacherId.V, features, labels, 3, 1, org.bridge.distill.AdaptationParams.defaults().withSeed(1), folder,
                        cancelAtThird));
        assertEquals(3, epochs.get(), "no epoch after the cancel");
        assertFalse(Files.exists(folder.file(AdaptedRegressionTargets.MODULE_FILE)), "nothing half-trained is kept");
    }

    @Test
    void aCsvRowTornByAKillIsDroppedSoTheNextRowDoesNotRunIntoIt() throws IOException {
        RunFolder f = new RunFolder(runs.resolve("torn"));
        f.appendCsv(RunFolder.LOSSES, "phase,epoch,iteration,global_iteration", List.of("all,1,1,0", "all,1,2,1"));
        Files.writeString(f.file(RunFolder.LOSSES), "all,1,3", java.nio.file.StandardOpenOption.APPEND);

        f.dropCsvRowsFrom(RunFolder.LOSSES, 3, 2); // a resumed run's first iteration is global iteration 2
        f.appendCsv(RunFolder.LOSSES, "unused header", List.of("all,1,3,2"));

        assertEquals(List.of("phase,epoch,iteration,global_iteration", "all,1,1,0", "all,1,2,1", "all,1,3,2"),
                Files.readAllLines(f.file(RunFolder.LOSSES)));
    }

    @Test
    void aCellWithOtherSettingsIsRefusedBeforeAnyCellOfTheGridRuns() {
        ExperimentSpec.Students spec = tinySpec("refused", "S-16-c-O").withSplits(List.of("A", "B"));
        ExperimentSpec.Students otherB = tinySpec("refused", "S-16-c-O").withSplits(List.of("B"));
        otherB = otherB.withTraining(otherB.training().withLearningRate(0.01));
        ExperimentRunner runner = runner(new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
                throw new AssertionError("no teacher");
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                throw new AssertionError("no teacher");
            }
        }, NO_ADAPTATION);
        runner.queue(otherB);

        org.bridge.config.UserFacingException e = assertThrows(org.bridge.config.UserFacingException.class,
                () -> runner.run(spec, RunListener.NONE, new RunControl()));

        assertTrue(e.getMessage().contains("training.learningRate"), e.getMessage());
        RunFolder a = new RunStore(runs).folder(spec.name(), spec.cells().get(0).id());
        assertFalse(Files.exists(a.file(RunFolder.STATUS)), "split A did not start: the refusal comes first");
    }
}
