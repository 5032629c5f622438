/**
 * The Results, Verification and Identification tabs: the runs folder as a table of results rows
 * (exportable), every student compared with a chosen baseline, and ROC and CMC overlays of the
 * selected rows, saved as figures. The runs folder is re-read by polling.
 */
package org.bridge.ui.results;
