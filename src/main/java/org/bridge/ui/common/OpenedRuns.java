package org.bridge.ui.common;

import java.util.Objects;

import javafx.collections.ObservableList;

import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;

/**
 * The runs folder as the workbench last read it, for tabs that follow it: every run, the rows
 * (runs grouped across seeds) and the rows selected in the Results tab. Live lists, changed on
 * the FX thread. The main window hands one view to each tab, so tabs need not know one another.
 */
public record OpenedRuns(ObservableList<RunRecord> runs, ObservableList<RunGroup> rows,
        ObservableList<RunGroup> selectedRows) {

    public OpenedRuns {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(selectedRows, "selectedRows");
    }
}
