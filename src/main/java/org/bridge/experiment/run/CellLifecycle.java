package org.bridge.experiment.run;

import java.io.IOException;

import org.bridge.config.UserFacingException;
import org.bridge.distill.TrainingDivergedException;
import org.bridge.experiment.CellFailure;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;

/**
 * How every cell of every experiment kind is recorded: RUNNING while its work runs, then DONE
 * when its results are written, CANCELLED (by the user, or stopped before its results with the
 * work's message), or FAILED with the reason. An unexpected fault fails only its own cell (stack
 * trace in its {@value CellFailure#LOG}), so the grid goes on with the next one; an
 * {@link Error} is recorded and rethrown.
 */
public final class CellLifecycle {

    /** A cell's work; returns the message of its final state. */
    @FunctionalInterface
    public interface Work {
        String run() throws IOException;
    }

    private CellLifecycle() {
    }

    /** Runs {@code work} as {@code cell} in {@code folder}; returns the state it ended in. */
    public static RunState run(RunCell cell, RunFolder folder, RunListener listener, RunControl control, Work work) {
        folder.setState(RunState.RUNNING, "");
        control.runningIn(folder);
        listener.cellStarted(cell, folder);
        RunState state;
        String message;
        try {
            message = work.run();
            state = folder.isComplete() ? RunState.DONE : RunState.CANCELLED;
        } catch (RunControl.CancelledException e) {
            state = RunState.CANCELLED;
            message = "cancelled by the user";
        } catch (TrainingDivergedException | UserFacingException e) {
            state = RunState.FAILED;
            message = e.getMessage();
        } catch (RuntimeException | IOException e) {
            state = RunState.FAILED;
            message = CellFailure.describe(e);
            CellFailure.log(folder, e);
        } catch (Error e) {
            finish(cell, folder, listener, RunState.FAILED, CellFailure.describe(e));
            throw e;
        } finally {
            control.runningIn(null);
        }
        finish(cell, folder, listener, state, message);
        return state;
    }

    private static void finish(RunCell cell, RunFolder folder, RunListener listener, RunState state, String message) {
        folder.setState(state, message);
        listener.cellFinished(cell, folder, state, message);
    }
}
