package org.bridge.teacher;

import org.bridge.data.RgbImage;

/**
 * Samples an output image from a source image through an affine map with bilinear
 * interpolation. Coordinates are continuous, pixel (i, j) covering [i, i+1) x [j, j+1) with its
 * centre at (i + 0.5, j + 0.5), in both images: output centre (u+0.5, v+0.5) maps to source
 * {@code (a*u' + b*v' + tx, c*u' + d*v' + ty)}. Outside the source the nearest edge pixel is used.
 *
 * <p>Bilinear sampling is right for the teacher crops here because they enlarge the source
 * (faceres: 147 px -> 224, face-api: 123 px -> 150); a shrinking map would alias and should
 * area-average first.
 */
public record AffineCrop(int width, int height, double a, double b, double c, double d, double tx, double ty) {

    /** The axis-aligned crop of source rectangle [x0,x1) x [y0,y1) scaled onto width x height. */
    public static AffineCrop rectangle(double x0, double y0, double x1, double y1, int width, int height) {
        return new AffineCrop(width, height, (x1 - x0) / width, 0, 0, (y1 - y0) / height, x0, y0);
    }

    /** Source x of output point (u, v) (continuous coordinates). */
    public double sourceX(double u, double v) {
        return a * u + b * v + tx;
    }

    /** Source y of output point (u, v) (continuous coordinates). */
    public double sourceY(double u, double v) {
        return c * u + d * v + ty;
    }

    public RgbImage apply(RgbImage src) {
        RgbImage out = RgbImage.blank(width, height);
        float[] s = src.data();
        float[] o = out.data();
        int sw = src.width();
        int sh = src.height();
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                // Source position in pixel-index space (centre of pixel i at i).
                double fx = sourceX(u + 0.5, v + 0.5) - 0.5;
                double fy = sourceY(u + 0.5, v + 0.5) - 0.5;
                int x0 = (int) Math.floor(fx);
                int y0 = (int) Math.floor(fy);
                double wx = fx - x0;
                double wy = fy - y0;
                int xa = clamp(x0, sw);
                int xb = clamp(x0 + 1, sw);
                int ya = clamp(y0, sh);
                int yb = clamp(y0 + 1, sh);
                int p00 = (ya * sw + xa) * 3;
                int p01 = (ya * sw + xb) * 3;
                int p10 = (yb * sw + xa) * 3;
                int p11 = (yb * sw + xb) * 3;
                int q = (v * width + u) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double top = s[p00 + ch] + (s[p01 + ch] - s[p00 + ch]) * wx;
                    double bottom = s[p10 + ch] + (s[p11 + ch] - s[p10 + ch]) * wx;
                    o[q + ch] = (float) (top + (bottom - top) * wy);
                }
            }
        }
        return out;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
