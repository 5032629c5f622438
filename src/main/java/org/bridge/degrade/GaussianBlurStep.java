package org.bridge.degrade;

import org.bridge.data.RgbImage;

/** Isotropic Gaussian blur with a random sigma ({@link DegradationParams.GaussianBlur}). */
public final class GaussianBlurStep implements DegradationStep {

    private final DegradationParams.GaussianBlur params;

    public GaussianBlurStep(DegradationParams.GaussianBlur params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "gaussianBlur";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        boolean on = random.chance(params.probability());
        double sigma = random.uniform(params.minSigma(), params.maxSigma());
        if (on) {
            blur(image, sigma);
        }
    }

    /**
     * Separable Gaussian blur in place; the kernel reaches 3 sigma, is normalised to sum 1 (so
     * a constant image stays constant) and the image is extended by its edge pixels.
     * sigma <= 0 leaves the image unchanged.
     */
    public static void blur(RgbImage image, double sigma) {
        if (!(sigma > 0)) {
            return;
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = StrictMath.exp(-(i * (double) i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = image.width();
        int h = image.height();
        float[] d = image.data();
        float[] tmp = new float[d.length];
        // Horizontal pass d -> tmp.
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = x + k;
                    xx = xx < 0 ? 0 : (xx >= w ? w - 1 : xx);
                    double wt = kernel[k + radius];
                    int i = (row + xx) * 3;
                    r += wt * d[i];
                    g += wt * d[i + 1];
                    b += wt * d[i + 2];
                }
                int o = (row + x) * 3;
                tmp[o] = (float) r;
                tmp[o + 1] = (float) g;
                tmp[o + 2] = (float) b;
            }
        }
        // Vertical pass tmp -> d.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = y + k;
                    yy = yy < 0 ? 0 : (yy >= h ? h - 1 : yy);
                    double wt = kernel[k + radius];
                    int i = (yy * w + x) * 3;
                    r += wt * tmp[i];
                    g += wt * tmp[i + 1];
                    b += wt * tmp[i + 2];
                }
                int o = (y * w + x) * 3;
                d[o] = (float) r;
                d[o + 1] = (float) g;
                d[o + 2] = (float) b;
            }
        }
    }
}
