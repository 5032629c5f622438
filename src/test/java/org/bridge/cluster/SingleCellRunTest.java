package org.bridge.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cell's task on an executor, where no training is needed to tell what it does. */
class SingleCellRunTest {

    private static final String CELL = "S-16-c-O_softmax_splitA_seed1";

    @TempDir Path tmp;

    private static String experiment(int epochs) {
        return """
                {"name": "tiny", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": %d, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 1}}
                """.formatted(epochs);
    }

    private CellTask task(String json) {
        return new CellTask("tiny.json", json, CELL, tmp.resolve("runs").toString(),
                Map.of("bridge.sampleData", BridgeLocations.fromSystem().sampleData().toString()), 0);
    }

    @Test
    void aFolderAnotherProcessTrainsIsWaitedForAndNeverReportedAsDone() throws Exception {
        RunFolder folder = new RunStore(tmp.resolve("runs")).folder("tiny", CELL);
        Files.createDirectories(folder.dir());
        System.setProperty(SingleCellRun.CLAIM_WAIT_PROPERTY, "0");
        // Another thread's claim stands for another process's: a thread's own claim is re-entrant.
        java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (RunClaim held = RunClaim.tryClaim(folder).orElseThrow()) {
                claimed.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        claimed.await();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SingleCellRun.run(task(experiment(1)), 0, "test", () -> false));
            // Spark then runs the task again later, or fails the job with this message.
            assertTrue(e.getMessage().contains("is being trained by") && e.getMessage().contains("claimWaitSeconds"),
                    e.getMessage());
        } finally {
            System.clearProperty(SingleCellRun.CLAIM_WAIT_PROPERTY);
            done.countDown();
            holder.join();
        }
        assertTrue(Files.notExists(folder.file(RunFolder.CONFIG)), "the held folder is left alone");
    }

    @Test
    void aFolderWithOtherSettingsIsRefusedOnceNotRetried() throws Exception {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, experiment(1));
        RunStore store = new RunStore(tmp.resolve("runs"));
        try (ExperimentServices services = new ExperimentServices(BridgeLocations.fromSystem(), store)) {
            services.runner().queue((ExperimentSpec.Students) ExperimentSpec.read(file));
        }
        String queued = Files.readString(store.folder("tiny", CELL).file(RunFolder.CONFIG));

        CellOutcome outcome = SingleCellRun.run(task(experiment(2)), 0, "test", () -> false);

        assertEquals(RunState.FAILED.name(), outcome.state());
        assertTrue(outcome.message().contains("trained with other settings"), outcome.message());
        assertEquals(queued, Files.readString(store.folder("tiny", CELL).file(RunFolder.CONFIG)));
    }
}
