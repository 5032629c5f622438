/**
 * An experiment's cells as Apache Spark tasks ({@code run EXPERIMENT --master URL}): one cell per
 * task, each trained by the experiment layer's own single-cell entry on an executor, into run
 * folders on a shared path. Resumption, the run folders' claims and the teacher caches are the
 * experiment layer's; Spark adds only placement and retry. Spark is a provided dependency: it is
 * on the class path of {@code -Pcluster} builds and of the tests, not of the workbench's jar.
 */
package org.bridge.cluster;
