package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

import org.bridge.config.JsonFields;
import org.bridge.config.UserFacingException;
import org.bridge.distill.AdaptationParams;
import org.bridge.distill.TeacherSoftmax;
import org.bridge.teacher.TeacherId;

/**
 * The fields of the experiment kinds that train no student ({@code adaptation},
 * {@code teacher-hallucination}): parsing with defaults, and validation whose messages name the
 * experiment file.
 */
public final class ExperimentKinds {

    private static final Pattern BI = Pattern.compile("(\\d{1,4})-BI");

    private ExperimentKinds() {
    }

    /** Step 1's settings of an adaptation experiment: M_a (cases 2 and 3) and S^_t (case 1, case 3's soft targets). */
    public record AdaptationSettings(AdaptationParams module, TeacherSoftmax.Params softmax) {
    }

    /** The experiment's teachers; V, C, E when not given. */
    public static List<TeacherId> teachers(List<String> given) {
        if (given == null) {
            return List.of(TeacherId.V, TeacherId.C, TeacherId.E);
        }
        List<TeacherId> out = new ArrayList<>();
        for (String t : given) {
            TeacherId id;
            try {
                id = TeacherId.valueOf(t.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("teacher must be V, C or E, not '" + t + "'");
            }
            if (id.isNone()) {
                throw new IllegalArgumentException("teacher O has no features: the teachers are V, C and E");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The low resolutions p of the teacher inputs (null = HR), in the file's order; HR, 32-BI, 16-BI when not given. */
    public static List<Integer> inputs(List<String> inputs) {
        List<String> given = inputs == null ? List.of("HR", "32-BI", "16-BI") : inputs;
        List<Integer> out = new ArrayList<>();
        for (String s : given) {
            Integer p = parseInput(s);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** "HR" is null, "16-BI" is 16. */
    static Integer parseInput(String s) {
        String t = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
        if (t.equals("HR")) {
            return null;
        }
        Matcher m = BI.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("input must be HR or p-BI (e.g. 16-BI, bilinear up-sampling from p x p), not '"
                    + s + "'");
        }
        int p = Integer.parseInt(m.group(1));
        if (p < 1 || p > 1024) {
            throw new IllegalArgumentException("the p of p-BI must be between 1 and 1024, not " + p);
        }
        return p;
    }

    public static String inputLabel(Integer resolution) {
        return resolution == null ? "HR" : resolution + "-BI";
    }

    /** Teacher alignments; detector when not given. */
    public static List<TeacherInputs.Alignment> alignments(List<String> alignments) {
        List<String> given = alignments == null ? List.of("detector") : alignments;
        List<TeacherInputs.Alignment> out = new ArrayList<>();
        for (String s : given) {
            TeacherInputs.Alignment a = TeacherInputs.Alignment.parse(s == null ? "" : s.trim());
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The adaptation defaults ({@link AdaptationParams#defaults()}, {@link TeacherSoftmax.Params#defaults()},
     * both with their fixed initialisation seeds) with the file's overrides. Unknown keys are
     * refused; errors name the file, key and line.
     */
    public static AdaptationSettings adaptation(JsonFields o) {
        AdaptationParams p = moduleOverrides(o, AdaptationParams.defaults());
        p = p.withSeed(o.longInteger("seed", p.seed()));
        TeacherSoftmax.Params d = TeacherSoftmax.Params.defaults();
        int softmaxEpochs = o.integer("softmaxEpochs", d.epochs());
        o.require("softmaxEpochs", softmaxEpochs >= 1, "must be >= 1, not " + softmaxEpochs);
        double softmaxWeightDecay = o.number("softmaxWeightDecay", d.weightDecay());
        o.require("softmaxWeightDecay", softmaxWeightDecay >= 0, "must be >= 0, not " + softmaxWeightDecay);
        TeacherSoftmax.Params s = d.withEpochs(softmaxEpochs).withWeightDecay(softmaxWeightDecay)
                .withSeed(o.longInteger("softmaxSeed", d.seed()));
        o.rejectUnknownKeys();
        o.require("lambda", p.usesDistillation(), "must be > 0: it is case (3)'s weight of D; "
                + "case (2), direct compression (lambda 0), is always run as well");
        return new AdaptationSettings(p, s);
    }

    /**
     * {@code defaults} with the module keys of an "adaptation" section (lambda, temperature, epochs,
     * learningRate, weightDecay), each checked for its type and range.
     */
    static AdaptationParams moduleOverrides(JsonFields o, AdaptationParams defaults) {
        double lambda = o.number("lambda", defaults.lambda());
        o.require("lambda", lambda >= 0, "must be >= 0, not " + lambda);
        double temperature = o.number("temperature", defaults.temperature());
        o.require("temperature", temperature > 0, "must be > 0, not " + temperature);
        int epochs = o.integer("epochs", defaults.epochs());
        o.require("epochs", epochs >= 1, "must be >= 1, not " + epochs);
        double learningRate = o.number("learningRate", defaults.learningRate());
        o.require("learningRate", learningRate > 0 && learningRate <= ExperimentJson.MAX_LEARNING_RATE,
                "must be > 0 and <= " + ExperimentJson.MAX_LEARNING_RATE + ", not " + learningRate);
        double weightDecay = o.number("weightDecay", defaults.weightDecay());
        o.require("weightDecay", weightDecay >= 0 && weightDecay < 1, "must be >= 0 and < 1, not " + weightDecay);
        return defaults.withLambda(lambda).withTemperature(temperature).withEpochs(epochs)
                .withLearningRate(learningRate).withWeightDecay(weightDecay);
    }

    /** The "adaptation" section that {@link #adaptation(JsonFields)} reads back as {@code settings}. */
    static JsonObject toJson(AdaptationSettings settings) {
        JsonObject o = ExperimentJson.studentAdaptation(settings.module());
        o.addProperty("seed", settings.module().seed());
        o.addProperty("softmaxEpochs", settings.softmax().epochs());
        o.addProperty("softmaxWeightDecay", settings.softmax().weightDecay());
        o.addProperty("softmaxSeed", settings.softmax().seed());
        return o;
    }

    /** Checks an adaptation experiment; every message starts with {@code source}. */
    static void validate(ExperimentSpec.Adaptation spec, String source) {
        try {
            requireTeachers(spec.teachers());
            if (spec.splits().isEmpty()) {
                throw new IllegalArgumentException("\"splits\" is empty (A and/or B)");
            }
            if (spec.seeds().isEmpty()) {
                throw new IllegalArgumentException("\"seeds\" is empty (each seed is one random choice of the "
                        + "held-out 20%)");
            }
            if (spec.training().minImagesPerPerson() < 2) {
                throw new IllegalArgumentException("training.minImagesPerPerson must be >= 2: Fig. 3 holds out "
                        + "images of people who keep at least one for training");
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(source + ": " + e.getMessage(), e);
        }
    }

    /** Checks a teacher-hallucination experiment; every message starts with {@code source}. */
    static void validate(ExperimentSpec.TeacherHallucination spec, String source) {
        try {
            requireTeachers(spec.teachers());
            if (inputs(spec.inputs()).isEmpty()) {
                throw new IllegalArgumentException("\"inputs\" is empty (HR and/or p-BI, e.g. 16-BI)");
            }
            if (alignments(spec.alignments()).isEmpty()) {
                throw new IllegalArgumentException("\"alignments\" is empty (detector and/or fixed)");
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(source + ": " + e.getMessage(), e);
        }
    }

    private static void requireTeachers(List<String> given) {
        if (teachers(given).isEmpty()) {
            throw new IllegalArgumentException("\"teachers\" is empty (give some of V, C, E, or leave it out for all three)");
        }
    }
}
