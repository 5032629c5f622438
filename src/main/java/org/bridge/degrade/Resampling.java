package org.bridge.degrade;

import java.util.Arrays;

import org.bridge.data.RgbImage;

/**
 * Geometric resampling: the face crop with anti-aliased downsampling, an exact area resize and
 * bilinear resize. All use continuous pixel coordinates (pixel x covers [x, x+1), centre at
 * x + 0.5, see {@link FaceBox}) and clamp to the edge pixels outside the image.
 *
 * <p>The loops index flat float arrays and allocate only the output and one row of
 * accumulators per call: the trainer runs the crop about 110,000 times per experiment.
 */
public final class Resampling {

    private Resampling() {
    }

    /** Most values one Java array holds (a few below Integer.MAX_VALUE, as the JDK's own buffers keep). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses an output that is empty or whose w x h x 3 values do not fit one array (the int
     * product would overflow to a negative or wrong size).
     */
    static void requireSize(int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
        }
        if ((long) outW * outH * 3 > MAX_VALUES) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH + " is too large for one image");
        }
    }

    /**
     * The square {@code box} of {@code src} resampled to {@code size x size}. Each output pixel
     * is the mean of the bilinearly reconstructed source over its whole footprint (a square of
     * side box.side / size, rotated with the box), integrated with k x k evenly spaced samples,
     * k = ceil(side / size), so that every source pixel inside the footprint contributes and no
     * aliasing survives from detail finer than an output pixel. For an axis-aligned box whose
     * footprints are whole pixels the samples fall on pixel centres and the result is the exact
     * block mean.
     */
    public static RgbImage crop(RgbImage src, FaceBox box, int size) {
        requireSize(size, size);
        final int w = src.width();
        final int h = src.height();
        final float[] s = src.data();
        double footprint = box.side() / size;
        // The tiny slack keeps k = 2 for a footprint of exactly 2.0000000000000004 source px.
        int k = Math.max(1, (int) Math.ceil(footprint - 1e-9));
        double sub = footprint / k;
        double rad = Math.toRadians(box.angleDegrees());
        double cos = StrictMath.cos(rad);
        double sin = StrictMath.sin(rad);
        double first = -box.side() / 2 + sub / 2; // box coordinate of the first sample, both axes
        double stepX = sub * cos;
        double stepY = sub * sin;
        // "- 0.5": from continuous coordinates to pixel-index space, where pixel centres are integers.
        double cx = box.centreX() - 0.5;
        double cy = box.centreY() - 0.5;

        float[] out = new float[size * size * 3];
        double[] acc = new double[size * 3];
        double norm = 1.0 / ((double) k * k);
        for (int oy = 0; oy < size; oy++) {
            Arrays.fill(acc, 0);
            for (int b = 0; b < k; b++) {
                double v = first + (oy * k + b) * sub;
                double rowX = cx + first * cos - v * sin;
                double rowY = cy + first * sin + v * cos;
                int col = 0;
                for (int ox = 0; ox < size; ox++) {
                    double r = 0;
                    double g = 0;
                    double bl = 0;
                    for (int a = 0; a < k; a++, col++) {
                        // From the column index, not by accumulation, so rounding does not drift.
                        double fx = rowX + col * stepX;
                        double fy = rowY + col * stepY;
                        int x0 = (int) Math.floor(fx);
                        int y0 = (int) Math.floor(fy);
                        double tx = fx - x0;
                        double ty = fy - y0;
                        int xa = x0 < 0 ? 0 : (x0 >= w ? w - 1 : x0);
                        int xb = x0 + 1 < 0 ? 0 : (x0 + 1 >= w ? w - 1 : x0 + 1);
                        int ya = y0 < 0 ? 0 : (y0 >= h ? h - 1 : y0);
                        int yb = y0 + 1 < 0 ? 0 : (y0 + 1 >= h ? h - 1 : y0 + 1);
                        int i00 = (ya * w + xa) * 3;
                        int i01 = (ya * w + xb) * 3;
                        int i10 = (yb * w + xa) * 3;
                        int i11 = (yb * w + xb) * 3;
                        double w00 = (1 - tx) * (1 - ty);
                        double w01 = tx * (1 - ty);
                        double w10 = (1 - tx) * ty;
                        double w11 = tx * ty;
                        r += w00 * s[i00] + w01 * s[i01] + w10 * s[i10] + w11 * s[i11];
                        g += w00 * s[i00 + 1] + w01 * s[i01 + 1] + w10 * s[i10 + 1] + w11 * s[i11 + 1];
                        bl += w00 * s[i00 + 2] + w01 * s[i01 + 2] + w10 * s[i10 + 2] + w11 * s[i11 + 2];
                    }
                    acc[ox * 3] += r;
                    acc[ox * 3 + 1] += g;
                    acc[ox * 3 + 2] += bl;
                }
            }
            int base = oy * size * 3;
            for (int i = 0; i < size * 3; i++) {
                out[base + i] = (float) (acc[i] * norm);
            }
        }
        return new RgbImage(size, size, out);
    }

    /**
     * The whole image resized to {@code outW x outH} by exact area averaging: each output pixel
     * is the mean of the source over its footprint, partial pixels weighted by their overlap.
     * Meant for shrinking; when enlarging it reproduces blocks (use {@link #bilinear}).
     */
    public static RgbImage area(RgbImage src, int outW, int outH) {
        requireSize(outW, outH);
        requireSize(outW, src.height());
        int w = src.width();
        int h = src.height();
        float[] s = src.data();
        AreaWeights wx = AreaWeights.of(w, outW);
        AreaWeights wy = AreaWeights.of(h, outH);
        // Horizontal pass into a h x outW buffer, then vertical pass.
        double[] tmp = new double[h * outW * 3];
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < outW; ox++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int t = wx.start[ox], j = 0; j < wx.weights[ox].length; t++, j++) {
                    double wt = wx.weights[ox][j];
                    int i = (y * w + t) * 3;
                    r += wt * s[i];
                    g += wt * s[i + 1];
                    b += wt * s[i + 2];
                }
                int o = (y * outW + ox) * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        float[] out = new float[outW * outH * 3];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int t = wy.start[oy], j = 0; j < wy.weights[oy].length; t++, j++) {
                    double wt = wy.weights[oy][j];
                    int i = (t * outW + ox) * 3;
                    r += wt * tmp[i];
                    g += wt * tmp[i + 1];
                    b += wt * tmp[i + 2];
                }
                int o = (oy * outW + ox) * 3;
                out[o] = (float) r;
                out[o + 1] = (float) g;
                out[o + 2] = (float) b;
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** Per output index: the first source index it overlaps and the normalised overlap weights. */
    private static final class AreaWeights {
        final int[] start;
        final double[][] weights;

        private AreaWeights(int n) {
            start = new int[n];
            weights = new double[n][];
        }

        static AreaWeights of(int in, int out) {
            AreaWeights a = new AreaWeights(out);
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double lo = o * scale;
                double hi = (o + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                double[] wt = new double[last - first + 1];
                double sum = 0;
                for (int t = first; t <= last; t++) {
                    double overlap = Math.min(hi, t + 1) - Math.max(lo, t);
                    wt[t - first] = Math.max(0, overlap);
                    sum += wt[t - first];
                }
                for (int j = 0; j < wt.length; j++) {
                    wt[j] /= sum;
                }
                a.start[o] = first;
                a.weights[o] = wt;
            }
            return a;
        }
    }

    /**
     * Bilinear resize with half-pixel centres: output pixel x samples the source at
     * (x + 0.5) * w / outW - 0.5 in pixel-index space, clamped to the edge pixels. This is the
     * paper's "BI" hallucination; it does not filter, so use it for enlarging.
     */
    public static RgbImage bilinear(RgbImage src, int outW, int outH) {
        requireSize(outW, outH);
        int w = src.width();
        int h = src.height();
        float[] s = src.data();
        int[] xa = new int[outW];
        int[] xb = new int[outW];
        double[] tx = new double[outW];
        taps(w, outW, xa, xb, tx);
        int[] ya = new int[outH];
        int[] yb = new int[outH];
        double[] ty = new double[outH];
        taps(h, outH, ya, yb, ty);
        float[] out = new float[outW * outH * 3];
        for (int oy = 0; oy < outH; oy++) {
            int ra = ya[oy] * w;
            int rb = yb[oy] * w;
            double fy = ty[oy];
            for (int ox = 0; ox < outW; ox++) {
                double fx = tx[ox];
                int i00 = (ra + xa[ox]) * 3;
                int i01 = (ra + xb[ox]) * 3;
                int i10 = (rb + xa[ox]) * 3;
                int i11 = (rb + xb[ox]) * 3;
                int o = (oy * outW + ox) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = s[i00 + c] + fx * (s[i01 + c] - s[i00 + c]);
                    double bottom = s[i10 + c] + fx * (s[i11 + c] - s[i10 + c]);
                    out[o + c] = (float) (top + fy * (bottom - top));
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }

    private static void taps(int in, int out, int[] a, int[] b, double[] t) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double f = (o + 0.5) * scale - 0.5;
            int f0 = (int) Math.floor(f);
            double frac = f - f0;
            int lo = Math.max(0, Math.min(in - 1, f0));
            int hi = Math.max(0, Math.min(in - 1, f0 + 1));
            a[o] = lo;
            b[o] = hi;
            // Outside the outer pixel centres both taps are the edge pixel, so the fraction is moot.
            t[o] = frac;
        }
    }
}
