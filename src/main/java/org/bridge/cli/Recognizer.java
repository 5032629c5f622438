package org.bridge.cli;

import java.nio.file.Path;
import java.util.Locale;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.FaceFraming;
import org.bridge.eval.FeatureExtractor;
import org.bridge.experiment.DetectedFaceBox;
import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.StudentFeatureExtractor;
import org.bridge.experiment.TeacherFeatureExtractor;
import org.bridge.experiment.TeacherInputs;
import org.bridge.experiment.TrainedStudent;
import org.bridge.teacher.BlazeFaceDetector;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.Teachers;

/**
 * What {@code identify} and {@code verify} score faces with: a trained student (from its run
 * folder) or a teacher baseline (V, C or E, at full resolution or hallucinated from p x p by
 * bilinear up-sampling, Table III's "p-BI"), each framing every image by a face-box policy.
 */
final class Recognizer implements AutoCloseable {

    private final FeatureExtractor extractor;
    private final String description;
    private final FaceFraming framing;
    private final JsonObject json;
    private final AutoCloseable resources;

    private Recognizer(FeatureExtractor extractor, String description, FaceFraming framing, JsonObject json,
                       AutoCloseable resources) {
        this.extractor = extractor;
        this.description = description;
        this.framing = framing;
        this.json = json;
        this.resources = resources;
    }

    /**
     * How a student sees each test face beyond its framing, each off by default.
     *
     * @param flipAverage the sum of the unit features of the face and of its mirror image
     * @param grey        the face made grey (BT.601 luma) after framing
     * @param degraded    the face put through the paper's full D(I) once, with the fixed seed of the
     *                    runs' degraded pairs ({@link DegradedPairsVerification})
     */
    record StudentView(boolean flipAverage, boolean grey, boolean degraded) {
    }

    /** The student of run folder {@code model} at {@code resolution} (null: its own), seeing faces as {@code view}. */
    static Recognizer student(Path model, Integer resolution, FaceBoxPolicy policy, StudentView view) {
        if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        return student(TrainedStudent.open(model), model, resolution, policy, view);
    }

    /** The already loaded student {@code s} of run folder {@code model}. */
    static Recognizer student(TrainedStudent s, Path model, Integer resolution, FaceBoxPolicy policy,
                              StudentView view) {
        int p = resolution != null ? resolution : s.resolution();
        DetectedFaceBox detector = detector(policy, s.degradation().baseBox());
        FaceFraming framing = new FaceFraming(policy, s.degradation().baseBox(), detector);
        StudentFeatureExtractor x = s.extractor(p, framing);
        if (view.degraded()) {
            x = x.degradedBy(new Degradation(DegradedPairsVerification.params()), DegradedPairsVerification.SEED);
        }
        if (view.flipAverage()) {
            x = x.flipAveraged();
        }
        if (view.grey()) {
            x = x.greyed();
        }
        JsonObject o = new JsonObject();
        o.addProperty("model", s.name());
        o.addProperty("run", model.toAbsolutePath().toString());
        o.addProperty("resolution", p);
        o.addProperty("flip_average", view.flipAverage());
        o.addProperty("grey", view.grey());
        if (view.degraded()) {
            o.addProperty("degraded_seed", DegradedPairsVerification.SEED);
            o.add("degradation", com.google.gson.JsonParser.parseString(DegradedPairsVerification.params().toJson()));
        }
        return new Recognizer(x, String.format(Locale.ROOT, "%s at %dx%d", x.name(), p, p), framing, o, () -> {
            if (detector != null) {
                detector.close();
            }
        });
    }

    /**
     * For the policies that can use it (detector, auto): BlazeFace placing {@code base} on each face's
     * eyes, loaded from the teacher cache (fetched first if need be) on the first image that needs it.
     */
    private static DetectedFaceBox detector(FaceBoxPolicy policy, FaceBox base) {
        if (policy != FaceBoxPolicy.DETECTOR && policy != FaceBoxPolicy.AUTO) {
            return null;
        }
        return new DetectedFaceBox(() -> {
            TeacherWeights weights = new TeacherWeights(BridgeLocations.fromSystem().teacherCache());
            weights.require(java.util.List.of(PinnedPackage.HUMAN), ProgressBar.teacherFetch());
            return BlazeFaceDetector.load(weights.blazefaceModel());
        }, base);
    }

    /**
     * Teacher {@code teacher} ("V", "C" or "E"), hallucinated from {@code resolution} x
     * {@code resolution} when that is given; {@code hallucinate} may only be "bilinear". Missing
     * teacher weights are fetched first, with a progress bar.
     */
    static Recognizer teacher(String teacher, Integer resolution, String hallucinate, FaceBoxPolicy policy) {
        TeacherId id = parseTeacher(teacher);
        checkHallucination(resolution, hallucinate);
        TeacherWeights weights = new TeacherWeights(BridgeLocations.fromSystem().teacherCache());
        weights.require(id == TeacherId.V ? java.util.List.of(PinnedPackage.HUMAN)
                : id == TeacherId.C ? java.util.List.of(PinnedPackage.FACE_API)
                : java.util.List.of(PinnedPackage.HUMAN, PinnedPackage.FACE_API), ProgressBar.teacherFetch());
        FaceBox base = FaceBox.lfwDeepFunneled();
        DetectedFaceBox detector = detector(policy, base);
        FaceFraming framing = new FaceFraming(policy, base, detector);
        TeacherInputs inputs = TeacherInputs.fixedIn(framing);
        if (resolution != null) {
            inputs = inputs.bilinearFrom(resolution);
        }
        TeacherFeatureExtractor x = new TeacherFeatureExtractor(Teachers.load(id, weights), inputs);
        JsonObject o = new JsonObject();
        o.addProperty("model", x.name());
        o.addProperty("teacher", id.name());
        o.addProperty("teacher_inputs", inputs.label());
        if (resolution != null) {
            o.addProperty("resolution", resolution);
            o.addProperty("hallucinate", "bilinear");
        }
        String what = "teacher " + id + " (" + id.description() + "), "
                + (resolution != null ? resolution + "x" + resolution + " up-sampled bilinearly (" + resolution + "-BI)"
                : "full resolution");
        return new Recognizer(x, what, framing, o, () -> {
            try (x) {
                if (detector != null) {
                    detector.close();
                }
            }
        });
    }

    /** --hallucinate is only 'bilinear' and needs --resolution; a teacher's p is 1..{@value OptionChecks#MAX_UPSAMPLED}. */
    static void checkHallucination(Integer resolution, String hallucinate) {
        if (hallucinate != null && !hallucinate.equalsIgnoreCase("bilinear")) {
            throw new UserFacingException("--hallucinate: only 'bilinear' is implemented, got '" + hallucinate + "'");
        }
        if (hallucinate != null && resolution == null) {
            throw new UserFacingException("--hallucinate needs --resolution P (the low resolution to hallucinate from)");
        }
        if (resolution != null) {
            OptionChecks.inRange("--resolution", resolution, 1, OptionChecks.MAX_UPSAMPLED);
        }
    }

    static TeacherId parseTeacher(String s) {
        try {
            TeacherId id = TeacherId.valueOf(s.trim().toUpperCase(Locale.ROOT));
            if (!id.isNone()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UserFacingException("--teacher must be V, C or E, got '" + s + "'");
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    /** E.g. "S-16-sc-E at 16x16" or "teacher E (...), 16x16 up-sampled bilinearly (16-BI)". */
    String description() {
        return description;
    }

    /**
     * A framing like the one the faces are scored with, its tally empty: for looking at single
     * images again (which box leaves its image) without touching the scoring's tally.
     */
    FaceFraming freshFraming() {
        return framing.fresh();
    }

    /** How the faces scored so far were framed. */
    FaceFraming.Tally framing() {
        return framing.tally();
    }

    /** What the JSON report says the faces were scored with. */
    JsonObject json() {
        return json.deepCopy();
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
