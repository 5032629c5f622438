package org.bridge.ui.degradation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.DegradationSetting;
import org.bridge.degrade.FaceBox;

/**
 * The Degradation tab's state without any control: which image, the D(I) parameters as one
 * {@link DegradationKnob} per number, the seed and the resolution of the perturbation grid.
 * {@link #paramsBinding()} assembles a {@link DegradationParams} from the knobs, so what the
 * sliders show is exactly what is saved and what an experiment file would use.
 *
 * <p>Range pairs (blur sigma, motion length, JPEG quality) stay ordered: raising a minimum
 * above its maximum raises the maximum with it, and the other way round, so every state of the
 * knobs is a valid parameter set.
 */
public final class DegradationViewModel {

    /** The paper's student resolutions, shown side by side as clean crops. */
    public static final List<Integer> PAPER_RESOLUTIONS = List.of(16, 32, 64, 96);
    /** Largest grid resolution: 16 tiles of 256 x 256 already fill a screen. */
    public static final int MAX_RESOLUTION = 256;

    private static final String JITTER = "Crop jitter (landmarks)";
    private static final String ILLUMINATION = "Illumination";
    private static final String BLUR = "Gaussian blur (optics)";
    private static final String MOTION = "Motion blur";
    private static final String NOISE = "Sensor noise";
    private static final String JPEG = "JPEG re-compression";
    private static final String GREY = "Grey (monochrome camera)";

    private final ObjectProperty<Path> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<FaceBox> baseBox = new SimpleObjectProperty<>(this, "faceBox");
    private final IntegerProperty count = new SimpleIntegerProperty(this, "perturbations");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final IntegerProperty resolution = new SimpleIntegerProperty(this, "resolution", 16);

    private final List<DegradationKnob> knobs = new ArrayList<>();
    private final DegradationKnob jitterProbability;
    private final DegradationKnob maxShift;
    private final DegradationKnob maxScale;
    private final DegradationKnob maxRotation;
    private final DegradationKnob gammaProbability;
    private final DegradationKnob maxGamma;
    private final DegradationKnob contrastProbability;
    private final DegradationKnob maxContrast;
    private final DegradationKnob brightnessProbability;
    private final DegradationKnob maxBrightness;
    private final DegradationKnob blurProbability;
    private final DegradationKnob minSigma;
    private final DegradationKnob maxSigma;
    private final DegradationKnob motionProbability;
    private final DegradationKnob minLength;
    private final DegradationKnob maxLength;
    private final DegradationKnob noiseProbability;
    private final DegradationKnob noiseSigma;
    private final DegradationKnob shotGain;
    private final DegradationKnob jpegProbability;
    private final DegradationKnob minQuality;
    private final DegradationKnob maxQuality;

    private final ObjectBinding<DegradationParams> params;

    private final ObjectProperty<DegradationParams> runParams = new SimpleObjectProperty<>(this, "runParams");
    private final StringProperty runLabel = new SimpleStringProperty(this, "runLabel", "");
    private final StringBinding runDifference;

    public DegradationViewModel() {
        DegradationParams d = DegradationParams.defaults();
        baseBox.set(d.baseBox());
        count.set(d.count());

        jitterProbability = knob(JITTER, DegradationSetting.JITTER_PROBABILITY, "chance", 0.05,
                "Chance that a perturbation's face box is moved at all.");
        maxShift = knob(JITTER, DegradationSetting.JITTER_MAX_SHIFT, "max shift", 0.005,
                "Box centre moves up to this fraction of the box side along each axis.");
        maxScale = knob(JITTER, DegradationSetting.JITTER_MAX_SCALE, "max scale", 0.01,
                "Box side multiplied by a factor log-uniform in [1/max, max].");
        maxRotation = knob(JITTER, DegradationSetting.JITTER_MAX_ROTATION, "max roll (deg)", 0.5,
                "Box turned by up to this many degrees either way.");

        gammaProbability = knob(ILLUMINATION, DegradationSetting.GAMMA_PROBABILITY, "gamma prob.", 0.05,
                "Chance of a gamma change.");
        maxGamma = knob(ILLUMINATION, DegradationSetting.MAX_GAMMA, "max gamma", 0.05,
                "v -> 255 (v/255)^g, g log-uniform in [1/max, max]: darker or lighter mid-tones.");
        contrastProbability = knob(ILLUMINATION, DegradationSetting.CONTRAST_PROBABILITY, "contrast prob.", 0.05,
                "Chance of a contrast change.");
        maxContrast = knob(ILLUMINATION, DegradationSetting.MAX_CONTRAST, "max contrast", 0.05,
                "v -> m + c (v - m) around the image mean m, c log-uniform in [1/max, max].");
        brightnessProbability = knob(ILLUMINATION, DegradationSetting.BRIGHTNESS_PROBABILITY, "bright. prob.", 0.05,
                "Chance of a brightness offset.");
        maxBrightness = knob(ILLUMINATION, DegradationSetting.MAX_BRIGHTNESS, "max bright.", 1,
                "v -> v + b, b uniform in [-max, max] grey levels.");

        blurProbability = knob(BLUR, DegradationSetting.BLUR_PROBABILITY, "chance", 0.05,
                "Chance of a Gaussian blur.");
        minSigma = knob(BLUR, DegradationSetting.MIN_SIGMA, "min sigma", 0.05,
                "Sigma uniform in [min, max], in output pixels.");
        maxSigma = knob(BLUR, DegradationSetting.MAX_SIGMA, "max sigma", 0.05,
                "Sigma uniform in [min, max], in output pixels.");

        motionProbability = knob(MOTION, DegradationSetting.MOTION_PROBABILITY, "chance", 0.05,
                "Chance of a linear motion blur in a random direction.");
        minLength = knob(MOTION, DegradationSetting.MIN_LENGTH, "min length", 0.1,
                "Blur length uniform in [min, max] output pixels.");
        maxLength = knob(MOTION, DegradationSetting.MAX_LENGTH, "max length", 0.1,
                "Blur length uniform in [min, max] output pixels.");

        noiseProbability = knob(NOISE, DegradationSetting.NOISE_PROBABILITY, "chance", 0.05,
                "Chance of adding sensor noise.");
        noiseSigma = knob(NOISE, DegradationSetting.NOISE_MAX_SIGMA, "max read noise", 0.5,
                "Signal-independent noise s uniform in [0, max] grey levels.");
        shotGain = knob(NOISE, DegradationSetting.NOISE_MAX_SHOT_GAIN, "max shot gain", 0.05,
                "Photon noise: variance g v with g uniform in [0, max].");

        jpegProbability = knob(JPEG, DegradationSetting.JPEG_PROBABILITY, "chance", 0.05,
                "Chance of JPEG re-compression.");
        minQuality = knob(JPEG, DegradationSetting.MIN_QUALITY, "min quality", 1,
                "JPEG quality uniform in [min, max]; low is blocky.");
        maxQuality = knob(JPEG, DegradationSetting.MAX_QUALITY, "max quality", 1,
                "JPEG quality uniform in [min, max]; low is blocky.");

        knob(GREY, DegradationSetting.GRAYSCALE_PROBABILITY, "chance", 0.05,
                "Chance that the face becomes grey (luma), as from a monochrome camera or a grey archive such as ORL.");

        keepOrdered(minSigma, maxSigma);
        keepOrdered(minLength, maxLength);
        keepOrdered(minQuality, maxQuality);

        List<Observable> deps = new ArrayList<>();
        deps.add(baseBox);
        deps.add(count);
        knobs.forEach(k -> deps.add(k.valueProperty()));
        params = Bindings.createObjectBinding(this::assemble, deps.toArray(new Observable[0]));
        runDifference = Bindings.createStringBinding(this::differenceFromRun, params, runParams, runLabel);
    }

    private DegradationKnob knob(String section, DegradationSetting setting, String label, double step, String help) {
        DegradationKnob k = new DegradationKnob(section, setting, label, step, setting.get(DegradationParams.defaults()), help);
        knobs.add(k);
        return k;
    }

    private static void keepOrdered(DegradationKnob lo, DegradationKnob hi) {
        lo.valueProperty().addListener((obs, old, v) -> {
            if (v.doubleValue() > hi.get()) {
                hi.set(v.doubleValue());
            }
        });
        hi.valueProperty().addListener((obs, old, v) -> {
            if (v.doubleValue() < lo.get()) {
                lo.set(v.doubleValue());
            }
        });
    }

    private DegradationParams assemble() {
        DegradationParams p = DegradationParams.defaults().withBaseBox(baseBox.get()).withCount(count.get());
        for (DegradationKnob k : knobs) {
            p = k.setting().with(p, k.get());
        }
        return p;
    }

    /** Sets every knob, the base box and the count from {@code p} (e.g. a loaded JSON file). */
    public void load(DegradationParams p) {
        baseBox.set(p.baseBox());
        count.set(p.count());
        // In pipeline order, each minimum before its maximum: p's ranges are ordered, so the
        // ordering rule between a pair of knobs never moves a value loaded here.
        for (DegradationKnob k : knobs) {
            k.set(k.setting().get(p));
        }
    }

    /** The parameters the knobs describe. */
    public ObjectBinding<DegradationParams> paramsBinding() {
        return params;
    }

    public DegradationParams params() {
        return params.get();
    }

    /** Every knob, grouped by pipeline step in pipeline order. */
    public List<DegradationKnob> knobs() {
        return List.copyOf(knobs);
    }

    /** The knob of a setting. */
    public DegradationKnob knob(DegradationSetting setting) {
        for (DegradationKnob k : knobs) {
            if (k.setting() == setting) {
                return k;
            }
        }
        throw new IllegalArgumentException("no degradation knob " + setting);
    }

    /**
     * The D(I) of the run whose student is chosen ({@code degradation} of its config.json), null
     * while none is: what the student was trained on, which the knobs may not show.
     */
    public ObjectProperty<DegradationParams> runParamsProperty() {
        return runParams;
    }

    /** The chosen run's name, for {@link #runDifferenceBinding()}. */
    public StringProperty runLabelProperty() {
        return runLabel;
    }

    /**
     * How the knobs differ from the chosen run's D(I), in words ("" when they agree or no run is
     * chosen). The number of perturbations is not compared: the tab shows its own grid.
     */
    public StringBinding runDifferenceBinding() {
        return runDifference;
    }

    /** Sets the knobs and the face box to the chosen run's D(I), keeping the grid's count. */
    public void useRunParams() {
        DegradationParams run = runParams.get();
        if (run != null) {
            load(run.withCount(count.get()));
        }
    }

    private String differenceFromRun() {
        DegradationParams run = runParams.get();
        if (run == null) {
            return "";
        }
        List<String> differences = new ArrayList<>();
        if (!run.baseBox().equals(baseBox.get())) {
            differences.add("face box");
        }
        for (DegradationKnob k : knobs) {
            double their = k.setting().get(run);
            if (Math.abs(their - k.get()) > 1e-9) {
                differences.add(k.section() + " " + k.label() + " " + k.format(k.get()) + " (run: " + k.format(their)
                        + ")");
            }
        }
        if (differences.isEmpty()) {
            return "";
        }
        String name = runLabel.get() == null || runLabel.get().isEmpty() ? "the chosen run" : runLabel.get();
        return "These settings are not the D(I) " + name + " was trained with: " + String.join(", ", differences) + ".";
    }

    /** The face image shown; null until one is chosen. */
    public ObjectProperty<Path> imageProperty() {
        return image;
    }

    /** The face square the perturbations jitter around (not a slider: set by load or fit). */
    public ObjectProperty<FaceBox> baseBoxProperty() {
        return baseBox;
    }

    /** The largest upright square centred in a {@code width x height} image, as the base box. */
    public void fitBaseBox(int width, int height) {
        baseBox.set(new FaceBox(width / 2.0, height / 2.0, Math.min(width, height), 0));
    }

    /** Perturbations per image (16 in the paper); changed only by loading parameters. */
    public IntegerProperty countProperty() {
        return count;
    }

    /** The experiment seed; the image is image 0 of it, as for the {@code degrade --seed} command. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Picks a different seed at random (kept below 10^9 so that it is easy to read and type). */
    public void newSeed() {
        long old = seed.get();
        long next;
        do {
            next = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        } while (next == old);
        seed.set(next);
    }

    /** Side p of the perturbation grid's faces. */
    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    /** Why {@code p} cannot be shown as a grid resolution; empty when it can. */
    public static Optional<String> resolutionProblem(int p) {
        if (p < 1 || p > MAX_RESOLUTION) {
            return Optional.of("resolution must be between 1 and " + MAX_RESOLUTION + " pixels, got " + p);
        }
        return Optional.empty();
    }
}
