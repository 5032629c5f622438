package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainingUiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench's Queue and Run queued, headless: queue, then run-queued in this JVM or in child JVMs. */
class RunQueuedCommandTest {

    @TempDir Path tmp;

    private static String capture(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.run(args);
            return rc + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    private Path spec(String name, int seed) throws Exception {
        Path f = tmp.resolve(name + ".json");
        Files.writeString(f, """
                {"name": "%s", "dataset": {"kind": "sample"}, "splits": ["A", "B"], "seeds": [%d],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": 1, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 1}}
                """.formatted(name, seed));
        return f;
    }

    @Test
    void queuedRunsAreTrainedInChildProcessesOrInThisJvm() throws Exception {
        Path runs = tmp.resolve("runs");
        String queued = capture("queue", spec("q", 1).toString(), "--runs", runs.toString());
        assertTrue(queued.startsWith("0\n") && queued.contains("2 run(s) waiting"), queued);
        RunStore store = new RunStore(runs);
        assertEquals(List.of(RunState.QUEUED, RunState.QUEUED), store.list().stream().map(RunFolder::state).toList());

        // The children record DL4J's statistics when asked, as the workbench's checkbox asks them.
        String out = capture("run-queued", "--runs", runs.toString(), "--processes", "2", "--dl4j-stats-every", "5");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("2 queued run(s) to run, 2 at a time"), out);
        for (RunFolder f : store.list()) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage() + "\n" + out);
            assertTrue(Files.readString(f.file("console.log")).contains("epoch 1/1"), "the child's console is kept");
            assertTrue(TrainingUiServer.hasStats(f), "the child recorded DL4J statistics in " + f.dir());
        }
        assertTrue(out.contains("| S-16-c-O"), "the results table of the queued runs:\n" + out);

        // Queueing what is done queues nothing; a new seed is trained in this JVM.
        String again = capture("queue", spec("q", 1).toString(), "--runs", runs.toString());
        assertTrue(again.contains("0 run(s) waiting") && again.contains("2 already done"), again);
        capture("queue", spec("q", 2).toString(), "--runs", runs.toString(), "--split", "A");
        String inJvm = capture("run-queued", "--runs", runs.toString());
        assertTrue(inJvm.startsWith("0\n") && inJvm.contains("1 queued run(s)"), inJvm);
        assertEquals(3, store.list().stream().filter(f -> f.state() == RunState.DONE).count());
    }

    @Test
    void queueRefusesExperimentsThatTrainNoStudents() throws Exception {
        Path f = tmp.resolve("fig3.json");
        Files.writeString(f, """
                {"name": "fig3", "kind": "adaptation", "dataset": {"kind": "sample"}, "splits": ["A"]}
                """);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("queue", f.toString(), "--runs", tmp.resolve("runs").toString()));
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("queue is for student experiments") && text.contains("fig3.json"), text);
    }
}
