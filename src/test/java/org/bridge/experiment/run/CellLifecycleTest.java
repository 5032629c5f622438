package org.bridge.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.experiment.CellFailure;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one cell lifecycle of every experiment kind. */
class CellLifecycleTest {

    @TempDir Path dir;

    private final RunCell cell = () -> "cell-1";
    private final List<String> heard = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void cellStarted(RunCell c, RunFolder folder) {
            heard.add("started " + c.id() + " " + folder.state());
        }

        @Override
        public void cellFinished(RunCell c, RunFolder folder, RunState state, String message) {
            heard.add(state + " " + message);
        }
    };

    private RunFolder folder(String name) {
        return new RunFolder(dir.resolve(name));
    }

    @Test
    void aCellIsRunningWhileItWorksAndDoneWithItsResults() {
        RunFolder f = folder("done");
        RunState state = CellLifecycle.run(cell, f, listener, new RunControl(), () -> {
            assertEquals(RunState.RUNNING, f.state());
            f.writeJson(RunFolder.RESULTS, new JsonObject());
            return "done: 3 epochs";
        });
        assertEquals(RunState.DONE, state);
        assertEquals(List.of("started cell-1 RUNNING", "DONE done: 3 epochs"), heard);
        assertEquals("done: 3 epochs", f.stateMessage());
    }

    @Test
    void workStoppedBeforeItsResultsIsCancelledWithItsMessage() {
        RunFolder f = folder("stopped");
        assertEquals(RunState.CANCELLED, CellLifecycle.run(cell, f, listener, new RunControl(), () -> "cancelled after 2 of 5 epochs"));
        assertEquals("cancelled after 2 of 5 epochs", f.stateMessage());
        RunFolder g = folder("cancelled");
        RunControl control = new RunControl();
        control.cancel();
        assertEquals(RunState.CANCELLED, CellLifecycle.run(cell, g, listener, control, () -> {
            control.throwIfCancelled();
            return "not reached";
        }));
        assertEquals("cancelled by the user", g.stateMessage());
    }

    @Test
    void aFaultFailsOnlyItsCellAndAnErrorIsRecordedThenRethrown() throws Exception {
        RunFolder named = folder("named");
        assertEquals(RunState.FAILED, CellLifecycle.run(cell, named, listener, new RunControl(), () -> {
            throw new UserFacingException("no pairs.txt in faces/");
        }));
        assertEquals("no pairs.txt in faces/", named.stateMessage());
        RunFolder bug = folder("bug");
        assertEquals(RunState.FAILED, CellLifecycle.run(cell, bug, listener, new RunControl(), () -> {
            throw new IllegalStateException("index 3 out of bounds");
        }));
        assertTrue(bug.stateMessage().contains("index 3 out of bounds"), bug.stateMessage());
        assertTrue(Files.readString(bug.file(CellFailure.LOG)).contains("IllegalStateException"));
        RunFolder oom = folder("oom");
        assertThrows(OutOfMemoryError.class, () -> CellLifecycle.run(cell, oom, listener, new RunControl(), () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals(RunState.FAILED, oom.state());
    }
}
