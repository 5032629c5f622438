package org.bridge.degrade;

import org.bridge.data.RgbImage;

/**
 * Read noise plus signal-dependent (Poisson-like) shot noise, per pixel and channel
 * ({@link DegradationParams.Noise}); the result is clamped to 0..255.
 */
public final class SensorNoise implements DegradationStep {

    private final DegradationParams.Noise params;

    public SensorNoise(DegradationParams.Noise params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        boolean on = random.chance(params.probability());
        double sigma = random.uniform(0, params.maxSigma());
        double gain = random.uniform(0, params.maxShotGain());
        if (on) {
            addNoise(image, sigma, gain, random);
        }
    }

    /** v -> clamp(v + sqrt(sigma^2 + gain * max(v, 0)) * N(0, 1), 0, 255). */
    public static void addNoise(RgbImage image, double sigma, double gain, DegradationRandom random) {
        float[] d = image.data();
        double var0 = sigma * sigma;
        for (int i = 0; i < d.length; i++) {
            double v = d[i];
            double sd = Math.sqrt(var0 + gain * (v > 0 ? v : 0));
            double n = v + sd * random.nextGaussian();
            d[i] = (float) (n < 0 ? 0 : (n > 255 ? 255 : n));
        }
    }
}
