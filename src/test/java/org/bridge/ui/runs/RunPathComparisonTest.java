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
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cell (S-16-c-O, split A) trained three ways: as {@code run} trains it (the experiment
 * service on this JVM's thread, every core), by the workbench's Run (a child JVM, its default) and
 * by Run in the workbench's own JVM. Prints one row per path with the samples/s of each epoch
 * (from epochs.csv) and the child's speed relative to {@code run}'s; asserts only that each path
 * trained, never a speed. On the sample faces by default; for a measurement on real faces, on an
 * otherwise idle machine: {@code mvn test -Dtest=RunPathComparisonTest -Dbridge.runPaths.dataset=lfw}.
 */
class RunPathComparisonTest {

    @TempDir Path tmp;

    private enum Path3 { COMMAND_LINE, WORKBENCH_CHILD, WORKBENCH_JVM }

    @Test
    void theThreePathsTrainTheSameCellAndTheirSpeedIsPrinted() throws Exception {
        Path runs = tmp.resolve("runs");
        BridgeLocations locations = FirstRunTest.locations(tmp.resolve("teachers"), runs);
        boolean lfw = "lfw".equals(System.getProperty("bridge.runPaths.dataset"));
        List<String> rows = new ArrayList<>();
        double[] median = new double[Path3.values().length];
        for (Path3 path : Path3.values()) {
            String name = path.name().toLowerCase(Locale.ROOT).replace('_', '-');
            Path file = tmp.resolve(name + ".json");
            Files.writeString(file, """
                    {"name": "%s", "dataset": {"kind": "%s"}, "splits": ["A"], "seeds": [1],
                     "students": ["S-16-c-O"], "losses": ["softmax"],
                     "training": {"pretrainEpochs": 0, "finetuneEpochs": %d, "batchSize": %d, "minImagesPerPerson": 2},
                     "degradation": {"count": 2}}
                    """.formatted(name, lfw ? "lfw" : "sample", lfw ? 3 : 2, lfw ? 256 : 64));
            ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
            long started = System.nanoTime();
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            if (path == Path3.COMMAND_LINE) {
                try (ExperimentServices services = new ExperimentServices(locations, new RunStore(runs))) {
                    services.run(spec, new org.bridge.experiment.ConsoleRunListener(), new RunControl());
                }
            } else {
                try (BackgroundRuns background = new BackgroundRuns(
                        () -> new ExperimentServices(locations, new RunStore(runs)), new RunFeed(events::add))) {
                    background.trainInThisJvm(path == Path3.WORKBENCH_JVM);
                    background.run(spec);
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(lfw ? 30 : 10);
                    while (events.stream().noneMatch(e -> e instanceof RunEvent.JobFinished)
                            && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                }
                assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.Loss), "losses reached the feed");
            }
            double wall = (System.nanoTime() - started) / 1e9;
            RunFolder folder = new RunStore(runs).folder(spec.name(), spec.cells().get(0).id());
            assertEquals(RunState.DONE, folder.state(), folder.stateMessage());
            List<Double> perEpoch = new ArrayList<>();
            for (String line : Files.readAllLines(folder.file(RunFolder.EPOCHS))) {
                if (!line.startsWith("phase,")) {
                    perEpoch.add(Double.parseDouble(line.split(",")[4]));
                }
            }
            assertEquals(lfw ? 3 : 2, perEpoch.size(), "every epoch recorded");
            median[path.ordinal()] = perEpoch.stream().sorted().toList().get(perEpoch.size() / 2);
            rows.add(String.format(Locale.ROOT, "| %-16s | %-28s | %8.1f | %6.0f%% |", name,
                    String.join(" / ", perEpoch.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()), wall,
                    100 * median[path.ordinal()] / median[0]));
        }
        System.out.println("| path             | samples/s per epoch          | wall (s) | of run |");
        System.out.println("|---|---|---:|---:|");
        rows.forEach(System.out::println);
    }
}
