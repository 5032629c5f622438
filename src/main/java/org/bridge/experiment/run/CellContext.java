package org.bridge.experiment.run;

import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.StudentSpec;
import org.bridge.experiment.TrainingSettings;

/** What the stages of one student cell share: its experiment, the cell, its folder, where to report, how to stop. */
public record CellContext(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                          RunControl control) {

    StudentSpec student() {
        return cell.student();
    }

    TrainingSettings training() {
        return spec.training();
    }

    void status(String stage, double fraction) {
        listener.status(cell, stage, fraction);
    }

    /** Progress of {@code stage} as (done, total); checks for a cancel at every call. */
    Progress progress(String stage) {
        return (done, total) -> {
            control.throwIfCancelled();
            listener.status(cell, stage, (double) done / total);
        };
    }

    /** A (done, total) progress callback, the shape of the feature and evaluation loops. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
