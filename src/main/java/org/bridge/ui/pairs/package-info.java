/**
 * The Pairs tab: the target pairs of one results row with the student's score, threshold and
 * verdict, filtered by kind and outcome, most confident errors first, and the chosen pair's faces
 * next to the low-resolution inputs the student saw.
 */
package org.bridge.ui.pairs;
