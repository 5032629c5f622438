/**
 * How experiments run. {@link org.bridge.experiment.run.ExperimentServices#run} is the one
 * dispatcher over the kinds, used by the command line, child JVMs, the cluster and the workbench:
 * {@link org.bridge.experiment.run.ExperimentRunner} (students),
 * {@link org.bridge.experiment.run.AdaptationExperiment} (Fig. 3) and
 * {@link org.bridge.experiment.run.TeacherHallucinationExperiment} (Table III). Every kind shares
 * one {@link org.bridge.experiment.run.CellLifecycle} (RUNNING, then DONE, CANCELLED or FAILED); a
 * student cell trains as named stages ({@link org.bridge.experiment.run.StudentTraining}):
 * training set, regression targets, degraded set, fit, evaluate, record. Queued folders
 * ({@link org.bridge.experiment.run.QueuedRuns}) and child JVMs
 * ({@link org.bridge.experiment.run.ChildRuns}, {@link org.bridge.experiment.run.CellProcess}) run
 * through the same code.
 */
package org.bridge.experiment.run;
