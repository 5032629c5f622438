package org.bridge.degrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.JsonFields;
import org.bridge.config.StrictJson;
import org.bridge.config.UserFacingException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Every knob of the degradation pipeline D(I), with its default, in one place.
 *
 * <p>The paper (Sec. IV-A) says only that low-resolution public faces are made by "randomly
 * perturbing the localized facial landmarks for 16 times, normalizing to various resolutions of
 * p x p and degrading to approximate the distribution of target faces (e.g., blurring, changing
 * illumination, etc)". It gives no magnitudes, so the defaults below are our choice; each field
 * says its range and the reasoning. Spatial sizes of the low-resolution steps are in
 * <em>output</em> pixels, because they model the target camera, whose sensor grid is the p x p
 * output; intensities are on the 0..255 scale of {@link org.bridge.data.RgbImage}.
 *
 * <p>Steps run in a fixed, physically ordered sequence after the crop and the anti-aliased
 * downsampling: illumination (scene and camera response) -> Gaussian blur (optics) -> motion
 * blur -> sensor noise -> JPEG (codec). Each step with probability 0 is off; {@link #clean()} has
 * every random element off and is what evaluation inputs use.
 *
 * <p>Change per experiment with the withers ({@code defaults().withJpeg(...)}), or in JSON: a
 * file may give any subset of the keys ({@link #fromJson} fills the rest from the defaults and
 * rejects unknown keys, so a typo cannot silently fall back to a default).
 *
 * @param baseBox      the face square that perturbations jitter around, in source-image pixels;
 *                     default {@link FaceBox#lfwDeepFunneled()} (deep-funneled LFW and the synthetic
 *                     sample set, 250x250)
 * @param count        perturbations per public image, >= 1; default 16 as in the paper
 * @param jitter       random displacement of the face box (the paper's landmark perturbation)
 * @param illumination gamma, contrast and brightness changes
 * @param gaussianBlur isotropic optical blur
 * @param motionBlur   linear motion blur
 * @param noise        sensor noise
 * @param jpeg         JPEG re-compression
 * @param grayscale    conversion to grey (a monochrome camera or archive)
 */
public record DegradationParams(
        FaceBox baseBox,
        int count,
        CropJitter jitter,
        Illumination illumination,
        GaussianBlur gaussianBlur,
        MotionBlur motionBlur,
        Noise noise,
        Jpeg jpeg,
        Grayscale grayscale) {

    public DegradationParams {
        require(baseBox != null && jitter != null && illumination != null && gaussianBlur != null
                && motionBlur != null && noise != null && jpeg != null && grayscale != null,
                "all sections must be present");
        require(count >= 1, "count must be >= 1, got " + count);
    }

    /** The pipeline used to synthesise low-resolution training faces. */
    public static DegradationParams defaults() {
        return new DegradationParams(FaceBox.lfwDeepFunneled(), 16,
                new CropJitter(1.0, 0.05, 1.08, 6.0),
                new Illumination(0.5, 1.6, 0.5, 1.4, 0.5, 30.0),
                new GaussianBlur(0.5, 0.3, 1.0),
                new MotionBlur(0.2, 1.0, 2.5),
                new Noise(0.5, 5.0, 0.3),
                new Jpeg(0.5, 40, 90),
                new Grayscale(0));
    }

    /**
     * Crop and anti-aliased downsampling only: no jitter, no degradation. The magnitudes keep
     * their defaults so that turning one step back on (a wither) gives the default strength.
     */
    public static DegradationParams clean() {
        DegradationParams d = defaults();
        return d.withJitter(d.jitter.withProbability(0))
                .withIllumination(d.illumination.withProbabilities(0))
                .withGaussianBlur(d.gaussianBlur.withProbability(0))
                .withMotionBlur(d.motionBlur.withProbability(0))
                .withNoise(d.noise.withProbability(0))
                .withJpeg(d.jpeg.withProbability(0))
                .withGrayscale(d.grayscale.withProbability(0));
    }

    /** True when no step can change a perturbation (the pipeline is deterministic in the seed too). */
    public boolean isClean() {
        return jitter.probability == 0 && illumination.gammaProbability == 0 && illumination.contrastProbability == 0
                && illumination.brightnessProbability == 0 && gaussianBlur.probability == 0
                && motionBlur.probability == 0 && noise.probability == 0 && jpeg.probability == 0
                && grayscale.probability == 0;
    }

    /**
     * The paper's landmark perturbation, as a jitter of the similarity transform it induces.
     * Landmark detectors err by a few percent of the face size, which moves, scales and rolls
     * the aligned crop by about that much; larger jitter would cut off the chin or eyes.
     *
     * @param probability        chance that a perturbation is jittered at all, 0..1; default 1
     *                           (every one of the 16 differs from the clean crop)
     * @param maxShift           shift of the centre along each axis, uniform in [-maxShift, maxShift]
     *                           as a fraction of the box side, 0..0.5; default 0.05 (7 source px on
     *                           LFW, under one output pixel at p = 16)
     * @param maxScale           side multiplied by a factor log-uniform in [1/maxScale, maxScale],
     *                           1..2; default 1.08
     * @param maxRotationDegrees roll uniform in [-max, max] degrees, 0..45; default 6
     */
    public record CropJitter(double probability, double maxShift, double maxScale, double maxRotationDegrees) {
        public CropJitter {
            requireProbability("jitter.probability", probability);
            requireRange("jitter.maxShift", maxShift, 0, 0.5);
            requireRange("jitter.maxScale", maxScale, 1, 2);
            requireRange("jitter.maxRotationDegrees", maxRotationDegrees, 0, 45);
        }

        public CropJitter withProbability(double p) {
            return new CropJitter(p, maxShift, maxScale, maxRotationDegrees);
        }
    }

    /**
     * Illumination change, applied in the order gamma, contrast, brightness, then clamped to
     * 0..255. Each part has its own probability. Target faces (surveillance, LFW news photos)
     * vary in exposure and camera response far more than aligned public training faces.
     *
     * @param gammaProbability      chance of a gamma change, 0..1; default 0.5
     * @param maxGamma              v -> 255 (v/255)^g with g log-uniform in [1/maxGamma, maxGamma],
     *                              1..4; default 1.6 (visibly darker or lighter mid-tones,
     *                              black and white stay put)
     * @param contrastProbability   chance of a contrast change, 0..1; default 0.5
     * @param maxContrast           v -> m + c (v - m) around the image mean m, c log-uniform in
     *                              [1/maxContrast, maxContrast], 1..4; default 1.4
     * @param brightnessProbability chance of a brightness offset, 0..1; default 0.5
     * @param maxBrightness         v -> v + b, b uniform in [-maxBrightness, maxBrightness], 0..128;
     *                              default 30 (about 12% of the range: under- or over-exposure
     *                              without washing the face out)
     */
    public record Illumination(double gammaProbability, double maxGamma, double contrastProbability,
            double maxContrast, double brightnessProbability, double maxBrightness) {
        public Illumination {
            requireProbability("illumination.gammaProbability", gammaProbability);
            requireRange("illumination.maxGamma", maxGamma, 1, 4);
            requireProbability("illumination.contrastProbability", contrastProbability);
            requireRange("illumination.maxContrast", maxContrast, 1, 4);
            requireProbability("illumination.brightnessProbability", brightnessProbability);
            requireRange("illumination.maxBrightness", maxBrightness, 0, 128);
        }

        public Illumination withProbabilities(double p) {
            return new Illumination(p, maxGamma, p, maxContrast, p, maxBrightness);
        }
    }

    /**
     * Isotropic Gaussian blur on the p x p image (defocus, lens softness, the soft look of
     * upscaled-and-recompressed surveillance frames). The area downsampling already integrates
     * over each output pixel; this is blur <em>beyond</em> the sensor footprint.
     *
     * @param probability chance of blurring, 0..1; default 0.5 (half sharp, half soft)
     * @param minSigma    sigma uniform in [minSigma, maxSigma] output pixels, 0..maxSigma; default 0.3
     *                    (just visible)
     * @param maxSigma    upper bound, 0..5; default 1.0 (at 16 x 16 eyes and mouth are still
     *                    separate blobs; 1.2 combined with motion blur erased them in our look at
     *                    LFW samples)
     */
    public record GaussianBlur(double probability, double minSigma, double maxSigma) {
        public GaussianBlur {
            requireProbability("gaussianBlur.probability", probability);
            requireRange("gaussianBlur.maxSigma", maxSigma, 0, 5);
            requireRange("gaussianBlur.minSigma", minSigma, 0, maxSigma);
        }

        public GaussianBlur withProbability(double p) {
            return new GaussianBlur(p, minSigma, maxSigma);
        }
    }

    /**
     * Linear motion blur (a walking subject or a shaking camera during the exposure): the image
     * averaged along a segment of random direction, uniform in [0, 180) degrees.
     *
     * @param probability chance of motion blur, 0..1; default 0.2 (less common than defocus)
     * @param minLength   segment length uniform in [minLength, maxLength] output pixels,
     *                    0..maxLength; default 1
     * @param maxLength   upper bound, 0..10; default 2.5 (a sixth of a 16-pixel face)
     */
    public record MotionBlur(double probability, double minLength, double maxLength) {
        public MotionBlur {
            requireProbability("motionBlur.probability", probability);
            requireRange("motionBlur.maxLength", maxLength, 0, 10);
            requireRange("motionBlur.minLength", minLength, 0, maxLength);
        }

        public MotionBlur withProbability(double p) {
            return new MotionBlur(p, minLength, maxLength);
        }
    }

    /**
     * Sensor noise, independent per pixel and channel: v -> v + sqrt(s^2 + g v) N(0, 1), then
     * clamped to 0..255. The s term is read noise (signal-independent), the g v term approximates
     * photon shot noise (Poisson: variance proportional to the signal).
     *
     * @param probability chance of adding noise, 0..1; default 0.5
     * @param maxSigma    s uniform in [0, maxSigma] grey levels, 0..50; default 5 (visible grain,
     *                    not snow)
     * @param maxShotGain g uniform in [0, maxShotGain] grey levels, 0..10; default 0.3 (standard
     *                    deviation up to about 8.7 at v = 250)
     */
    public record Noise(double probability, double maxSigma, double maxShotGain) {
        public Noise {
            requireProbability("noise.probability", probability);
            requireRange("noise.maxSigma", maxSigma, 0, 50);
            requireRange("noise.maxShotGain", maxShotGain, 0, 10);
        }

        public Noise withProbability(double p) {
            return new Noise(p, maxSigma, maxShotGain);
        }
    }

    /**
     * JPEG re-compression with the JDK's encoder (ImageIO, 4:2:0 chroma): the blocking and
     * ringing of stored surveillance frames and web photos. Output is 8-bit afterwards.
     *
     * @param probability chance of re-compression, 0..1; default 0.5
     * @param minQuality  quality uniform in [minQuality, maxQuality], 1..maxQuality; default 40
     *                    (clearly blocky)
     * @param maxQuality  upper bound, minQuality..100; default 90 (typical camera setting)
     */
    public record Jpeg(double probability, int minQuality, int maxQuality) {
        public Jpeg {
            requireProbability("jpeg.probability", probability);
            require(minQuality >= 1 && minQuality <= maxQuality && maxQuality <= 100,
                    "jpeg quality needs 1 <= minQuality <= maxQuality <= 100, got " + minQuality + ".." + maxQuality);
        }

        public Jpeg withProbability(double p) {
            return new Jpeg(p, minQuality, maxQuality);
        }
    }

    /**
     * Conversion to grey, R = G = B = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601 luma), as the last
     * step: a monochrome surveillance camera, an infrared-cut-less night mode or a greyscale
     * archive (ORL). Students trained on colour LFW alone lose 7-9 points of LFW verification when
     * the same test faces are grey (experiments/NOTES.md), so colour is a cue they lean on.
     *
     * @param probability chance that a perturbation is made grey, 0..1; default 0 (the paper's
     *                    D(I) names no colour change)
     */
    public record Grayscale(double probability) {
        public Grayscale {
            requireProbability("grayscale.probability", probability);
        }

        public Grayscale withProbability(double p) {
            return new Grayscale(p);
        }
    }

    public DegradationParams withBaseBox(FaceBox b) {
        return new DegradationParams(b, count, jitter, illumination, gaussianBlur, motionBlur, noise, jpeg, grayscale);
    }

    public DegradationParams withCount(int c) {
        return new DegradationParams(baseBox, c, jitter, illumination, gaussianBlur, motionBlur, noise, jpeg, grayscale);
    }

    public DegradationParams withJitter(CropJitter j) {
        return new DegradationParams(baseBox, count, j, illumination, gaussianBlur, motionBlur, noise, jpeg, grayscale);
    }

    public DegradationParams withIllumination(Illumination i) {
        return new DegradationParams(baseBox, count, jitter, i, gaussianBlur, motionBlur, noise, jpeg, grayscale);
    }

    public DegradationParams withGaussianBlur(GaussianBlur g) {
        return new DegradationParams(baseBox, count, jitter, illumination, g, motionBlur, noise, jpeg, grayscale);
    }

    public DegradationParams withMotionBlur(MotionBlur m) {
        return new DegradationParams(baseBox, count, jitter, illumination, gaussianBlur, m, noise, jpeg, grayscale);
    }

    public DegradationParams withNoise(Noise n) {
        return new DegradationParams(baseBox, count, jitter, illumination, gaussianBlur, motionBlur, n, jpeg, grayscale);
    }

    public DegradationParams withJpeg(Jpeg j) {
        return new DegradationParams(baseBox, count, jitter, illumination, gaussianBlur, motionBlur, noise, j, grayscale);
    }

    public DegradationParams withGrayscale(Grayscale g) {
        return new DegradationParams(baseBox, count, jitter, illumination, gaussianBlur, motionBlur, noise, jpeg, g);
    }

    /** Whether the sensor steps (Gaussian and motion blur, noise, JPEG) are all switched off (probability 0). */
    public boolean sensorStepsOff() {
        return gaussianBlur.probability() == 0 && motionBlur.probability() == 0 && noise.probability() == 0
                && jpeg.probability() == 0;
    }

    /**
     * The sensor steps switched on or off, leaving the crop jitter and the illumination changes.
     * Off: each step at its defaults with probability 0. On: a step that is switched off here takes
     * its defaults; a step that is on keeps its settings.
     */
    public DegradationParams withSensorSteps(boolean on) {
        DegradationParams d = defaults();
        if (!on) {
            return withGaussianBlur(d.gaussianBlur.withProbability(0)).withMotionBlur(d.motionBlur.withProbability(0))
                    .withNoise(d.noise.withProbability(0)).withJpeg(d.jpeg.withProbability(0));
        }
        return withGaussianBlur(gaussianBlur.probability() == 0 ? d.gaussianBlur : gaussianBlur)
                .withMotionBlur(motionBlur.probability() == 0 ? d.motionBlur : motionBlur)
                .withNoise(noise.probability() == 0 ? d.noise : noise)
                .withJpeg(jpeg.probability() == 0 ? d.jpeg : jpeg);
    }

    // ---- JSON ----

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Reads parameters from JSON (strict: see {@link StrictJson}). Missing keys take their
     * {@link #defaults()}; unknown keys, wrong types and out-of-range values are errors whose
     * message starts with {@code source} (a file name) and names the key and line.
     */
    public static DegradationParams fromJson(String json, String source) {
        return fromJson(StrictJson.parseObject(json, source));
    }

    /**
     * Reads parameters from one JSON object, e.g. the {@code "degradation"} section of an
     * experiment file: any subset of the keys, the rest from {@link #defaults()}.
     */
    public static DegradationParams fromJson(JsonFields o) {
        DegradationParams d = defaults();
        FaceBox box = section(o, "baseBox", d.baseBox, b -> new FaceBox(b.number("centreX", d.baseBox.centreX()),
                b.number("centreY", d.baseBox.centreY()), b.number("side", d.baseBox.side()),
                b.number("angleDegrees", d.baseBox.angleDegrees())));
        int count = o.integer("count", d.count);
        o.require("count", count >= 1, "must be >= 1, not " + count);
        CropJitter jitter = section(o, "jitter", d.jitter, j -> new CropJitter(
                j.number("probability", d.jitter.probability), j.number("maxShift", d.jitter.maxShift),
                j.number("maxScale", d.jitter.maxScale), j.number("maxRotationDegrees", d.jitter.maxRotationDegrees)));
        Illumination illumination = section(o, "illumination", d.illumination, i -> new Illumination(
                i.number("gammaProbability", d.illumination.gammaProbability),
                i.number("maxGamma", d.illumination.maxGamma),
                i.number("contrastProbability", d.illumination.contrastProbability),
                i.number("maxContrast", d.illumination.maxContrast),
                i.number("brightnessProbability", d.illumination.brightnessProbability),
                i.number("maxBrightness", d.illumination.maxBrightness)));
        GaussianBlur gaussianBlur = section(o, "gaussianBlur", d.gaussianBlur, g -> new GaussianBlur(
                g.number("probability", d.gaussianBlur.probability), g.number("minSigma", d.gaussianBlur.minSigma),
                g.number("maxSigma", d.gaussianBlur.maxSigma)));
        MotionBlur motionBlur = section(o, "motionBlur", d.motionBlur, m -> new MotionBlur(
                m.number("probability", d.motionBlur.probability), m.number("minLength", d.motionBlur.minLength),
                m.number("maxLength", d.motionBlur.maxLength)));
        Noise noise = section(o, "noise", d.noise, n -> new Noise(n.number("probability", d.noise.probability),
                n.number("maxSigma", d.noise.maxSigma), n.number("maxShotGain", d.noise.maxShotGain)));
        Jpeg jpeg = section(o, "jpeg", d.jpeg, j -> new Jpeg(j.number("probability", d.jpeg.probability),
                j.integer("minQuality", d.jpeg.minQuality), j.integer("maxQuality", d.jpeg.maxQuality)));
        Grayscale grayscale = section(o, "grayscale", d.grayscale,
                g -> new Grayscale(g.number("probability", d.grayscale.probability)));
        o.rejectUnknownKeys();
        return new DegradationParams(box, count, jitter, illumination, gaussianBlur, motionBlur, noise, jpeg, grayscale);
    }

    /** A section's record from its keys (the rest from {@code fallback}); range errors name the section. */
    private static <T> T section(JsonFields o, String key, T fallback, java.util.function.Function<JsonFields, T> read) {
        java.util.Optional<JsonFields> given = o.object(key);
        if (given.isEmpty()) {
            return fallback;
        }
        JsonFields fields = given.get();
        T value;
        try {
            value = read.apply(fields);
        } catch (IllegalArgumentException outOfRange) {
            // The records name their field as "noise.probability must be ..."; point at that key.
            String message = String.valueOf(outOfRange.getMessage());
            int space = message.indexOf(' ');
            if (space > 0 && message.startsWith(key + ".")) {
                throw fields.error(message.substring(key.length() + 1, space), message.substring(space + 1));
            }
            throw o.error(key, "is out of range: " + message);
        }
        fields.rejectUnknownKeys();
        return value;
    }

    public static DegradationParams read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot read degradation parameters " + file + ": " + e.getMessage(), e);
        }
        return fromJson(StrictJson.parseObject(text, file.toString()));
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void requireProbability(String name, double p) {
        requireRange(name, p, 0, 1);
    }

    private static void requireRange(String name, double v, double lo, double hi) {
        require(v >= lo && v <= hi, name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
}
