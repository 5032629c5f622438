package org.bridge.degrade;

import org.bridge.data.RgbImage;

/** Linear motion blur of random length and direction ({@link DegradationParams.MotionBlur}). */
public final class MotionBlurStep implements DegradationStep {

    private final DegradationParams.MotionBlur params;

    public MotionBlurStep(DegradationParams.MotionBlur params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "motionBlur";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        boolean on = random.chance(params.probability());
        double length = random.uniform(params.minLength(), params.maxLength());
        double angle = random.uniform(0, 180);
        if (on) {
            blur(image, length, angle);
        }
    }

    /**
     * Replaces each pixel by the mean of the bilinearly interpolated image along a centred
     * segment of {@code length} pixels at {@code angleDegrees} (0 = horizontal, 90 = vertical),
     * sampled every half pixel or closer; edges are extended. length <= 0 leaves the image as is.
     */
    public static void blur(RgbImage image, double length, double angleDegrees) {
        if (!(length > 0)) {
            return;
        }
        int n = (int) Math.ceil(length / 0.5) + 1;
        double rad = Math.toRadians(angleDegrees);
        double cos = StrictMath.cos(rad);
        double sin = StrictMath.sin(rad);
        // The offsets are the same for every pixel: split them into integer and fractional parts once.
        int[] ox = new int[n];
        int[] oy = new int[n];
        double[] fx = new double[n];
        double[] fy = new double[n];
        for (int i = 0; i < n; i++) {
            double t = -length / 2 + length * i / (n - 1);
            double dx = t * cos;
            double dy = t * sin;
            ox[i] = (int) Math.floor(dx);
            oy[i] = (int) Math.floor(dy);
            fx[i] = dx - ox[i];
            fy[i] = dy - oy[i];
        }
        int w = image.width();
        int h = image.height();
        float[] src = image.data().clone();
        float[] d = image.data();
        double norm = 1.0 / n;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int i = 0; i < n; i++) {
                    int x0 = x + ox[i];
                    int y0 = y + oy[i];
                    int xa = x0 < 0 ? 0 : (x0 >= w ? w - 1 : x0);
                    int xb = x0 + 1 < 0 ? 0 : (x0 + 1 >= w ? w - 1 : x0 + 1);
                    int ya = y0 < 0 ? 0 : (y0 >= h ? h - 1 : y0);
                    int yb = y0 + 1 < 0 ? 0 : (y0 + 1 >= h ? h - 1 : y0 + 1);
                    double tx = fx[i];
                    double ty = fy[i];
                    double w00 = (1 - tx) * (1 - ty);
                    double w01 = tx * (1 - ty);
                    double w10 = (1 - tx) * ty;
                    double w11 = tx * ty;
                    int i00 = (ya * w + xa) * 3;
                    int i01 = (ya * w + xb) * 3;
                    int i10 = (yb * w + xa) * 3;
                    int i11 = (yb * w + xb) * 3;
                    r += w00 * src[i00] + w01 * src[i01] + w10 * src[i10] + w11 * src[i11];
                    g += w00 * src[i00 + 1] + w01 * src[i01 + 1] + w10 * src[i10 + 1] + w11 * src[i11 + 1];
                    b += w00 * src[i00 + 2] + w01 * src[i01 + 2] + w10 * src[i10 + 2] + w11 * src[i11 + 2];
                }
                int o = (y * w + x) * 3;
                d[o] = (float) (r * norm);
                d[o + 1] = (float) (g * norm);
                d[o + 2] = (float) (b * norm);
            }
        }
    }
}
