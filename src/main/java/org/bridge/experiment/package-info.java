/**
 * Experiments as the paper runs them, the part every other piece stands on: experiment files
 * ({@link org.bridge.experiment.ExperimentSpec} and its typed settings), run folders and the runs
 * store, the listener and control every run reports through, teacher features, and the
 * verification and regression-target helpers a cell uses. Sub-packages, each above this one and
 * never used by it: {@code run} (the dispatcher and runners of every kind, a cell's stages, child
 * JVMs), {@code report} (results read back) and {@code figures}. Combines {@code distill},
 * {@code eval}, {@code teacher} and {@code degrade}.
 */
package org.bridge.experiment;
