package org.bridge.degrade;

import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

import org.bridge.degrade.DegradationParams.CropJitter;
import org.bridge.degrade.DegradationParams.GaussianBlur;
import org.bridge.degrade.DegradationParams.Illumination;
import org.bridge.degrade.DegradationParams.Jpeg;
import org.bridge.degrade.DegradationParams.MotionBlur;
import org.bridge.degrade.DegradationParams.Noise;

/**
 * Every adjustable number of {@link DegradationParams}, in pipeline order: its path in the JSON
 * file, the range its record accepts, and typed access. Front ends (the workbench's knobs) edit
 * D(I) through these, never through JSON keys.
 *
 * <p>The lower and upper end of a range (min and max sigma, length, JPEG quality) are kept in
 * order: setting a minimum above the maximum raises the maximum with it, and the reverse, so
 * settings can be applied one at a time in any order.
 */
public enum DegradationSetting {

    JITTER_PROBABILITY("jitter.probability", 0, 1, p -> p.jitter().probability(),
            (p, v) -> p.withJitter(p.jitter().withProbability(v))),
    JITTER_MAX_SHIFT("jitter.maxShift", 0, 0.5, p -> p.jitter().maxShift(), (p, v) -> {
        CropJitter j = p.jitter();
        return p.withJitter(new CropJitter(j.probability(), v, j.maxScale(), j.maxRotationDegrees()));
    }),
    JITTER_MAX_SCALE("jitter.maxScale", 1, 2, p -> p.jitter().maxScale(), (p, v) -> {
        CropJitter j = p.jitter();
        return p.withJitter(new CropJitter(j.probability(), j.maxShift(), v, j.maxRotationDegrees()));
    }),
    JITTER_MAX_ROTATION("jitter.maxRotationDegrees", 0, 45, p -> p.jitter().maxRotationDegrees(), (p, v) -> {
        CropJitter j = p.jitter();
        return p.withJitter(new CropJitter(j.probability(), j.maxShift(), j.maxScale(), v));
    }),

    GAMMA_PROBABILITY("illumination.gammaProbability", 0, 1, p -> p.illumination().gammaProbability(), (p, v) -> {
        Illumination i = p.illumination();
        return p.withIllumination(new Illumination(v, i.maxGamma(), i.contrastProbability(), i.maxContrast(),
                i.brightnessProbability(), i.maxBrightness()));
    }),
    MAX_GAMMA("illumination.maxGamma", 1, 4, p -> p.illumination().maxGamma(), (p, v) -> {
        Illumination i = p.illumination();
        return p.withIllumination(new Illumination(i.gammaProbability(), v, i.contrastProbability(), i.maxContrast(),
                i.brightnessProbability(), i.maxBrightness()));
    }),
    CONTRAST_PROBABILITY("illumination.contrastProbability", 0, 1, p -> p.illumination().contrastProbability(),
            (p, v) -> {
                Illumination i = p.illumination();
                return p.withIllumination(new Illumination(i.gammaProbability(), i.maxGamma(), v, i.maxContrast(),
                        i.brightnessProbability(), i.maxBrightness()));
            }),
    MAX_CONTRAST("illumination.maxContrast", 1, 4, p -> p.illumination().maxContrast(), (p, v) -> {
        Illumination i = p.illumination();
        return p.withIllumination(new Illumination(i.gammaProbability(), i.maxGamma(), i.contrastProbability(), v,
                i.brightnessProbability(), i.maxBrightness()));
    }),
    BRIGHTNESS_PROBABILITY("illumination.brightnessProbability", 0, 1, p -> p.illumination().brightnessProbability(),
            (p, v) -> {
                Illumination i = p.illumination();
                return p.withIllumination(new Illumination(i.gammaProbability(), i.maxGamma(), i.contrastProbability(),
                        i.maxContrast(), v, i.maxBrightness()));
            }),
    MAX_BRIGHTNESS("illumination.maxBrightness", 0, 128, p -> p.illumination().maxBrightness(), (p, v) -> {
        Illumination i = p.illumination();
        return p.withIllumination(new Illumination(i.gammaProbability(), i.maxGamma(), i.contrastProbability(),
                i.maxContrast(), i.brightnessProbability(), v));
    }),

    BLUR_PROBABILITY("gaussianBlur.probability", 0, 1, p -> p.gaussianBlur().probability(),
            (p, v) -> p.withGaussianBlur(p.gaussianBlur().withProbability(v))),
    MIN_SIGMA("gaussianBlur.minSigma", 0, 5, p -> p.gaussianBlur().minSigma(), (p, v) -> {
        GaussianBlur g = p.gaussianBlur();
        return p.withGaussianBlur(new GaussianBlur(g.probability(), v, Math.max(v, g.maxSigma())));
    }),
    MAX_SIGMA("gaussianBlur.maxSigma", 0, 5, p -> p.gaussianBlur().maxSigma(), (p, v) -> {
        GaussianBlur g = p.gaussianBlur();
        return p.withGaussianBlur(new GaussianBlur(g.probability(), Math.min(v, g.minSigma()), v));
    }),

    MOTION_PROBABILITY("motionBlur.probability", 0, 1, p -> p.motionBlur().probability(),
            (p, v) -> p.withMotionBlur(p.motionBlur().withProbability(v))),
    MIN_LENGTH("motionBlur.minLength", 0, 10, p -> p.motionBlur().minLength(), (p, v) -> {
        MotionBlur m = p.motionBlur();
        return p.withMotionBlur(new MotionBlur(m.probability(), v, Math.max(v, m.maxLength())));
    }),
    MAX_LENGTH("motionBlur.maxLength", 0, 10, p -> p.motionBlur().maxLength(), (p, v) -> {
        MotionBlur m = p.motionBlur();
        return p.withMotionBlur(new MotionBlur(m.probability(), Math.min(v, m.minLength()), v));
    }),

    NOISE_PROBABILITY("noise.probability", 0, 1, p -> p.noise().probability(),
            (p, v) -> p.withNoise(p.noise().withProbability(v))),
    NOISE_MAX_SIGMA("noise.maxSigma", 0, 50, p -> p.noise().maxSigma(), (p, v) -> {
        Noise n = p.noise();
        return p.withNoise(new Noise(n.probability(), v, n.maxShotGain()));
    }),
    NOISE_MAX_SHOT_GAIN("noise.maxShotGain", 0, 10, p -> p.noise().maxShotGain(), (p, v) -> {
        Noise n = p.noise();
        return p.withNoise(new Noise(n.probability(), n.maxSigma(), v));
    }),

    JPEG_PROBABILITY("jpeg.probability", 0, 1, p -> p.jpeg().probability(),
            (p, v) -> p.withJpeg(p.jpeg().withProbability(v))),
    MIN_QUALITY("jpeg.minQuality", 1, 100, p -> p.jpeg().minQuality(), (p, v) -> {
        Jpeg q = p.jpeg();
        int min = (int) Math.round(v);
        return p.withJpeg(new Jpeg(q.probability(), min, Math.max(min, q.maxQuality())));
    }),
    MAX_QUALITY("jpeg.maxQuality", 1, 100, p -> p.jpeg().maxQuality(), (p, v) -> {
        Jpeg q = p.jpeg();
        int max = (int) Math.round(v);
        return p.withJpeg(new Jpeg(q.probability(), Math.min(max, q.minQuality()), max));
    }),

    GRAYSCALE_PROBABILITY("grayscale.probability", 0, 1, p -> p.grayscale().probability(),
            (p, v) -> p.withGrayscale(p.grayscale().withProbability(v)));

    private final String path;
    private final double min;
    private final double max;
    private final ToDoubleFunction<DegradationParams> get;
    private final BiFunction<DegradationParams, Double, DegradationParams> with;

    DegradationSetting(String path, double min, double max, ToDoubleFunction<DegradationParams> get,
                       BiFunction<DegradationParams, Double, DegradationParams> with) {
        this.path = path;
        this.min = min;
        this.max = max;
        this.get = get;
        this.with = with;
    }

    /** The setting's path in a D(I) JSON object, e.g. {@code gaussianBlur.maxSigma}. */
    public String path() {
        return path;
    }

    /** The smallest value the parameter's record accepts. */
    public double min() {
        return min;
    }

    /** The largest value the parameter's record accepts. */
    public double max() {
        return max;
    }

    /** The setting's value in {@code params} (JPEG qualities as whole numbers). */
    public double get(DegradationParams params) {
        return get.applyAsDouble(params);
    }

    /** {@code params} with this setting at {@code value} (and its range partner moved if needed to stay ordered). */
    public DegradationParams with(DegradationParams params, double value) {
        return with.apply(params, value);
    }
}
