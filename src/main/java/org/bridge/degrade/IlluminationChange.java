package org.bridge.degrade;

import org.bridge.data.RgbImage;

/**
 * Illumination change: gamma, then contrast around the image mean, then a brightness offset,
 * each with its own probability ({@link DegradationParams.Illumination}); the result is clamped
 * to 0..255 like a camera's output.
 */
public final class IlluminationChange implements DegradationStep {

    private final DegradationParams.Illumination params;

    public IlluminationChange(DegradationParams.Illumination params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "illumination";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        // Draw every value whether or not it is used, so each probability changes only its own part.
        boolean doGamma = random.chance(params.gammaProbability());
        double gamma = random.logUniformFactor(params.maxGamma());
        boolean doContrast = random.chance(params.contrastProbability());
        double contrast = random.logUniformFactor(params.maxContrast());
        boolean doBrightness = random.chance(params.brightnessProbability());
        double brightness = random.uniform(-params.maxBrightness(), params.maxBrightness());
        if (!doGamma && !doContrast && !doBrightness) {
            return;
        }
        if (doGamma) {
            gamma(image, gamma);
        }
        if (doContrast) {
            contrast(image, contrast);
        }
        if (doBrightness) {
            brightness(image, brightness);
        }
        clamp(image);
    }

    /** v -> 255 (v / 255)^gamma; values below 0 count as 0. */
    public static void gamma(RgbImage image, double gamma) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            // exp(g ln v) in StrictMath: bit-reproducible on every JVM (Math.* may use intrinsics
            // that differ by platform) and three times faster than StrictMath.pow.
            d[i] = d[i] <= 0 ? 0 : (float) (255.0 * StrictMath.exp(gamma * StrictMath.log(d[i] / 255.0)));
        }
    }

    /** v -> m + factor (v - m), m the mean over all pixels and channels (kept unchanged). */
    public static void contrast(RgbImage image, double factor) {
        float[] d = image.data();
        double sum = 0;
        for (float v : d) {
            sum += v;
        }
        double mean = sum / d.length;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + factor * (d[i] - mean));
        }
    }

    /** v -> v + offset. */
    public static void brightness(RgbImage image, double offset) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (d[i] + offset);
        }
    }

    static void clamp(RgbImage image) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            d[i] = v < 0 ? 0 : (v > 255 ? 255 : v);
        }
    }
}
