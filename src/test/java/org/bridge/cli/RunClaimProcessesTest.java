package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run}s of one experiment at once, in two processes (a child JVM and this one): the
 * cell is trained once, by whoever claimed its folder first; the other says so and leaves it.
 */
class RunClaimProcessesTest {

    private static final int EPOCHS = 2;

    @TempDir Path tmp;

    @Test
    void aCellBeingTrainedByAnotherProcessIsSkippedAndTrainedOnce() throws Exception {
        Path spec = tmp.resolve("race.json");
        Files.writeString(spec, """
                {"name": "race", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": %d, "batchSize": 16, "minImagesPerPerson": 2},
                 "degradation": {"count": 2}}
                """.formatted(EPOCHS));
        Path runs = tmp.resolve("runs");
        RunFolder folder = new RunStore(runs).folder("race", "S-16-c-O_softmax_splitA_seed1");
        try (ChildJvm first = ChildJvm.start(tmp.resolve("first.log"), "org.bridge.cli.Main", "run", spec.toString(),
                "--runs", runs.toString())) {
            awaitRunning(first, folder);

            String second = runHere("run", spec.toString(), "--runs", runs.toString());
            assertTrue(second.contains(folder.dir() + " is being trained by another process (pid " + first.pid() + " on ")
                    && second.contains("; skipped"), second);
            assertTrue(first.process().isAlive(), "the second run ended while the first was still training:\n"
                    + first.console());

            assertEquals(0, first.awaitExit(600), first.console());
        }
        assertEquals(RunState.DONE, folder.state(), folder.stateMessage());
        List<String> losses = Files.readAllLines(folder.file(RunFolder.LOSSES));
        Set<String> iterations = new HashSet<>();
        for (String row : losses.subList(1, losses.size())) {
            assertTrue(iterations.add(row.split(",")[3]), "global iteration " + row.split(",")[3] + " twice");
        }
        List<String> epochs = Files.readAllLines(folder.file(RunFolder.EPOCHS));
        assertEquals(EPOCHS, epochs.size() - 1, "one row per epoch: " + epochs);
        assertEquals(EPOCHS, folder.readJson(RunFolder.RESULTS).orElseThrow().get("epochs").getAsInt());
    }

    /** Until the child has claimed the folder and marked it RUNNING. */
    private static void awaitRunning(ChildJvm child, RunFolder folder) throws InterruptedException {
        long end = System.nanoTime() + 300_000_000_000L;
        while (true) {
            try {
                if (Files.isRegularFile(folder.file(RunFolder.STATUS)) && folder.state() == RunState.RUNNING) {
                    return;
                }
            } catch (RuntimeException halfWritten) {
                // read again
            }
            if (!child.process().isAlive() || System.nanoTime() > end) {
                throw new AssertionError("the first run never got to RUNNING:\n" + child.console());
            }
            Thread.sleep(20);
        }
    }

    private static String runHere(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
