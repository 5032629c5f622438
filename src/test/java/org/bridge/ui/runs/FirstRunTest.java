package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bridge.config.BridgeLocations;
import org.bridge.config.WorkbenchSettings;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherWeights;
import org.bridge.testsupport.RequiredResources;
import org.bridge.ui.common.ExperimentSetupViewModel;
import org.bridge.ui.training.SplitChoice;
import org.bridge.ui.training.TrainingSetupViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first Run of a fresh workbench, headless: the set-up a first start shows (S-16-sc-E+pca with
 * the Fig. 4 settings, on the bundled sample faces), an EMPTY teacher cache, and the workbench's
 * own runner ({@link BackgroundRuns}, which trains in a child JVM). The weights are fetched on
 * first need and the cell trains, without a manual step. Cut to one epoch, one perturbation per
 * face and split A to stay small.
 */
class FirstRunTest {

    @TempDir Path tmp;

    @Test
    void aFreshWorkbenchsFirstRunFetchesTheTeachersAndTrains() throws Exception {
        RequiredResources.teacherWeights(); // npm must reach the packages (skips without, fails in CI)
        Path teachers = tmp.resolve("empty-teacher-cache");
        Path runs = tmp.resolve("runs");
        BridgeLocations locations = locations(teachers, runs);

        TrainingSetupViewModel setup = new TrainingSetupViewModel(new ExperimentSetupViewModel(),
                locations::lfwDir, () -> locations.repoDir().map(r -> r.resolve("experiments")).orElse(null));
        setup.loadFrom(new WorkbenchSettings(tmp.resolve("first-start.properties")));
        assertEquals(TrainingSetupViewModel.DEFAULT_PRESET, setup.presetFileProperty().get().getFileName().toString(),
                "a first start sets up from the Fig. 4 file");
        assertEquals("S-16-sc-E+pca", setup.studentSpec().name(), "the Fig. 4 file's own student");
        setup.finetuneEpochs().set(1);
        setup.perturbations().set(1);
        setup.splitProperty().set(SplitChoice.A);
        ExperimentSpec.Students spec = setup.toSpec();
        assertEquals("sample", spec.dataset().kind());

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (BackgroundRuns background = new BackgroundRuns(
                () -> new ExperimentServices(locations, new RunStore(runs)), new RunFeed(events::add))) {
            background.run(spec);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (events.stream().noneMatch(e -> e instanceof RunEvent.JobFinished) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        ExperimentCell cell = spec.cells().get(0);
        RunFolder folder = new RunStore(runs).folder(spec.name(), cell.id());
        String console = Files.isRegularFile(folder.file("console.log")) ? Files.readString(folder.file("console.log")) : "";
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.JobFinished), "the job ended: " + events);
        assertEquals(RunState.DONE, folder.state(), folder.stateMessage() + "\n" + console);

        TeacherWeights fetched = new TeacherWeights(teachers);
        for (PinnedPackage pkg : PinnedPackage.ALL) {
            assertTrue(fetched.isComplete(pkg), pkg.spec() + " fetched into the empty cache");
        }
        assertTrue(console.contains("fetching teacher weights: npm pack @vladmandic/human@3.3.6"), console);
        // The workbench heard the child's run as it would hear one in its own JVM.
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.CellStarted), events.toString());
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.Loss), "losses for the chart");
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.Epoch), "epochs for the progress bar");
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.Status s && s.stage().startsWith("training")),
                "the status line follows the child's stages");
        assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.CellFinished f && f.state() == RunState.DONE));
        assertFalse(Files.exists(teachers.resolve("weights").resolve(".staging")), "no staging left");
    }

    /** The process's locations with the teacher cache and the runs folder pointed elsewhere. */
    static BridgeLocations locations(Path teachers, Path runs) {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        p.setProperty("bridge.teachers", teachers.toString());
        p.setProperty("bridge.runs", runs.toString());
        return new BridgeLocations(System.getenv(), p, Path.of("").toAbsolutePath());
    }
}
