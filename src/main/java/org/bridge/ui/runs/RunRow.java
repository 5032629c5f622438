package org.bridge.ui.runs;

import java.nio.file.Path;

import org.bridge.experiment.RunProgress;
import org.bridge.experiment.RunState;

/**
 * One line of the run queue, read from a run folder.
 *
 * @param state    null when the folder could not be read (then {@code message} says why)
 * @param progress how far its training is, e.g. {@code epoch 3/30, ETA 12 min} ({@link RunProgress}); empty
 *                 for a run that trains no epochs or could not be read
 */
public record RunRow(String experiment, String id, String student, RunState state, String message, Path folder,
                     String progress) {

    public String stateText() {
        return state == null ? "UNREADABLE" : state.name();
    }
}
