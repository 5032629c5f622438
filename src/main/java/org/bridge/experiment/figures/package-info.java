/**
 * The paper's figures drawn from finished runs with JFreeChart: Fig. 4 (verification accuracy
 * against input resolution, mean ± std over seeds), Fig. 5 (ROC curves) and Fig. 6 (top-1 /
 * top-5 identification bars), written as SVG and PNG. Used by {@code report --figure} and by the
 * workbench's Results tab; no JavaFX here.
 */
package org.bridge.experiment.figures;
