package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceRecord;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's Run takes an experiment file of any kind through the command line's dispatcher:
 * here a Fig. 3 (adaptation) file on the bundled synthetic faces, with a stand-in teacher.
 */
class RunAnyKindTest {

    @TempDir Path tmp;

    /** Per-person directions plus per-image noise, 32-D: enough for the adaptation module to learn. */
    private static final class StandInTeacher implements TeacherFeatureProvider {
        @Override
        public float[][] features(TeacherId teacher, List<FaceRecord> list, Progress progress) {
            float[][] out = new float[list.size()][32];
            for (int i = 0; i < list.size(); i++) {
                Random person = new Random(list.get(i).person().hashCode());
                Random image = new Random(list.get(i).file().getFileName().toString().hashCode());
                for (int d = 0; d < 32; d++) {
                    out[i][d] = (float) (person.nextGaussian() + 0.3 * image.nextGaussian());
                }
            }
            return out;
        }

        @Override
        public String fingerprint(TeacherId teacher) {
            return "stand-in-" + teacher;
        }
    }

    @Test
    void aFig3FileRunsFromTheWorkbenchToCompleteRunFolders() throws Exception {
        Path file = tmp.resolve("fig3-small.json");
        Files.writeString(file, """
                {"kind": "adaptation", "name": "fig3-small", "dataset": {"kind": "sample"},
                 "teachers": ["V"], "splits": ["A"], "seeds": [3],
                 "adaptation": {"epochs": 3, "softmaxEpochs": 3}}
                """);
        ExperimentSpec spec = ExperimentSpec.read(file);
        RunStore store = new RunStore(tmp.resolve("runs"));
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        try (BackgroundRuns runs = new BackgroundRuns(() -> new ExperimentServices(BridgeLocations.fromSystem(), store,
                RunOptions.NONE, new StandInTeacher()), new RunFeed(events::add))) {
            runs.run(spec);
            List<RunEvent> seen = new ArrayList<>();
            RunEvent e;
            do {
                e = events.poll(120, TimeUnit.SECONDS);
                assertNotNull(e, "no end of the job within 120 s; saw " + seen);
                seen.add(e);
            } while (!(e instanceof RunEvent.JobFinished));
            assertNull(((RunEvent.JobFinished) e).failure(), seen.toString());
            assertEquals(new RunEvent.JobStarted("Run fig3-small", 1), seen.get(0));
            assertTrue(seen.stream().anyMatch(x -> x instanceof RunEvent.CellFinished f && f.state() == RunState.DONE),
                    seen.toString());
        }
        RunFolder folder = store.folder("fig3-small", "adapt-V_splitA_seed3");
        assertEquals(RunState.DONE, folder.state(), folder.stateMessage());
        assertTrue(folder.readJson(RunFolder.RESULTS).orElseThrow().has("accuracy_cross_dataset_distillation"));
    }
}
