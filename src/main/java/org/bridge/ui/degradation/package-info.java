/**
 * The Degradation tab: D(I) settings as knobs, a live preview of the degraded versions of one
 * face, and how a trained student chosen from the runs folder scores them against the clean face.
 * All pixels are computed off the JavaFX thread, latest request wins.
 */
package org.bridge.ui.degradation;
