/**
 * Experiments as the paper runs them: experiment files, the runner that trains and evaluates each
 * cell (teacher features, adaptation, D(I), student, evaluation) into a run folder, the runs
 * folder read back, and the report tables. The one place the CLI and the workbench call to run
 * anything; combines {@code distill}, {@code eval}, {@code teacher} and {@code degrade}.
 */
package org.bridge.experiment;
