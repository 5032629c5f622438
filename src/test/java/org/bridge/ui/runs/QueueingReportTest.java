package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue (and Queue grid) say how many runs they queued, apart from the ones that were done or waiting already. */
class QueueingReportTest {

    @TempDir Path tmp;

    @Test
    void onlyNewlyQueuedRunsCountAsQueuedAndTheDoneOnesAreNamed() throws Exception {
        RunStore store = new RunStore(tmp.resolve("runs"));
        // S-16-c-O is done on both splits; the grid adds S-32-c-O.
        new RunFolderFixture(store).experiment("grid").write("A");
        new RunFolderFixture(store).experiment("grid").write("B");
        Path file = tmp.resolve("grid.json");
        Files.writeString(file, """
                {"name": "grid", "dataset": {"kind": "sample"}, "splits": ["A", "B"], "seeds": [1],
                 "students": ["S-16-c-O", "S-32-c-O"], "losses": ["softmax"]}
                """);
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        try (BackgroundRuns runs = new BackgroundRuns(
                () -> new ExperimentServices(BridgeLocations.fromSystem(), store), new RunFeed(events::add))) {
            runs.queue(spec);
            RunEvent.Queued first = (RunEvent.Queued) events.poll(60, TimeUnit.SECONDS);
            assertNull(first.failure());
            assertEquals(new RunEvent.Queued(2, 0, 2, 0, null), first);
            assertEquals("2 runs queued in " + store.root() + "; 2 already done", first.text(store.root()));
            assertEquals(RunState.QUEUED, store.folder("grid", "S-32-c-O_softmax_splitB_seed1").state());

            // Queueing the same grid again queues nothing new.
            runs.queue(spec);
            RunEvent.Queued again = (RunEvent.Queued) events.poll(60, TimeUnit.SECONDS);
            assertEquals(new RunEvent.Queued(0, 2, 2, 0, null), again);
            assertEquals("0 runs queued in " + store.root() + "; 2 already queued; 2 already done",
                    again.text(store.root()));
        }
    }

    @Test
    void startedRunsAreLeftAsTheyAreAndSaidSo() {
        RunEvent.Queued q = new RunEvent.Queued(1, 0, 0, 1, null);
        assertEquals("1 run queued in runs; 1 already started (cancelled, failed or running: Run resumes it)",
                q.text(Path.of("runs")));
        assertEquals("Queueing failed: no such folder", new RunEvent.Queued(0, 0, 0, 0, "no such folder")
                .text(Path.of("runs")));
    }
}
