package org.bridge.ui.runs;

import java.nio.file.Path;

import org.bridge.experiment.RunState;

/**
 * One line of the run queue, read from a run folder.
 *
 * @param state   null when the folder could not be read (then {@code message} says why)
 */
public record RunRow(String experiment, String id, String student, RunState state, String message, Path folder) {

    public String stateText() {
        return state == null ? "UNREADABLE" : state.name();
    }
}
