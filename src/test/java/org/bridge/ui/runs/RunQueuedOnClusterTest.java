package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The workbench's Run queued with a Spark master in its settings: the queued runs become Spark
 * tasks (here on {@code local[1]}, Spark in this JVM) and finish in their run folders, which the
 * queue table follows; the feed hears each run start and end.
 */
class RunQueuedOnClusterTest {

    @TempDir Path tmp;

    @Test
    void queuedRunsAreTrainedAsSparkTasks() throws Exception {
        Path runs = tmp.resolve("runs");
        BridgeLocations locations = FirstRunTest.locations(tmp.resolve("teachers"), runs);
        Path file = tmp.resolve("grid.json");
        Files.writeString(file, """
                {"name": "cluster-queue", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": 1, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 2}}
                """);
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunStore store = new RunStore(runs);
        try (BackgroundRuns background = new BackgroundRuns(() -> new ExperimentServices(locations, store),
                new RunFeed(events::add))) {
            background.queue(spec);
            waitFor(events, RunEvent.Queued.class);
            RunFolder folder = store.folder(spec.name(), spec.cells().get(0).id());
            assertEquals(RunState.QUEUED, folder.state());

            background.runQueuedOnCluster("local[1]");
            RunEvent.JobFinished end = waitFor(events, RunEvent.JobFinished.class);
            assertNull(end.failure(), events.toString());
            assertEquals(RunState.DONE, folder.state(), folder.stateMessage());
            assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.ChildFinished f && f.state() == RunState.DONE),
                    events.toString());
        }
    }

    private static <T extends RunEvent> T waitFor(List<RunEvent> events, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (RunEvent e : events) {
                if (type.isInstance(e)) {
                    events.remove(e);
                    return type.cast(e);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 minutes; saw " + events);
    }
}
