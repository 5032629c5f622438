/**
 * The Training tab: setting up an experiment (student, losses, D(I), training settings, ablation
 * grid), queueing and running it through {@code ui.runs}, and following its losses and progress.
 */
package org.bridge.ui.training;
