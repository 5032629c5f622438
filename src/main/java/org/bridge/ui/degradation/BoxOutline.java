package org.bridge.ui.degradation;

import org.bridge.degrade.FaceBox;

/** The corners of a (possibly rotated) {@link FaceBox}, in the convention of the crop itself. */
final class BoxOutline {

    private BoxOutline() {
    }

    /**
     * Corners top-left, top-right, bottom-right, bottom-left of the box as seen in the crop, as
     * {x0, y0, x1, y1, ...} in continuous source coordinates. A point (u, v) of the box, centred,
     * lies at (cx + u cos a - v sin a, cy + u sin a + v cos a): the mapping
     * {@link org.bridge.degrade.Resampling#crop} samples with.
     */
    static double[] corners(FaceBox box) {
        double a = Math.toRadians(box.angleDegrees());
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double h = box.side() / 2;
        double[][] uv = {{-h, -h}, {h, -h}, {h, h}, {-h, h}};
        double[] out = new double[8];
        for (int i = 0; i < 4; i++) {
            out[2 * i] = box.centreX() + uv[i][0] * cos - uv[i][1] * sin;
            out[2 * i + 1] = box.centreY() + uv[i][0] * sin + uv[i][1] * cos;
        }
        return out;
    }

    /** Whether every corner lies within the {@code width x height} image. */
    static boolean inside(FaceBox box, int width, int height) {
        double[] c = corners(box);
        double eps = 1e-6;
        for (int i = 0; i < 8; i += 2) {
            if (c[i] < -eps || c[i] > width + eps || c[i + 1] < -eps || c[i + 1] > height + eps) {
                return false;
            }
        }
        return true;
    }
}
