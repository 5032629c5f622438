package org.bridge.data;

/**
 * A verification pair resolved to images: same person ({@code matched}) or not, and the
 * 1-based fold it belongs to (LFW's 10-fold protocol).
 */
public record FacePair(FaceRecord a, FaceRecord b, boolean matched, int fold) {
}
