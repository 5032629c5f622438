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
    private final RunOptions options;
    private final BridgeLocations locations;

    public ExperimentServices(BridgeLocations locations, RunStore store) {
        this(locations, store, RunOptions.NONE);
    }

    /** @param options how runs are recorded (e.g. DL4J statistics for the training UI) */
    public ExperimentServices(BridgeLocations locations, RunStore store, RunOptions options) {
        this.store = store;
        this.options = options;
        this.locations = locations;
        this.teachers = new CachedTeacherFeatures(new TeacherWeights(locations.teacherCache()));
        this.runner = new ExperimentRunner(store, new ExperimentDatasets(locations), teachers,
                new AdaptedRegressionTargets()).options(options);
    }

    public RunStore store() {
        return store;
    }

    /** Where this runner finds data and teachers (a child JVM started for one of its runs gets the same). */
    public BridgeLocations locations() {
        return locations;
    }

    public ExperimentRunner runner() {
        return runner;
    }

    /** How this runner's runs are recorded. */
    public RunOptions options() {
        return options;
    }

    @Override
    public void close() {
        teachers.close();
    }
}
