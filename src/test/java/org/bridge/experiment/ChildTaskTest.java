package org.bridge.experiment;

import org.bridge.experiment.run.CellProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A child JVM's task: written and read in one place, and refused whole when malformed. */
class ChildTaskTest {

    @Test
    void cellsAndQueuedFoldersReadBackAsWritten() {
        ChildTask cells = new ChildTask.Cells(Path.of("/x/fig3.json"), Path.of("/runs"), List.of("S-16-sc-E", "S-16-c-O"),
                List.of("cosface"), List.of("B"), new RunOptions(7));
        assertEquals(cells, ChildTask.parse(cells.args()));
        ChildTask all = new ChildTask.Cells(Path.of("/x/table3.json"), Path.of("/runs"), RunOptions.NONE);
        assertEquals(List.of("cells", "/x/table3.json", "--runs", "/runs"), all.args());
        assertEquals(all, ChildTask.parse(all.args()));
        ChildTask queued = new ChildTask.Queued(Path.of("/runs"), Path.of("/runs/e/S-16-c-O_softmax_splitA_seed1"),
                RunOptions.NONE);
        assertEquals(queued, ChildTask.parse(queued.args()));
    }

    @Test
    void malformedTasksAreRefusedNamingTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChildTask.parse(List.of("run", "f.json")))
                .getMessage().contains("expected 'cells FILE'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ChildTask.parse(List.of("cells", "f.json", "--student", "S-16-c-O"))).getMessage()
                .contains("missing --runs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ChildTask.parse(List.of("cells", "f.json", "--runs", "r", "--seed", "1"))).getMessage()
                .contains("unknown option --seed"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ChildTask.parse(List.of("queued", "d", "--runs", "r", "--split", "A"))).getMessage()
                .contains("takes no --student"));
    }

    @Test
    void aChildRefusesABadTaskBeforeAnyWorkWithExitCode2() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(CellProcess.REFUSED, CellProcess.run(List.of("cells", "/no/such/file.json", "--runs", "/tmp")));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/no/such/file.json"), err.toString());
    }
}
