package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.bridge.config.JsonFields;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * The JSON edge of {@link ExperimentSpec}: every field of an experiment file read with its exact
 * type and range, each section ({@code training}, {@code dataset}, {@code grid},
 * {@code evaluation}, and {@code degradation} and {@code adaptation} parsed into their typed
 * records) checked in full before any work starts. Errors name file, JSON path and line; keys
 * the reader does not ask for are refused. Cross-field rules (which fields a kind allows, which
 * students the method defines) stay in {@link ExperimentSpec#validate}.
 */
final class ExperimentJson {

    /** Largest sensible learning rate: beyond it every optimiser here diverges at once. */
    static final double MAX_LEARNING_RATE = 1.0;

    /** Serialises a spec built in code so its values go through the same checks (NaN included). */
    private static final Gson SPECIAL_VALUES = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private ExperimentJson() {
    }

    /** The spec of one experiment file's root object. */
    static ExperimentSpec read(JsonFields o) {
        ExperimentSpec spec = new ExperimentSpec();
        spec.name = o.string("name", null);
        spec.kind = o.string("kind", ExperimentSpec.KIND_STUDENTS);
        o.require("kind", ExperimentSpec.KINDS.contains(spec.kind), "must be one of " + ExperimentSpec.KINDS
                + ", not '" + spec.kind + "'");
        spec.description = o.string("description", spec.description);
        spec.teachers = o.strings("teachers", null);
        spec.inputs = o.strings("inputs", null);
        spec.alignments = o.strings("alignments", null);
        spec.dataset = o.object("dataset").map(ExperimentJson::dataset).orElseGet(ExperimentSpec.DatasetSpec::new);
        boolean students = ExperimentSpec.KIND_STUDENTS.equals(spec.kind);
        spec.splits = nonEmpty(o, "splits", o.strings("splits", spec.splits), students);
        for (String s : spec.splits) {
            o.require("splits", s.equals("A") || s.equals("B"), "must be A and/or B, not '" + s + "'");
        }
        spec.seeds = nonEmpty(o, "seeds", o.longIntegers("seeds", spec.seeds), students);
        spec.students = new ArrayList<>(o.strings("students", spec.students));
        for (String s : spec.students) {
            studentProblem(s).ifPresent(p -> {
                throw o.error("students", "must name students S-p-x-t the method defines: " + p);
            });
        }
        spec.grid = o.object("grid").map(ExperimentJson::grid).orElse(null);
        spec.losses = nonEmpty(o, "losses", o.strings("losses", spec.losses), students);
        for (String loss : spec.losses) {
            o.require("losses", ClassificationLoss.isKnown(loss), "has an unknown classification loss '" + loss
                    + "' (known: " + ClassificationLoss.names() + ")");
        }
        spec.training = o.object("training").map(ExperimentJson::training).orElseGet(ExperimentSpec.Training::new);
        if (ExperimentSpec.ENGINE_HANDWRITTEN.equals(spec.training.engine)) {
            for (String loss : spec.losses) {
                o.require("losses", "softmax".equals(loss), "has '" + loss + "', which training engine \""
                        + ExperimentSpec.ENGINE_HANDWRITTEN + "\" cannot train (softmax only); use \""
                        + ExperimentSpec.ENGINE_DL4J + "\"");
            }
        }
        spec.degradation = o.object("degradation").map(d -> {
            DegradationParams.fromJson(d);
            return d.json();
        }).orElseGet(JsonObject::new);
        spec.adaptation = o.object("adaptation").map(a -> {
            adaptation(spec.kind, a);
            return a.json();
        }).orElseGet(JsonObject::new);
        spec.settingsChosenOn = o.raw(SettingsChosenOn.KEY).orElse(null);
        SettingsChosenOn.parse(spec.settingsChosenOn, o.source());
        spec.evaluation = o.object("evaluation").map(ExperimentJson::evaluation)
                .orElseGet(ExperimentSpec.Evaluation::new);
        o.rejectUnknownKeys();
        return spec;
    }

    /**
     * Puts a spec built in code (the workbench's set-up, a queued run's config.json) through the
     * same field checks as a file; errors start with {@code source}.
     */
    static void check(ExperimentSpec spec, String source) {
        read(JsonFields.of(SPECIAL_VALUES.toJsonTree(spec).getAsJsonObject(), source, ""));
    }

    private static ExperimentSpec.DatasetSpec dataset(JsonFields o) {
        ExperimentSpec.DatasetSpec d = new ExperimentSpec.DatasetSpec();
        d.kind = o.string("kind", d.kind);
        o.require("kind", List.of("sample", "lfw", "folder").contains(d.kind),
                "must be sample, lfw or folder, not '" + d.kind + "'");
        d.path = o.string("path", null);
        o.rejectUnknownKeys();
        return d;
    }

    private static ExperimentSpec.Grid grid(JsonFields o) {
        ExperimentSpec.Grid g = new ExperimentSpec.Grid();
        g.resolutions = o.integers("resolutions", g.resolutions);
        for (int p : g.resolutions) {
            o.require("resolutions", p >= StudentSpec.MIN_RESOLUTION && p <= StudentSpec.MAX_RESOLUTION,
                    "must be student resolutions between " + StudentSpec.MIN_RESOLUTION + " and "
                            + StudentSpec.MAX_RESOLUTION + " pixels, not " + p);
        }
        g.supervisions = o.strings("supervisions", g.supervisions);
        for (String x : g.supervisions) {
            o.require("supervisions", isConstant(Supervision.class, x), "must be some of "
                    + List.of(Supervision.values()) + ", not '" + x + "'");
        }
        g.regressionTargets = o.strings("regressionTargets", g.regressionTargets);
        for (String target : g.regressionTargets) {
            o.require("regressionTargets", ExperimentSpec.TARGET_ADAPTED.equals(target)
                    || ExperimentSpec.TARGET_TEACHER_PCA.equals(target), "must be some of \"" + ExperimentSpec.TARGET_ADAPTED
                    + "\", \"" + ExperimentSpec.TARGET_TEACHER_PCA + "\", not '" + target + "'");
        }
        g.teachers = o.strings("teachers", g.teachers);
        for (String t : g.teachers) {
            o.require("teachers", isConstant(TeacherId.class, t), "must be some of "
                    + List.of(TeacherId.values()) + ", not '" + t + "'");
        }
        o.rejectUnknownKeys();
        return g;
    }

    private static ExperimentSpec.Training training(JsonFields o) {
        ExperimentSpec.Training t = new ExperimentSpec.Training();
        t.pretrainEpochs = o.integer("pretrainEpochs", t.pretrainEpochs);
        o.require("pretrainEpochs", t.pretrainEpochs >= 0, "must be >= 0, not " + t.pretrainEpochs);
        t.finetuneEpochs = o.integer("finetuneEpochs", t.finetuneEpochs);
        o.require("finetuneEpochs", t.finetuneEpochs >= 1, "must be >= 1, not " + t.finetuneEpochs);
        t.batchSize = o.integer("batchSize", t.batchSize);
        o.require("batchSize", t.batchSize >= 1, "must be >= 1, not " + t.batchSize);
        t.optimizer = o.string("optimizer", t.optimizer);
        o.require("optimizer", List.of("sgd", "adam").contains(t.optimizer.toLowerCase(Locale.ROOT)),
                "must be \"sgd\" or \"adam\", not '" + t.optimizer + "'");
        t.learningRate = o.number("learningRate", t.learningRate);
        o.require("learningRate", t.learningRate > 0 && t.learningRate <= MAX_LEARNING_RATE,
                "must be > 0 and <= " + MAX_LEARNING_RATE + ", not " + t.learningRate);
        t.weightDecay = o.number("weightDecay", t.weightDecay);
        o.require("weightDecay", t.weightDecay >= 0 && t.weightDecay < 1, "must be >= 0 and < 1, not " + t.weightDecay);
        t.regressionWeight = o.number("regressionWeight", t.regressionWeight);
        o.require("regressionWeight", t.regressionWeight >= 0, "must be >= 0, not " + t.regressionWeight);
        t.minImagesPerPerson = o.integer("minImagesPerPerson", t.minImagesPerPerson);
        o.require("minImagesPerPerson", t.minImagesPerPerson >= 1, "must be >= 1, not " + t.minImagesPerPerson);
        t.maxPeople = o.integer("maxPeople", t.maxPeople);
        o.require("maxPeople", t.maxPeople >= 0, "must be >= 0 (0 = all), not " + t.maxPeople);
        t.regressAllPublicImages = o.bool("regressAllPublicImages", t.regressAllPublicImages);
        t.ensembleWeightC = o.number("ensembleWeightC", t.ensembleWeightC);
        o.require("ensembleWeightC", t.ensembleWeightC >= 0, "must be >= 0, not " + t.ensembleWeightC);
        t.horizontalFlip = o.bool("horizontalFlip", t.horizontalFlip);
        t.targetNorm = o.number("targetNorm", t.targetNorm);
        o.require("targetNorm", t.targetNorm >= 0, "must be >= 0 (0 = raw targets), not " + t.targetNorm);
        t.validationFold = o.bool("validationFold", t.validationFold);
        t.batchNormRelu = o.bool("batchNormRelu", t.batchNormRelu);
        o.require("regressionTarget", !o.has("regressionTarget"), ExperimentSpec.fileLevelTargetRefusal());
        t.unitSphereRegression = o.bool("unitSphereRegression", t.unitSphereRegression);
        t.engine = o.string("engine", t.engine);
        o.require("engine", ExperimentSpec.ENGINES.contains(t.engine),
                "must be one of " + ExperimentSpec.ENGINES + ", not '" + t.engine + "'");
        o.rejectUnknownKeys();
        return t;
    }

    private static ExperimentSpec.Evaluation evaluation(JsonFields o) {
        ExperimentSpec.Evaluation e = new ExperimentSpec.Evaluation();
        e.verification = o.bool("verification", e.verification);
        e.identification = o.bool("identification", e.identification);
        o.rejectUnknownKeys();
        return e;
    }

    /** Parses "adaptation" into the settings the kind uses, so a bad value stops the file now. */
    private static void adaptation(String kind, JsonFields a) {
        if (ExperimentSpec.KIND_STUDENTS.equals(kind)) {
            AdaptedRegressionTargets.params(a, 0);
        } else if (ExperimentSpec.KIND_ADAPTATION.equals(kind)) {
            ExperimentKinds.adaptation(a);
        }
        // teacher-hallucination: ExperimentKinds.validate refuses a non-empty "adaptation".
    }

    /** A students experiment with no split, seed or loss would have no cells: nothing would run. */
    private static <T> List<T> nonEmpty(JsonFields o, String key, List<T> values, boolean required) {
        o.require(key, !required || !values.isEmpty(), "must not be empty (the experiment would have no cells)");
        return values;
    }

    private static java.util.Optional<String> studentProblem(String name) {
        try {
            return StudentSpec.parse(name).problem().map(p -> name + " is not defined by the method: " + p);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private static <E extends Enum<E>> boolean isConstant(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
