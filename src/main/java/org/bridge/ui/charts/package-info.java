/**
 * JFreeChart building blocks shared by the tabs: ROC and CMC overlays of results rows, unique
 * legend names, and PNG/SVG export of any chart. No tab of its own; depends only on
 * {@code ui.common} and the layers below.
 */
package org.bridge.ui.charts;
