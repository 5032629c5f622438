package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code run-queued} with a cell that fails: the other cells still run, the last
 * lines say how many failed and why, and the exit code is 3 (documented in --help).
 */
class FailedCellsExitCodeTest {

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

    private Path spec(String name) throws Exception {
        Path f = tmp.resolve(name + ".json");
        Files.writeString(f, """
                {"name": "%s", "dataset": {"kind": "sample"}, "splits": ["A", "B"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": 1, "batchSize": 32, "maxPeople": 4},
                 "degradation": {"count": 1}}
                """.formatted(name));
        return f;
    }

    /** Makes the cell's training-set.json unwritable (a non-empty folder in its place): it fails early. */
    private static Path breakCell(RunStore store, ExperimentSpec.Students spec, ExperimentCell cell) throws Exception {
        RunFolder f = store.folder(spec.name(), cell.id());
        Path blocker = f.file("training-set.json");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("in-the-way"), "x");
        return blocker;
    }

    @Test
    void runGoesOnPastAFailedCellAndExitsWithThree() throws Exception {
        Path file = spec("grid");
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        RunStore store = new RunStore(tmp.resolve("runs"));
        Path blocker = breakCell(store, spec, spec.cells().get(0));

        String out = capture("run", file.toString(), "--runs", store.root().toString());

        assertTrue(out.startsWith(CellsSummary.CELLS_FAILED + "\n"), out);
        RunFolder failed = store.folder(spec.name(), spec.cells().get(0).id());
        RunFolder healthy = store.folder(spec.name(), spec.cells().get(1).id());
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.stateMessage().contains(blocker.toString()), "names the file: " + failed.stateMessage());
        assertEquals(RunState.DONE, healthy.state(), healthy.stateMessage() + "\n" + out);
        assertTrue(out.contains("1 of 2 cells failed, 1 done"), out);
        assertTrue(out.contains("FAILED " + failed.id() + ": " + failed.stateMessage()), out);
    }

    @Test
    void runQueuedGoesThroughEveryQueuedRunAndExitsWithThree() throws Exception {
        Path file = spec("queued");
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        RunStore store = new RunStore(tmp.resolve("runs"));
        assertTrue(capture("queue", file.toString(), "--runs", store.root().toString()).startsWith("0\n"));
        for (ExperimentCell cell : spec.cells()) {
            breakCell(store, spec, cell);
        }

        String out = capture("run-queued", "--runs", store.root().toString());

        assertTrue(out.startsWith(CellsSummary.CELLS_FAILED + "\n"), out);
        assertTrue(out.contains("2 of 2 cells failed"), out);
        for (ExperimentCell cell : spec.cells()) {
            assertEquals(RunState.FAILED, store.folder(spec.name(), cell.id()).state(), "both were tried: " + out);
        }
    }

    @Test
    void helpDocumentsTheExitCodes() {
        for (String command : new String[] {"run", "run-queued"}) {
            String help = capture(command, "--help");
            assertTrue(help.contains("Exit codes:") && help.contains("3   one or more"), help);
        }
    }
}
