/**
 * How one cell of an experiment runs: the shared {@link org.bridge.experiment.run.CellLifecycle}
 * (RUNNING, then DONE, CANCELLED or FAILED) of every kind, and a student cell's training as named
 * stages ({@link org.bridge.experiment.run.StudentTraining}): training set, regression targets,
 * degraded set, fit, evaluate, record.
 */
package org.bridge.experiment.run;
