package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's two ways to train Run, on the same tiny cell (S-16-c-O, split A of the sample
 * faces): in the workbench's JVM and in a child JVM. Prints one row per path with the samples/s
 * of each epoch (from epochs.csv); asserts only that both trained, never a speed.
 */
class RunPathComparisonTest {

    @TempDir Path tmp;

    @Test
    void bothPathsTrainTheSameCellAndTheirSpeedIsPrinted() throws Exception {
        Path runs = tmp.resolve("runs");
        BridgeLocations locations = FirstRunTest.locations(tmp.resolve("teachers"), runs);
        List<String> rows = new ArrayList<>();
        for (boolean inThisJvm : new boolean[] {true, false}) {
            Path file = tmp.resolve((inThisJvm ? "in" : "child") + ".json");
            Files.writeString(file, """
                    {"name": "%s", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                     "students": ["S-16-c-O"], "losses": ["softmax"],
                     "training": {"pretrainEpochs": 0, "finetuneEpochs": 2, "batchSize": 64, "minImagesPerPerson": 2},
                     "degradation": {"count": 2}}
                    """.formatted(inThisJvm ? "in-workbench-jvm" : "in-child-jvm"));
            ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            try (BackgroundRuns background = new BackgroundRuns(
                    () -> new ExperimentServices(locations, new RunStore(runs)), new RunFeed(events::add))) {
                background.trainInThisJvm(inThisJvm);
                background.run(spec);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (events.stream().noneMatch(e -> e instanceof RunEvent.JobFinished) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            double wall = (System.nanoTime() - started) / 1e9;
            RunFolder folder = new RunStore(runs).folder(spec.name(), spec.cells().get(0).id());
            assertEquals(RunState.DONE, folder.state(), folder.stateMessage());
            List<String> perEpoch = new ArrayList<>();
            for (String line : Files.readAllLines(folder.file(RunFolder.EPOCHS))) {
                if (!line.startsWith("phase,")) {
                    perEpoch.add(line.split(",")[4]);
                }
            }
            assertEquals(2, perEpoch.size(), "two epochs recorded");
            assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.Loss), "losses reached the feed");
            rows.add(String.format(Locale.ROOT, "| %-16s | %-24s | %8.1f |", spec.name(), String.join(" / ", perEpoch), wall));
        }
        System.out.println("| path             | samples/s, epochs 1/2    | wall (s) |");
        System.out.println("|---|---|---:|");
        rows.forEach(System.out::println);
    }
}
