/**
 * Running experiments from the workbench: the queue read back from the runs folder, one run at a
 * time in this JVM or in a child JVM, and the runner's progress turned into events batched for the
 * JavaFX thread. No tab of its own (the Training tab shows it); depends only on {@code ui.common}
 * and the layers below.
 */
package org.bridge.ui.runs;
