package org.bridge.experiment;

/**
 * One run of any experiment kind: a student cell ({@link ExperimentCell}), a Fig. 3 comparison
 * ({@link AdaptationExperiment.Cell}) or a Table III teacher evaluation
 * ({@link TeacherHallucinationExperiment.Cell}). Its id names its run folder.
 */
public interface RunCell {

    String id();
}
