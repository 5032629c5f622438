package org.bridge.experiment;

/**
 * One run of any experiment kind: a student cell ({@link ExperimentCell}), a Fig. 3 comparison
 * ({@link org.bridge.experiment.run.AdaptationExperiment.Cell}) or a Table III teacher evaluation
 * ({@link org.bridge.experiment.run.TeacherHallucinationExperiment.Cell}). Its id names its run folder.
 */
public interface RunCell {

    String id();
}
