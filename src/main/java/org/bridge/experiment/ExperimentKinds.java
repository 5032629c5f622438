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
final class ExperimentKinds {

    private static final Pattern BI = Pattern.compile("(\\d{1,4})-BI");

    private ExperimentKinds() {
    }

    /** Step 1's settings of an adaptation experiment: M_a (cases 2 and 3) and S^_t (case 1, case 3's soft targets). */
    record AdaptationSettings(AdaptationParams module, TeacherSoftmax.Params softmax) {
    }

    /** The experiment's teachers; V, C, E when not given. */
    static List<TeacherId> teachers(ExperimentSpec spec) {
        if (spec.teachers == null) {
            return List.of(TeacherId.V, TeacherId.C, TeacherId.E);
        }
        List<TeacherId> out = new ArrayList<>();
        for (String t : spec.teachers) {
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
    static List<Integer> inputs(ExperimentSpec spec) {
        List<String> given = spec.inputs == null ? List.of("HR", "32-BI", "16-BI") : spec.inputs;
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

    static String inputLabel(Integer resolution) {
        return resolution == null ? "HR" : resolution + "-BI";
    }

    /** Teacher alignments; detector when not given. */
    static List<TeacherInputs.Alignment> alignments(ExperimentSpec spec) {
        List<String> given = spec.alignments == null ? List.of("detector") : spec.alignments;
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
     * both with their fixed initialisation seeds) with the file's overrides. Unknown keys are refused.
     */
    static AdaptationSettings adaptation(JsonObject overrides) {
        return adaptation(JsonFields.of(overrides, "experiment settings", "adaptation"));
    }

    /** As {@link #adaptation(JsonObject)}, with errors naming the file, key and line. */
    static AdaptationSettings adaptation(JsonFields o) {
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

    /** Checks a non-student experiment; every message starts with {@code source}. */
    static void validate(ExperimentSpec spec, String source) {
        String kind = spec.kind;
        if (!spec.students.isEmpty() || spec.grid != null) {
            throw new UserFacingException(source + ": kind '" + kind + "' trains no students: remove \"students\" and \"grid\"");
        }
        try {
            if (teachers(spec).isEmpty()) {
                throw new IllegalArgumentException("\"teachers\" is empty (give some of V, C, E, or leave it out for all three)");
            }
            if (ExperimentSpec.KIND_ADAPTATION.equals(kind)) {
                for (String field : List.of("inputs", "alignments")) {
                    if ("inputs".equals(field) ? spec.inputs != null : spec.alignments != null) {
                        throw new IllegalArgumentException("\"" + field + "\" belongs to kind '"
                                + ExperimentSpec.KIND_HALLUCINATION + "'; an adaptation experiment uses the teacher "
                                + "features the students train on (fixed crops, HR)");
                    }
                }
                if (spec.splits == null || spec.splits.isEmpty()) {
                    throw new IllegalArgumentException("\"splits\" is empty (A and/or B)");
                }
                if (spec.seeds == null || spec.seeds.isEmpty()) {
                    throw new IllegalArgumentException("\"seeds\" is empty (each seed is one random choice of the "
                            + "held-out 20%)");
                }
                if (spec.training.minImagesPerPerson < 2) {
                    throw new IllegalArgumentException("training.minImagesPerPerson must be >= 2: Fig. 3 holds out "
                            + "images of people who keep at least one for training");
                }
                adaptation(JsonFields.of(spec.adaptation, source, "adaptation"));
            } else {
                if (spec.adaptation != null && spec.adaptation.size() > 0) {
                    throw new IllegalArgumentException("\"adaptation\" does not apply to kind '" + kind
                            + "' (the teachers are evaluated as they are)");
                }
                if (inputs(spec).isEmpty()) {
                    throw new IllegalArgumentException("\"inputs\" is empty (HR and/or p-BI, e.g. 16-BI)");
                }
                if (alignments(spec).isEmpty()) {
                    throw new IllegalArgumentException("\"alignments\" is empty (detector and/or fixed)");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(source + ": " + e.getMessage(), e);
        }
    }
}
