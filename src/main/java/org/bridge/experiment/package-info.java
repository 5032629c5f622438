/**
 * Experiments as the paper runs them: experiment files, the dispatcher
 * ({@link org.bridge.experiment.ExperimentServices#run}) that runs every kind, the runner that
 * trains and evaluates each cell (teacher features, adaptation, D(I), student, evaluation) into a
 * run folder, child JVMs, and the runs folder. The one place the CLI and the workbench call to run
 * anything; combines {@code distill}, {@code eval}, {@code teacher} and {@code degrade}. Sub-packages:
 * {@code run} (a cell's stages), {@code report} (results read back), {@code figures}.
 */
package org.bridge.experiment;
