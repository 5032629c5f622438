package org.bridge.experiment.run;

import org.bridge.experiment.AdaptedRegressionTargets;
import org.bridge.experiment.CachedDetections;
import org.bridge.experiment.CachedTeacherFeatures;
import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunStageFile;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TeacherFeatureProvider;

import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.teacher.TeacherWeights;

/**
 * The runners of every experiment kind with the real teachers (feature cache under the teacher
 * cache), and {@link #run}, the one dispatcher over the kinds: the command line's {@code run},
 * the child JVMs ({@link CellProcess}), the cluster's tasks and the workbench all start
 * experiments here.
 */
public final class ExperimentServices implements AutoCloseable {

    private final RunStore store;
    private final TeacherFeatureProvider teachers;
    private final AutoCloseable teachersToClose;
    private final ExperimentRunner runner;
    private final RunOptions options;
    private final BridgeLocations locations;
    private CachedDetections detections;

    public ExperimentServices(BridgeLocations locations, RunStore store) {
        this(locations, store, RunOptions.NONE);
    }

    /** @param options how runs are recorded (e.g. DL4J statistics for the training UI) */
    public ExperimentServices(BridgeLocations locations, RunStore store, RunOptions options) {
        this(locations, store, options, new CachedTeacherFeatures(new TeacherWeights(locations.teacherCache())));
    }

    /**
     * With the given teachers (a test's stand-in, for example); closed with this object when they
     * are {@link AutoCloseable}. Teacher-hallucination experiments need the real, cached teachers.
     */
    public ExperimentServices(BridgeLocations locations, RunStore store, RunOptions options, TeacherFeatureProvider teachers) {
        this.store = store;
        this.options = options;
        this.locations = locations;
        this.teachers = teachers;
        this.teachersToClose = teachers instanceof AutoCloseable c ? c : null;
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

    /** The student experiments' runner (queueing and single cells; {@link #run} for whole experiments). */
    public ExperimentRunner runner() {
        return runner;
    }

    /** How this runner's runs are recorded. */
    public RunOptions options() {
        return options;
    }

    /**
     * Runs every unfinished cell of an experiment of any kind in this JVM, in the file's order, and
     * returns the run folders of all its cells. Each cell's stage is also written to its folder
     * ({@link RunStageFile}), so a window following from another process sees it.
     */
    public List<RunFolder> run(ExperimentSpec spec, RunListener listener, RunControl control) {
        RunListener withStage = RunStageFile.alongside(listener);
        if (spec instanceof ExperimentSpec.Students students) {
            return runner.run(students, withStage, control);
        }
        if (spec instanceof ExperimentSpec.Adaptation fig3) {
            return new AdaptationExperiment(store, new ExperimentDatasets(locations), teachers).run(fig3, withStage, control);
        }
        ExperimentSpec.TeacherHallucination table3 = (ExperimentSpec.TeacherHallucination) spec;
        if (!(teachers instanceof CachedTeacherFeatures cached)) {
            throw new UserFacingException(spec.name() + ": teacher-hallucination experiments need the real teachers");
        }
        return new TeacherHallucinationExperiment(store, new ExperimentDatasets(locations), cached, detections())
                .run(table3, withStage, control);
    }

    private synchronized CachedDetections detections() {
        if (detections == null) {
            detections = new CachedDetections(new TeacherWeights(locations.teacherCache()), locations.teacherCache());
        }
        return detections;
    }

    @Override
    public void close() {
        if (detections != null) {
            detections.close();
        }
        if (teachersToClose != null) {
            try {
                teachersToClose.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the teachers", e);
            }
        }
    }
}
