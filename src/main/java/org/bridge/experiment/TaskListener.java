package org.bridge.experiment;

/**
 * What a run of an experiment kind that trains no student ({@link AdaptationExperiment},
 * {@link TeacherHallucinationExperiment}) reports, from the running thread. {@code id} is the
 * run's folder name.
 */
public interface TaskListener {

    TaskListener NONE = new TaskListener() {
    };

    default void started(String id, RunFolder folder) {
    }

    /**
     * A stage of the run and how far it is.
     *
     * @param fraction 0..1 within the stage, or NaN when unknown
     */
    default void status(String id, String stage, double fraction) {
    }

    default void finished(String id, RunFolder folder, RunState state, String message) {
    }
}
