/**
 * The efficiency benchmark (issue 7): parameters, multiply-adds, model size, memory and faces/s of
 * the students S-16..S-96 and the teachers V and C, measured in one run on one machine. Sits at the
 * experiment level (uses distill and teacher, used only by cli); no JavaFX.
 */
package org.bridge.bench;
