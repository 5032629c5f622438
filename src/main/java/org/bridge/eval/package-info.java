/**
 * Evaluation protocols on features from any source: LFW-style k-fold verification (accuracy, ROC,
 * AUC) and closed-set identification (nearest class mean and softmax, CMC). Uses only
 * {@code data} and {@code config}, so teachers and students are scored by the same code.
 */
package org.bridge.eval;
