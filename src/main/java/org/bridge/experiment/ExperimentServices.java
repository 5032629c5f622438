package org.bridge.experiment;

import org.bridge.config.BridgeLocations;
import org.bridge.teacher.TeacherWeights;

/**
 * Builds the experiment runner with the real teachers (feature cache under the teacher cache)
 * and the real adaptation module. The CLI and the workbench both get their runner here.
 */
public final class ExperimentServices implements AutoCloseable {

    private final RunStore store;
    private final CachedTeacherFeatures teachers;
    private final ExperimentRunner runner;

    public ExperimentServices(BridgeLocations locations, RunStore store) {
        this.store = store;
        this.teachers = new CachedTeacherFeatures(new TeacherWeights(locations.teacherCache()));
        this.runner = new ExperimentRunner(store, new ExperimentDatasets(locations), teachers,
                new AdaptedRegressionTargets());
    }

    public RunStore store() {
        return store;
    }

    public ExperimentRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        teachers.close();
    }
}
