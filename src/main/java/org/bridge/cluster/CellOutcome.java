package org.bridge.cluster;

import java.io.Serializable;

/**
 * How a cell's task ended, as the driver hears it: the run's state and message (as in its
 * status.json) and which attempt on which executor got it there.
 *
 * @param state   a {@link org.bridge.experiment.RunState} name
 * @param attempt Spark's attempt number of the task (0: the first; more after a lost executor)
 */
public record CellOutcome(String cellId, String state, String message, int attempt, String executor)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One line for the console. */
    public String describe() {
        return cellId + ": " + state + " - " + message + " (attempt " + (attempt + 1) + ", executor " + executor + ")";
    }
}
