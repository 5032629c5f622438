package org.bridge.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.JsonFields;
import org.bridge.config.UserFacingException;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.AdaptationParams;
import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * The JSON edge of {@link ExperimentSpec}: every field of an experiment file read with its exact
 * type and range into the typed records ({@code training}, {@code dataset}, {@code grid},
 * {@code evaluation}, {@code degradation}, {@code adaptation}), checked in full before any work
 * starts, and the records written back. Errors name file, JSON path and line; keys the reader
 * does not ask for are refused. Cross-field rules (which students the method defines) stay in
 * {@link ExperimentSpec#validate}.
 */
public final class ExperimentJson {

    /** Largest sensible learning rate: beyond it every optimiser here diverges at once. */
    static final double MAX_LEARNING_RATE = 1.0;

    /** Writes NaN and infinities too, so a spec built in code meets the readers' checks. */
    private static final Gson WRITER = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private ExperimentJson() {
    }

    /** The spec of one experiment file's root object. */
    static ExperimentSpec read(JsonFields o) {
        String name = o.string("name", null);
        String kind = o.string("kind", ExperimentSpec.KIND_STUDENTS);
        o.require("kind", ExperimentSpec.KINDS.contains(kind), "must be one of " + ExperimentSpec.KINDS
                + ", not '" + kind + "'");
        String description = o.string("description", "");
        List<String> teachers = o.strings("teachers", null);
        List<String> inputs = o.strings("inputs", null);
        List<String> alignments = o.strings("alignments", null);
        ExperimentSpec.DatasetSpec dataset = o.object("dataset").map(ExperimentJson::dataset)
                .orElse(ExperimentSpec.DatasetSpec.SAMPLE);
        boolean students = ExperimentSpec.KIND_STUDENTS.equals(kind);
        List<String> splits = nonEmpty(o, "splits", o.strings("splits", List.of("A", "B")), students);
        for (String s : splits) {
            o.require("splits", s.equals("A") || s.equals("B"), "must be A and/or B, not '" + s + "'");
        }
        List<Long> seeds = nonEmpty(o, "seeds", o.longIntegers("seeds", List.of(1L)), students);
        List<String> named = o.strings("students", List.of());
        for (String s : named) {
            studentProblem(s).ifPresent(p -> {
                throw o.error("students", "must name students S-p-x-t the method defines: " + p);
            });
        }
        ExperimentSpec.Grid grid = o.object("grid").map(ExperimentJson::grid).orElse(null);
        List<String> losses = nonEmpty(o, "losses", o.strings("losses", List.of("softmax")), students);
        for (String loss : losses) {
            o.require("losses", ClassificationLoss.isKnown(loss), "has an unknown classification loss '" + loss
                    + "' (known: " + ClassificationLoss.names() + ")");
        }
        TrainingSettings training = o.object("training").map(ExperimentJson::training).orElse(TrainingSettings.DEFAULTS);
        if ("handwritten".equals(training.engine())) {
            for (String loss : losses) {
                o.require("losses", "softmax".equals(loss), "has '" + loss + "', which training engine \"handwritten\" "
                        + "cannot train (softmax only); use \"dl4j\"");
            }
        }
        DegradationParams degradation = o.object("degradation").map(DegradationParams::fromJson)
                .orElseGet(DegradationParams::defaults);
        Optional<JsonFields> adaptation = o.object("adaptation");
        AdaptationParams studentAdaptation = students ? adaptation.map(ExperimentJson::studentAdaptation)
                .orElseGet(AdaptationParams::defaults) : null;
        ExperimentKinds.AdaptationSettings fig3 = ExperimentSpec.KIND_ADAPTATION.equals(kind)
                ? ExperimentKinds.adaptation(adaptation.orElseGet(() -> JsonFields.of(null, o.source(), "adaptation")))
                : null;
        SettingsChosenOn chosenOn = SettingsChosenOn.parse(o.raw(SettingsChosenOn.KEY).orElse(null), o.source());
        ExperimentSpec.Evaluation evaluation = o.object("evaluation").map(ExperimentJson::evaluation)
                .orElse(ExperimentSpec.Evaluation.DEFAULT);
        o.rejectUnknownKeys();
        KindFields.check(kind, o.source(), teachers, inputs, alignments, named, grid,
                adaptation.map(a -> a.json().size() > 0).orElse(false));
        return switch (kind) {
            case ExperimentSpec.KIND_ADAPTATION -> new ExperimentSpec.Adaptation(name, description, dataset, teachers,
                    splits, seeds, training, fig3, chosenOn);
            case ExperimentSpec.KIND_HALLUCINATION -> new ExperimentSpec.TeacherHallucination(name, description,
                    dataset, teachers, inputs, alignments, chosenOn);
            default -> new ExperimentSpec.Students(name, description, dataset, splits, seeds, named, grid, losses,
                    training, degradation, studentAdaptation, evaluation, chosenOn);
        };
    }

    /** Which fields each kind allows; every message starts with the file. */
    private static final class KindFields {
        static void check(String kind, String source, List<String> teachers, List<String> inputs,
                          List<String> alignments, List<String> students, ExperimentSpec.Grid grid,
                          boolean adaptationGiven) {
            if (ExperimentSpec.KIND_STUDENTS.equals(kind)) {
                for (String field : List.of("teachers", "inputs", "alignments")) {
                    Object given = switch (field) {
                        case "teachers" -> teachers;
                        case "inputs" -> inputs;
                        default -> alignments;
                    };
                    if (given != null) {
                        throw new UserFacingException(source + ": \"" + field + "\" belongs to the adaptation and "
                                + "teacher-hallucination kinds; a students experiment names its students in \"students\""
                                + " or \"grid\"");
                    }
                }
                return;
            }
            if (!students.isEmpty() || grid != null) {
                throw new UserFacingException(source + ": kind '" + kind + "' trains no students: remove \"students\""
                        + " and \"grid\"");
            }
            if (ExperimentSpec.KIND_ADAPTATION.equals(kind)) {
                for (String field : List.of("inputs", "alignments")) {
                    if ("inputs".equals(field) ? inputs != null : alignments != null) {
                        throw new UserFacingException(source + ": \"" + field + "\" belongs to kind '"
                                + ExperimentSpec.KIND_HALLUCINATION + "'; an adaptation experiment uses the teacher "
                                + "features the students train on (fixed crops, HR)");
                    }
                }
            } else if (adaptationGiven) {
                throw new UserFacingException(source + ": \"adaptation\" does not apply to kind '" + kind
                        + "' (the teachers are evaluated as they are)");
            }
        }
    }

    /**
     * Puts a spec built in code (the workbench's set-up, a queued run's config.json) through the
     * same field checks as a file; errors start with {@code source}.
     */
    static void check(ExperimentSpec spec, String source) {
        read(JsonFields.of(toJsonTree(spec), source, ""));
    }

    /** The experiment file text of a spec. */
    static String toJson(ExperimentSpec spec) {
        return WRITER.toJson(toJsonTree(spec));
    }

    /** The experiment file of a spec as a JSON tree: every setting resolved, none left to a default. */
    static JsonObject toJsonTree(ExperimentSpec spec) {
        JsonObject o = new JsonObject();
        o.addProperty("name", spec.name());
        o.addProperty("kind", spec.kind());
        o.addProperty("description", spec.description());
        if (spec instanceof ExperimentSpec.Students s) {
            o.add("dataset", tree(s.dataset()));
            o.add("splits", tree(s.splits()));
            o.add("seeds", tree(s.seeds()));
            o.add("students", tree(s.students()));
            if (s.grid() != null) {
                o.add("grid", tree(s.grid()));
            }
            o.add("losses", tree(s.losses()));
            o.add("training", tree(s.training()));
            o.add("degradation", degradation(s.degradation()));
            o.add("adaptation", studentAdaptation(s.adaptation()));
            o.add("evaluation", tree(s.evaluation()));
        } else if (spec instanceof ExperimentSpec.Adaptation a) {
            addIfGiven(o, "teachers", a.teachers());
            o.add("dataset", tree(a.dataset()));
            o.add("splits", tree(a.splits()));
            o.add("seeds", tree(a.seeds()));
            o.add("training", tree(a.training()));
            o.add("adaptation", ExperimentKinds.toJson(a.adaptation()));
        } else if (spec instanceof ExperimentSpec.TeacherHallucination h) {
            addIfGiven(o, "teachers", h.teachers());
            addIfGiven(o, "inputs", h.inputs());
            addIfGiven(o, "alignments", h.alignments());
            o.add("dataset", tree(h.dataset()));
        }
        JsonElement chosenOn = spec.settingsChosenOn().toJson();
        if (chosenOn != null) {
            o.add(SettingsChosenOn.KEY, chosenOn);
        }
        return o;
    }

    private static void addIfGiven(JsonObject o, String key, List<String> values) {
        if (values != null) {
            o.add(key, tree(values));
        }
    }

    /** A record or list as JSON (null components left out). */
    public static JsonElement tree(Object value) {
        return WRITER.toJsonTree(value);
    }

    /** All of D(I)'s parameters, as {@link DegradationParams#fromJson(JsonFields)} reads them. */
    static JsonElement degradation(DegradationParams d) {
        return JsonParser.parseString(d.toJson());
    }

    /** The keys of step 1 a students experiment sets (its seed is each cell's). */
    static JsonObject studentAdaptation(AdaptationParams a) {
        JsonObject o = new JsonObject();
        o.addProperty("lambda", a.lambda());
        o.addProperty("temperature", a.temperature());
        o.addProperty("epochs", a.epochs());
        o.addProperty("learningRate", a.learningRate());
        o.addProperty("weightDecay", a.weightDecay());
        return o;
    }

    static ExperimentSpec.DatasetSpec dataset(JsonFields o) {
        String kind = o.string("kind", "sample");
        o.require("kind", List.of("sample", "lfw", "folder").contains(kind),
                "must be sample, lfw or folder, not '" + kind + "'");
        String path = o.string("path", null);
        o.rejectUnknownKeys();
        return new ExperimentSpec.DatasetSpec(kind, path);
    }

    private static ExperimentSpec.Grid grid(JsonFields o) {
        ExperimentSpec.Grid d = ExperimentSpec.Grid.DEFAULT;
        List<Integer> resolutions = o.integers("resolutions", d.resolutions());
        for (int p : resolutions) {
            o.require("resolutions", p >= StudentSpec.MIN_RESOLUTION && p <= StudentSpec.MAX_RESOLUTION,
                    "must be student resolutions between " + StudentSpec.MIN_RESOLUTION + " and "
                            + StudentSpec.MAX_RESOLUTION + " pixels, not " + p);
        }
        List<String> supervisions = o.strings("supervisions", d.supervisions());
        for (String x : supervisions) {
            o.require("supervisions", isConstant(Supervision.class, x), "must be some of "
                    + List.of(Supervision.values()) + ", not '" + x + "'");
        }
        List<String> targets = o.strings("regressionTargets", d.regressionTargets());
        for (String target : targets) {
            o.require("regressionTargets", ExperimentSpec.TARGET_ADAPTED.equals(target)
                    || ExperimentSpec.TARGET_TEACHER_PCA.equals(target), "must be some of \"" + ExperimentSpec.TARGET_ADAPTED
                    + "\", \"" + ExperimentSpec.TARGET_TEACHER_PCA + "\", not '" + target + "'");
        }
        List<String> teachers = o.strings("teachers", d.teachers());
        for (String t : teachers) {
            o.require("teachers", isConstant(TeacherId.class, t), "must be some of "
                    + List.of(TeacherId.values()) + ", not '" + t + "'");
        }
        o.rejectUnknownKeys();
        return new ExperimentSpec.Grid(resolutions, supervisions, teachers, targets);
    }

    static TrainingSettings training(JsonFields o) {
        TrainingSettings d = TrainingSettings.DEFAULTS;
        int pretrainEpochs = o.integer("pretrainEpochs", d.pretrainEpochs());
        o.require("pretrainEpochs", pretrainEpochs >= 0, "must be >= 0, not " + pretrainEpochs);
        int finetuneEpochs = o.integer("finetuneEpochs", d.finetuneEpochs());
        o.require("finetuneEpochs", finetuneEpochs >= 1, "must be >= 1, not " + finetuneEpochs);
        int batchSize = o.integer("batchSize", d.batchSize());
        o.require("batchSize", batchSize >= 1, "must be >= 1, not " + batchSize);
        String optimizer = o.string("optimizer", d.optimizer());
        o.require("optimizer", List.of("sgd", "adam").contains(optimizer.toLowerCase(Locale.ROOT)),
                "must be \"sgd\" or \"adam\", not '" + optimizer + "'");
        double learningRate = o.number("learningRate", d.learningRate());
        o.require("learningRate", learningRate > 0 && learningRate <= MAX_LEARNING_RATE,
                "must be > 0 and <= " + MAX_LEARNING_RATE + ", not " + learningRate);
        double weightDecay = o.number("weightDecay", d.weightDecay());
        o.require("weightDecay", weightDecay >= 0 && weightDecay < 1, "must be >= 0 and < 1, not " + weightDecay);
        double regressionWeight = o.number("regressionWeight", d.regressionWeight());
        o.require("regressionWeight", regressionWeight >= 0, "must be >= 0, not " + regressionWeight);
        int minImagesPerPerson = o.integer("minImagesPerPerson", d.minImagesPerPerson());
        o.require("minImagesPerPerson", minImagesPerPerson >= 1, "must be >= 1, not " + minImagesPerPerson);
        int maxPeople = o.integer("maxPeople", d.maxPeople());
        o.require("maxPeople", maxPeople >= 0, "must be >= 0 (0 = all), not " + maxPeople);
        boolean regressAllPublicImages = o.bool("regressAllPublicImages", d.regressAllPublicImages());
        double ensembleWeightC = o.number("ensembleWeightC", d.ensembleWeightC());
        o.require("ensembleWeightC", ensembleWeightC >= 0, "must be >= 0, not " + ensembleWeightC);
        boolean horizontalFlip = o.bool("horizontalFlip", d.horizontalFlip());
        double targetNorm = o.number("targetNorm", d.targetNorm());
        o.require("targetNorm", targetNorm >= 0, "must be >= 0 (0 = raw targets), not " + targetNorm);
        boolean validationFold = o.bool("validationFold", d.validationFold());
        boolean batchNormRelu = o.bool("batchNormRelu", d.batchNormRelu());
        o.require("regressionTarget", !o.has("regressionTarget"), ExperimentSpec.fileLevelTargetRefusal());
        boolean unitSphereRegression = o.bool("unitSphereRegression", d.unitSphereRegression());
        String engine = o.string("engine", d.engine());
        o.require("engine", TrainingSettings.ENGINES.contains(engine),
                "must be one of " + TrainingSettings.ENGINES + ", not '" + engine + "'");
        o.rejectUnknownKeys();
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    static ExperimentSpec.Evaluation evaluation(JsonFields o) {
        ExperimentSpec.Evaluation d = ExperimentSpec.Evaluation.DEFAULT;
        boolean verification = o.bool("verification", d.verification());
        boolean identification = o.bool("identification", d.identification());
        o.rejectUnknownKeys();
        return new ExperimentSpec.Evaluation(verification, identification);
    }

    /**
     * Step 1's module settings of a students experiment: the defaults with the section's lambda,
     * temperature, epochs, learningRate and weightDecay, each of its exact type and range.
     */
    static AdaptationParams studentAdaptation(JsonFields o) {
        AdaptationParams p = ExperimentKinds.moduleOverrides(o, AdaptationParams.defaults());
        o.rejectUnknownKeys();
        return p;
    }

    /** A students experiment with no split, seed or loss would have no cells: nothing would run. */
    private static <T> List<T> nonEmpty(JsonFields o, String key, List<T> values, boolean required) {
        o.require(key, !required || !values.isEmpty(), "must not be empty (the experiment would have no cells)");
        return values;
    }

    private static Optional<String> studentProblem(String name) {
        try {
            return StudentSpec.parse(name).problem().map(p -> name + " is not defined by the method: " + p);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
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
