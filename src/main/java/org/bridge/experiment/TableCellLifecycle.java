package org.bridge.experiment;

import java.util.function.Supplier;

import org.bridge.config.UserFacingException;

/**
 * How a cell of the table kinds (Fig. 3's adaptation, Table III's teachers) is recorded: RUNNING
 * while its work runs, then DONE with the work's message, CANCELLED, or FAILED with the reason.
 * An unexpected fault fails only its own cell (stack trace in its {@value CellFailure#LOG}), so
 * the grid goes on with the next one.
 */
final class TableCellLifecycle {

    private TableCellLifecycle() {
    }

    /** Runs {@code work} (returning the DONE message) as the cell {@code id} in {@code folder}. */
    static void run(String id, RunFolder folder, TaskListener listener, Supplier<String> work) {
        folder.setState(RunState.RUNNING, "");
        listener.started(id, folder);
        RunState state;
        String message;
        try {
            message = work.get();
            state = RunState.DONE;
        } catch (RunControl.CancelledException e) {
            state = RunState.CANCELLED;
            message = "cancelled by the user";
        } catch (UserFacingException e) {
            state = RunState.FAILED;
            message = e.getMessage();
        } catch (RuntimeException e) {
            state = RunState.FAILED;
            message = CellFailure.describe(e);
            CellFailure.log(folder, e);
        }
        folder.setState(state, message);
        listener.finished(id, folder, state, message);
    }
}
