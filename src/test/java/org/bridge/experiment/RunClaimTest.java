package org.bridge.experiment;

import org.bridge.experiment.run.AdaptationExperiment;
import org.bridge.experiment.run.ExperimentRunner;
import org.bridge.experiment.run.QueuedRuns;
import org.bridge.experiment.run.TeacherHallucinationExperiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.HoldFileClaim;
import org.bridge.teacher.TeacherId;
import org.bridge.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder claimed by someone else (here another thread, which Java's per-process file locks
 * alone would not keep out) is left alone by every runner: skipped with a message naming the
 * holder, its files untouched, not marked FAILED.
 */
class RunClaimTest {

    @TempDir Path runs;

    /** Holds a folder's claim on a thread of its own until closed, like a second runner would. */
    static final class OtherHolder implements AutoCloseable {
        private final CountDownLatch claimed = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        OtherHolder(RunFolder folder) throws InterruptedException {
            thread = new Thread(() -> {
                try (RunClaim c = RunClaim.tryClaim(folder).orElseThrow()) {
                    claimed.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            assertTrue(claimed.await(10, TimeUnit.SECONDS), "the other holder claimed " + folder.dir());
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(10_000);
        }
    }

    /** What the runner told its listener about each cell. */
    static final class Finished implements RunListener {
        final List<String> messages = new ArrayList<>();
        final List<RunState> states = new ArrayList<>();
        boolean started;

        @Override
        public void cellStarted(RunCell cell, RunFolder folder) {
            started = true;
        }

        @Override
        public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
            states.add(state);
            messages.add(message);
        }
    }

    private static final TeacherFeatureProvider NO_TEACHER = new TeacherFeatureProvider() {
        @Override
        public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
            throw new AssertionError("a skipped cell computes nothing");
        }

        @Override
        public String fingerprint(TeacherId teacher) {
            throw new AssertionError("a skipped cell computes nothing");
        }
    };

    private ExperimentRunner runner(RunStore store) {
        return new ExperimentRunner(store, new ExperimentDatasets(BridgeLocations.fromSystem()), NO_TEACHER,
                (t, f, l, c, s, o, r) -> {
                    throw new AssertionError("a skipped cell trains nothing");
                });
    }

    private static ExperimentSpec.Students quickSpec() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("claims").withStudents(List.of("S-16-c-O"))
                .withSplits(List.of("A")).withTraining(TrainingSettings.DEFAULTS.withEpochs(0, 1))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(1));
        spec.validate("test spec");
        return spec;
    }

    private static void assertSkipped(Finished heard, RunFolder folder) {
        assertEquals(List.of(RunState.RUNNING), heard.states, heard.messages.toString());
        String message = heard.messages.get(0);
        assertTrue(message.contains(folder.dir() + " is being trained by another run in this process (pid "
                + ProcessHandle.current().pid()) && message.contains(", since ") && message.endsWith("; skipped"),
                message);
        assertFalse(heard.started, "a skipped cell is not started");
    }

    @Test
    void theRunnerSkipsACellAnotherRunnerHoldsAndWritesNothingIntoIt() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Students spec = quickSpec();
        ExperimentCell cell = spec.cells().get(0);
        RunFolder folder = store.folder(spec.name(), cell.id());
        Finished heard = new Finished();
        try (OtherHolder other = new OtherHolder(folder)) {
            List<RunFolder> ran = runner(store).run(spec, heard, new RunControl());
            assertEquals(List.of(folder.dir()), ran.stream().map(RunFolder::dir).toList());
        }
        assertSkipped(heard, folder);
        assertFalse(Files.exists(folder.file(RunFolder.CONFIG)), "config.json is the holder's to write");
        assertFalse(Files.exists(folder.file(RunFolder.STATUS)), "not marked RUNNING, FAILED or anything else");
        assertFalse(Files.exists(folder.file(RunFolder.LOSSES)));
    }

    @Test
    void queueingLeavesACellAnotherRunnerHoldsAlone() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Students spec = quickSpec();
        RunFolder folder = store.folder(spec.name(), spec.cells().get(0).id());
        try (OtherHolder other = new OtherHolder(folder)) {
            runner(store).queue(spec);
        }
        assertFalse(Files.exists(folder.file(RunFolder.STATUS)), "the holder's status is not overwritten by QUEUED");
        runner(store).queue(spec);
        assertEquals(RunState.QUEUED, folder.state());
    }

    @Test
    void runQueuedSkipsAQueuedRunAnotherRunnerHasClaimed() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Students spec = quickSpec();
        RunFolder folder = runner(store).queue(spec).get(0);
        String status = Files.readString(folder.file(RunFolder.STATUS));
        Finished heard = new Finished();
        try (OtherHolder other = new OtherHolder(folder)) {
            List<RunFolder> ran = QueuedRuns.workThrough(runner(store), store, heard, new RunControl());
            assertEquals(List.of(), ran, "nothing run");
        }
        assertSkipped(heard, folder);
        assertEquals(status, Files.readString(folder.file(RunFolder.STATUS)), "still QUEUED, as its holder left it");
        assertFalse(Files.exists(folder.file(RunFolder.LOSSES)));
    }

    @Test
    void theAdaptationKindSkipsACellAnotherRunnerHolds() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Adaptation spec = new ExperimentSpec.Adaptation("fig3-claims", "", ExperimentSpec.DatasetSpec.SAMPLE,
                List.of("V"), List.of("A"), List.of(3L), TrainingSettings.DEFAULTS,
                ExperimentKinds.adaptation(org.bridge.config.JsonFields.of(null, "test", "adaptation")),
                SettingsChosenOn.UNDECLARED);
        spec.validate("test spec");
        AdaptationExperiment.Cell cell = AdaptationExperiment.cells(spec).get(0);
        RunFolder folder = store.folder(spec.name(), cell.id());
        Finished heard = new Finished();
        try (OtherHolder other = new OtherHolder(folder)) {
            new AdaptationExperiment(store, new ExperimentDatasets(BridgeLocations.fromSystem()), NO_TEACHER)
                    .run(spec, heard, new RunControl());
        }
        assertSkipped(heard, folder);
        assertFalse(Files.exists(folder.file(RunFolder.CONFIG)));
        assertFalse(Files.exists(folder.file(RunFolder.STATUS)));
    }

    @Test
    void theTeacherHallucinationKindSkipsACellAnotherRunnerHolds() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.TeacherHallucination spec = new ExperimentSpec.TeacherHallucination("table3-claims", "",
                ExperimentSpec.DatasetSpec.SAMPLE, List.of("V"), List.of("HR"), null, SettingsChosenOn.UNDECLARED);
        spec.validate("test spec");
        TeacherHallucinationExperiment.Cell cell = TeacherHallucinationExperiment.cells(spec).get(0);
        RunFolder folder = store.folder(spec.name(), cell.id());
        Finished heard = new Finished();
        // Networks load on first use: a skipped cell never gets to them.
        org.bridge.teacher.TeacherWeights nowhere = new org.bridge.teacher.TeacherWeights(runs.resolve("no-weights"));
        try (OtherHolder other = new OtherHolder(folder);
             CachedTeacherFeatures features = new CachedTeacherFeatures(nowhere);
             CachedDetections detections = new CachedDetections(nowhere, runs.resolve("no-cache"))) {
            new TeacherHallucinationExperiment(store, new ExperimentDatasets(BridgeLocations.fromSystem()), features,
                    detections).run(spec, heard, new RunControl());
        }
        assertSkipped(heard, folder);
        assertFalse(Files.exists(folder.file(RunFolder.CONFIG)));
        assertFalse(Files.exists(folder.file(RunFolder.STATUS)));
    }

    @Test
    void aFolderHeldByAnotherProcessIsSkippedAndFreeOnceThatProcessIsKilled() throws Exception {
        RunStore store = new RunStore(runs);
        ExperimentSpec.Students spec = quickSpec();
        RunFolder folder = store.folder(spec.name(), spec.cells().get(0).id());
        Finished heard = new Finished();
        try (ChildJvm other = ChildJvm.start(runs.resolve("holder.log"), HoldFileClaim.class.getName(),
                folder.file(RunClaim.FILE).toString())) {
            other.awaitConsole("claimed", 120);
            runner(store).run(spec, heard, new RunControl());
            assertTrue(heard.messages.get(0).contains("is being trained by another process (pid " + other.pid() + " on ")
                    && heard.messages.get(0).endsWith("; skipped"), heard.messages.toString());
            assertFalse(Files.exists(folder.file(RunFolder.CONFIG)));
            other.kill(); // kill -9: its run.lock still names it, but the OS dropped its lock
        }
        runner(store).queue(spec);
        assertEquals(RunState.QUEUED, folder.state(), "the next runner got the dead process's folder");
        try (RunClaim claim = RunClaim.tryClaim(folder).orElseThrow()) {
            assertTrue(Files.readString(folder.file(RunClaim.FILE)).contains("pid=" + ProcessHandle.current().pid()));
        }
    }
}
