package org.bridge.experiment.run;

import java.nio.file.Path;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceRecord;
import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.RegressionTargets;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.teacher.TeacherId;

/**
 * The runner the tests of S-p-c-O cells use: the real datasets and run folders, and a teacher and
 * step 1 that fail the test if a c-O cell ever asks for them.
 */
public final class TeacherlessRunner {

    private TeacherlessRunner() {
    }

    public static ExperimentRunner over(Path runs) {
        TeacherFeatureProvider noTeacher = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
                throw new AssertionError("S-p-c-O must not ask for teacher features");
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                throw new AssertionError("S-p-c-O has no teacher");
            }
        };
        RegressionTargets noAdaptation = (t, f, l, c, s, o, r) -> {
            throw new AssertionError("S-p-c-O needs no adaptation");
        };
        return new ExperimentRunner(new RunStore(runs), new ExperimentDatasets(BridgeLocations.fromSystem()),
                noTeacher, noAdaptation);
    }
}
