package org.bridge.ui.pairs;

import org.bridge.data.FaceRecord;
import org.bridge.experiment.ScoredPair;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.common.ArgbPixels;

/**
 * The pixels of one pair, ready to show: both faces as stored and the p x p inputs the student
 * was given, enlarged {@code enlargement} times with nearest-neighbour so each pixel is a square.
 */
record PairFaces(ScoredPair pair, FaceRecord a, FaceRecord b, ArgbPixels highA, ArgbPixels highB,
                 ArgbPixels inputA, ArgbPixels inputB, int resolution, int enlargement, TeacherId teacher) {
}
