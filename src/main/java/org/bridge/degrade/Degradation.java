package org.bridge.degrade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bridge.data.RgbImage;

/**
 * The paper's degradation D(I): from one high-resolution public face, {@code count} (16)
 * low-resolution versions, each a random perturbation of the face crop, resized to p x p with
 * anti-aliasing, then degraded towards the target domain by a sequence of
 * {@link DegradationStep}s (illumination, blur, motion blur, noise, JPEG, grey by default).
 *
 * <p>Deterministic: a perturbation is a pure function of (image, base box, p, image seed,
 * perturbation index), so the same seed gives bit-identical pixels whatever the thread or the
 * order in which images are processed. Instances are immutable and safe to share between threads.
 * Derive image seeds with {@link DegradationRandom#imageSeed(long, long)} from the experiment seed
 * and the image's index in the dataset.
 */
public final class Degradation {

    /** Random stream of the crop jitter (a step name no {@link DegradationStep} may use). */
    static final String JITTER_STREAM = "jitter";

    private final DegradationParams params;
    private final List<DegradationStep> steps;

    /** The standard pipeline for {@code params}. */
    public Degradation(DegradationParams params) {
        this(params, standardSteps(params));
    }

    /**
     * A custom composition: the crop jitter and count of {@code params}, then {@code steps} in
     * the given order. Step names must be distinct (they select the random streams).
     */
    public Degradation(DegradationParams params, List<DegradationStep> steps) {
        this.params = params;
        this.steps = List.copyOf(steps);
        Set<String> names = new HashSet<>();
        names.add(JITTER_STREAM);
        for (DegradationStep s : this.steps) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate or reserved step name: " + s.name());
            }
        }
    }

    public static Degradation withDefaults() {
        return new Degradation(DegradationParams.defaults());
    }

    /**
     * Illumination -> Gaussian blur -> motion blur -> sensor noise -> JPEG -> grey: scene, optics,
     * sensor, codec, archive. Each step draws from its own stream, so a step with probability 0
     * leaves the others' pixels exactly as without it.
     */
    public static List<DegradationStep> standardSteps(DegradationParams p) {
        return List.of(new IlluminationChange(p.illumination()), new GaussianBlurStep(p.gaussianBlur()),
                new MotionBlurStep(p.motionBlur()), new SensorNoise(p.noise()), new JpegRecompression(p.jpeg()),
                new GrayscaleConversion(p.grayscale()));
    }

    public DegradationParams params() {
        return params;
    }

    public List<DegradationStep> steps() {
        return steps;
    }

    /** {@code params().count()} perturbations around {@code params().baseBox()}. */
    public List<RgbImage> perturbations(RgbImage hr, int resolution, long imageSeed) {
        return perturbations(hr, params.baseBox(), resolution, imageSeed, params.count());
    }

    /** Perturbations 0..count-1 of {@code hr}, each {@code resolution x resolution}. */
    public List<RgbImage> perturbations(RgbImage hr, FaceBox base, int resolution, long imageSeed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        List<RgbImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(perturbation(hr, base, resolution, imageSeed, i));
        }
        return out;
    }

    /** Perturbation number {@code index} alone (same pixels as in {@link #perturbations}). */
    public RgbImage perturbation(RgbImage hr, FaceBox base, int resolution, long imageSeed, int index) {
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be >= 1: " + resolution);
        }
        long seed = DegradationRandom.perturbationSeed(imageSeed, index);
        FaceBox box = jitteredBox(base, seed);
        RgbImage lr = Resampling.crop(hr, box, resolution);
        for (DegradationStep step : steps) {
            step.apply(lr, new DegradationRandom(DegradationRandom.streamSeed(seed, step.name())));
        }
        return lr;
    }

    /** The face box of the perturbation with seed {@code perturbationSeed}. */
    public FaceBox jitteredBox(FaceBox base, long perturbationSeed) {
        DegradationParams.CropJitter j = params.jitter();
        DegradationRandom r = new DegradationRandom(DegradationRandom.streamSeed(perturbationSeed, JITTER_STREAM));
        boolean on = r.chance(j.probability());
        double dx = r.uniform(-j.maxShift(), j.maxShift());
        double dy = r.uniform(-j.maxShift(), j.maxShift());
        double scale = r.logUniformFactor(j.maxScale());
        double angle = r.uniform(-j.maxRotationDegrees(), j.maxRotationDegrees());
        return on ? base.jittered(dx, dy, scale, angle) : base;
    }

    /** The evaluation input: {@code base} resized to p x p with anti-aliasing, nothing random. */
    public static RgbImage clean(RgbImage hr, FaceBox base, int resolution) {
        return Resampling.crop(hr, base, resolution);
    }

    /**
     * Bilinear up-sampling (half-pixel centres) of a low-resolution face to {@code size x size}:
     * the paper's "BI" hallucination baseline, {@code bilinearUpsample(clean(hr, box, 16), 224)}.
     */
    public static RgbImage bilinearUpsample(RgbImage lr, int size) {
        return Resampling.bilinear(lr, size, size);
    }

    /**
     * The "BI" hallucination input of Table III: the face {@code base} area-averaged to
     * {@code lowResolution} pixels, then bilinearly up-sampled to the recogniser's {@code size}.
     */
    public static RgbImage bilinearHallucination(RgbImage hr, FaceBox base, int lowResolution, int size) {
        return bilinearUpsample(clean(hr, base, lowResolution), size);
    }
}
