package org.bridge.teacher;

import java.util.Arrays;

/**
 * One face found by {@link BlazeFaceDetector}, in the coordinates of the image it was found in
 * (continuous: pixel (i, j) covers [i, i+1) x [j, j+1)).
 *
 * @param score     detector confidence, sigmoid of the logit, 0..1
 * @param x0        left of the box
 * @param y0        top of the box
 * @param x1        right of the box
 * @param y1        bottom of the box
 * @param keypoints the 6 BlazeFace keypoints as x0, y0, x1, y1, ...: the eye on the image's left,
 *                  the eye on the image's right, nose, mouth, the ear (tragion) on the image's
 *                  left, the one on its right
 */
public record FaceDetection(double score, double x0, double y0, double x1, double y1, double[] keypoints) {

    public static final int KEYPOINTS = 6;
    /** Index of the eye on the image's left (the person's right eye). */
    public static final int LEFT_EYE = 0;
    /** Index of the eye on the image's right. */
    public static final int RIGHT_EYE = 1;

    public FaceDetection {
        if (keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("expected " + 2 * KEYPOINTS + " keypoint coordinates, got "
                    + keypoints.length);
        }
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    public double keypointX(int i) {
        return keypoints[2 * i];
    }

    public double keypointY(int i) {
        return keypoints[2 * i + 1];
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }

    public double centerX() {
        return (x0 + x1) / 2;
    }

    public double centerY() {
        return (y0 + y1) / 2;
    }

    /** Intersection over union of the two boxes (0 when either is empty). */
    public double iou(FaceDetection o) {
        double iw = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        double ih = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = width() * height() + o.width() * o.height() - inter;
        return union > 0 ? inter / union : 0;
    }

    /** Score, box and keypoints as 17 floats (for the detection cache). */
    public float[] toFloats() {
        float[] f = new float[5 + 2 * KEYPOINTS];
        f[0] = (float) score;
        f[1] = (float) x0;
        f[2] = (float) y0;
        f[3] = (float) x1;
        f[4] = (float) y1;
        for (int i = 0; i < keypoints.length; i++) {
            f[5 + i] = (float) keypoints[i];
        }
        return f;
    }

    /** The inverse of {@link #toFloats()}. */
    public static FaceDetection fromFloats(float[] f) {
        if (f.length != 5 + 2 * KEYPOINTS) {
            throw new IllegalArgumentException("a detection is " + (5 + 2 * KEYPOINTS) + " floats, got " + f.length);
        }
        double[] k = new double[2 * KEYPOINTS];
        for (int i = 0; i < k.length; i++) {
            k[i] = f[5 + i];
        }
        return new FaceDetection(f[0], f[1], f[2], f[3], f[4], k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceDetection d && d.score == score && d.x0 == x0 && d.y0 == y0 && d.x1 == x1
                && d.y1 == y1 && Arrays.equals(d.keypoints, keypoints);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(score) + Arrays.hashCode(keypoints);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "face %.3f box (%.1f, %.1f)-(%.1f, %.1f) eyes (%.1f, %.1f) (%.1f, %.1f)",
                score, x0, y0, x1, y1, keypointX(LEFT_EYE), keypointY(LEFT_EYE), keypointX(RIGHT_EYE),
                keypointY(RIGHT_EYE));
    }
}
