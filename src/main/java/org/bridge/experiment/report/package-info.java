/**
 * Finished runs read back as results: the results table (one row per student, full LFW when both
 * splits are done), seeds pooled into mean ± std, paired comparisons with 95% intervals, the
 * paper's claims, robustness, Fig. 3 and Table III tables, ROC/CMC curves and loss curves. Used by
 * {@code report}, the figures and the workbench's Results tab; it reads run folders and never
 * trains.
 */
package org.bridge.experiment.report;
