package org.bridge.experiment.run;

import org.bridge.degrade.Degradation;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.experiment.DegradedTrainingSet;
import org.bridge.experiment.StudentSpec;

/** Stage 3, the degraded set D(I): every training image as the experiment's count of degraded p x p faces. */
final class DegradedSetStage {

    private DegradedSetStage() {
    }

    static InMemoryStudentSamples build(CellContext c, TrainingSetStage.TrainingSet set, float[][] targets) {
        StudentSpec s = c.student();
        Degradation degradation = new Degradation(c.spec().degradation());
        c.status("degrading public faces to " + s.resolution() + "x" + s.resolution(), 0);
        int n = set.images().size();
        return DegradedTrainingSet.build(set.images(), s.supervision().usesClassLoss() ? set.labels() : null,
                set.classes(), targets, degradation, s.resolution(), c.cell().seed(),
                d -> c.status("degrading public faces", (double) d / n), c.control());
    }
}
