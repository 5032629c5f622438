package org.bridge.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bridge.config.StrictJson;
import org.bridge.config.UserFacingException;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * An experiment file ({@code experiments/*.json}): which students to train on which splits with
 * which seeds and hyper-parameters. Everything a run needs is here or has a documented
 * default, and the fully resolved values are written into each run's {@code config.json}.
 *
 * <pre>{
 *   "name": "quick", "description": "...",
 *   "dataset": {"kind": "sample" | "lfw" | "folder", "path": "optional"},
 *   "splits": ["A", "B"], "seeds": [1],
 *   "students": ["S-16-c-O", "S-16-sc-E"],                    // and/or
 *   "grid": {"resolutions": [16], "supervisions": ["c", "sc"], "teachers": ["O", "E"]},
 *   "losses": ["softmax"],
 *   "training": {...}, "degradation": {...}, "adaptation": {...}, "evaluation": {...}
 * }</pre>
 * Grid cells the method does not define (e.g. sc with teacher O) are skipped, not run.
 *
 * <p>{@code "kind"} says what the file runs: {@code "students"} (the default; the fields above),
 * {@code "adaptation"} (the Fig. 3 comparison of step 1 on a held-out 20% of the public images,
 * {@link AdaptationExperiment}: "teachers", "splits", "seeds" (the held-out split), "training"
 * (only minImagesPerPerson, maxPeople, validationFold: the students' public-set selection) and
 * "adaptation") or {@code "teacher-hallucination"} (Table III: the HR teachers on all pairs of
 * pairs.txt with HR or p-BI inputs, {@link TeacherHallucinationExperiment}: "teachers",
 * "inputs" such as {@code ["HR", "32-BI", "16-BI"]}, "alignments" {@code ["detector"]}).
 */
public final class ExperimentSpec {

    /** Where the faces come from. */
    public static final class DatasetSpec {
        /** sample (the bundled synthetic set), lfw (BRIDGE_LFW or path) or folder (path). */
        public String kind = "sample";
        public String path;
    }

    /** A grid of S-p-x-t cells: every combination, minus undefined ones. */
    public static final class Grid {
        public List<Integer> resolutions = List.of(16);
        public List<String> supervisions = List.of("sc");
        public List<String> teachers = List.of("E");
        /** What s and sc regress onto: {@value #TARGET_ADAPTED} and/or {@value #TARGET_TEACHER_PCA}. */
        public List<String> regressionTargets = List.of(TARGET_ADAPTED);
    }

    /** Student training (step 2). */
    public static final class Training {
        /** Epochs of classification-only pre-training on LR faces (the paper's first stage). */
        public int pretrainEpochs = 10;
        /** Epochs of fine-tuning with the full objective C^ + R. */
        public int finetuneEpochs = 20;
        public int batchSize = 256;
        /** "sgd" (momentum 0.9) or "adam". */
        public String optimizer = "adam";
        public double learningRate = 0.001;
        public double weightDecay = 5e-4;
        /** Weight of the mimic regression R relative to the cross-entropy. */
        public double regressionWeight = 1.0;
        /** Only people with at least this many images in the public half train the student. */
        public int minImagesPerPerson = 2;
        /** Cap on public people (0 = all), for quick runs. */
        public int maxPeople = 0;
        /**
         * Supervisions with a regression target (s, dc, sc) also regress the public images of people
         * with fewer than {@link #minImagesPerPerson} images: they have a teacher feature but are too
         * rare to be an identity class, so they enter without a label (masked out of the
         * cross-entropy; step 1 and the identity classes are unchanged). On LFW split A that is
         * 2,728 more images next to 4,194 labelled ones. c trains exactly as without it.
         */
        public boolean regressAllPublicImages = false;
        /**
         * Teacher E is the concatenation of V's and C's L2-normalised features; this scales C's
         * block (1 = equal weight, the default; 0 = V alone). The paper does not say how its
         * ensemble is weighted; chosen on the development fold (experiments/README.md).
         */
        public double ensembleWeightC = 1.0;
        public boolean horizontalFlip = true;
        /**
         * L2 norm the regression targets (f_a for s/sc, f_t for dc) are scaled to before training;
         * 0 keeps the raw vectors. Raw f_a norms are ~30 and raw V features differ in scale from C,
         * which made the summed squared error ~100x the cross-entropy; unit vectors keep the
         * direction, which is all the cosine verification uses.
         */
        public double targetNorm = 1.0;
        /**
         * Hold out the people of the split's last public fold of pairs.txt (A: fold 5, B: fold
         * 10) from training and report verification on that fold's 600 pairs as "validation" in
         * results.json. This is where hyper-parameters are chosen: never on the target folds.
         */
        public boolean validationFold = false;
        /**
         * ReLU after each batch norm of the student, as the paper's design has it. False builds the
         * students this project trained before finding that DL4J 1.0.0-M2.1's BatchNormalization
         * ignores its activation: linear batch-norm layers, nonlinear only in the max pools and the
         * two ReLUs after the skip additions (an ablation, and to compare with those runs).
         */
        public boolean batchNormRelu = true;
        /**
         * L2-normalise the student's vector before the regression's squared error (R = weight *
         * (2 - 2 cos) with unit targets), so the regression turns the mimic feature's direction and
         * leaves its norm to the classifier; see {@link org.bridge.distill.RegressionHead#onUnitSphere()}.
         * False is the paper's plain L2 on the mimic layer, which on LFW never learnt the regression
         * (experiments/README.md), hence the default.
         */
        public boolean unitSphereRegression = true;
        /**
         * How training iterations are computed: {@value #ENGINE_DL4J} (DL4J's fit, the default),
         * {@value #ENGINE_FAST} (DL4J's fit on a channels-last twin) or {@value #ENGINE_HANDWRITTEN}
         * (the hand-written step; softmax identity layer only). All train the same model
         * ({@link org.bridge.distill.TrainingPlan.Engine}).
         */
        public String engine = ENGINE_DL4J;
    }

    public static final String ENGINE_DL4J = "dl4j";
    public static final String ENGINE_FAST = "fast";
    public static final String ENGINE_HANDWRITTEN = "handwritten";
    public static final List<String> ENGINES = List.of(ENGINE_DL4J, ENGINE_FAST, ENGINE_HANDWRITTEN);

    /** The paper's f_a of step 1 as the regression target of s and sc ({@link MimicTarget#ADAPTED}). */
    public static final String TARGET_ADAPTED = "adapted";
    /** The teacher features' top 128 principal components ({@link MimicTarget#TEACHER_PCA}, name suffix +pca). */
    public static final String TARGET_TEACHER_PCA = "teacher-pca";

    /** What each run measures. */
    public static final class Evaluation {
        public boolean verification = true;
        public boolean identification = true;
    }

    /** What the experiment runs. */
    public static final String KIND_STUDENTS = "students";
    public static final String KIND_ADAPTATION = "adaptation";
    public static final String KIND_HALLUCINATION = "teacher-hallucination";
    public static final List<String> KINDS = List.of(KIND_STUDENTS, KIND_ADAPTATION, KIND_HALLUCINATION);

    public String name;
    /** students (default), adaptation (Fig. 3) or teacher-hallucination (Table III). */
    public String kind = KIND_STUDENTS;
    public String description = "";
    /** Teachers of the adaptation and teacher-hallucination kinds (default V, C, E). */
    public List<String> teachers;
    /** Teacher inputs of the teacher-hallucination kind: "HR" or "p-BI" (default HR, 32-BI, 16-BI). */
    public List<String> inputs;
    /** Teacher alignments of the teacher-hallucination kind: detector and/or fixed (default detector). */
    public List<String> alignments;
    public DatasetSpec dataset = new DatasetSpec();
    public List<String> splits = List.of("A", "B");
    public List<Long> seeds = List.of(1L);
    public List<String> students = new ArrayList<>();
    public Grid grid;
    public List<String> losses = List.of("softmax");
    public Training training = new Training();
    /** Overrides of {@link DegradationParams#defaults()} (any subset of its keys). */
    public JsonObject degradation = new JsonObject();
    /** Overrides of the adaptation module's parameters (step 1). */
    public JsonObject adaptation = new JsonObject();
    public Evaluation evaluation = new Evaluation();
    /**
     * Where the settings were chosen, per split the pairs.txt fold(s) of its development data, e.g.
     * {@code {"A": [5]}}, or {@code "none"} for the paper's defaults; see {@link SettingsChosenOn}.
     * Copied into every run's config.json and provenance.json; the report flags numbers whose
     * settings were chosen on one of their own target folds.
     */
    public JsonElement settingsChosenOn;

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * Reads an experiment file strictly (see {@link ExperimentJson}): every field of its exact type
     * and range, no duplicate or unknown key, no lenient JSON. Errors name file, JSON path and line.
     */
    public static ExperimentSpec read(Path file) {
        ExperimentSpec spec = ExperimentJson.read(StrictJson.readObject(file));
        if (spec.name == null || spec.name.isBlank()) {
            String f = file.getFileName().toString();
            spec.name = f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
        }
        spec.validate(file.toString());
        return spec;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * The regression target is part of the student's name, not a hidden file setting: an older
     * file's {@code training.regressionTarget} would otherwise rename nothing and change what
     * S-p-sc-t trains.
     */
    static String fileLevelTargetRefusal() {
        return "is no longer a file setting; name the target in the student (S-16-sc-E regresses onto the"
                + " adapted f_a, S-16-sc-E" + MimicTarget.TEACHER_PCA.suffix() + " onto the teacher's principal"
                + " components) or in grid.regressionTargets [\"" + TARGET_ADAPTED + "\", \"" + TARGET_TEACHER_PCA + "\"]";
    }

    public DegradationParams degradationParams() {
        return DegradationParams.fromJson(degradation == null ? "{}" : degradation.toString(),
                "experiment " + name + " (degradation)");
    }

    /** The students of this experiment: the explicit list, then the grid, without duplicates. */
    public List<StudentSpec> studentSpecs() {
        Set<StudentSpec> out = new LinkedHashSet<>();
        for (String s : students) {
            out.add(StudentSpec.parse(s));
        }
        if (grid != null) {
            for (int p : grid.resolutions) {
                for (String x : grid.supervisions) {
                    for (String t : grid.teachers) {
                        for (String target : grid.regressionTargets) {
                            StudentSpec s = new StudentSpec(p, Supervision.valueOf(x), TeacherId.valueOf(t))
                                    .withTarget(MimicTarget.parseChoice(target));
                            if (s.problem().isEmpty()) {
                                out.add(s);
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * This experiment restricted to some of its students (same name, settings and run folders), so
     * one cell of a grid can be run or re-run on its own. Names the file and the student when one is
     * not in it.
     */
    public ExperimentSpec onlyStudents(List<String> names, String source) {
        List<StudentSpec> mine = studentSpecs();
        List<String> keep = new ArrayList<>();
        for (String n : names) {
            StudentSpec wanted;
            try {
                wanted = StudentSpec.parse(n.trim());
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("--student " + n + ": " + e.getMessage(), e);
            }
            if (!mine.contains(wanted)) {
                throw new UserFacingException(source + " has no student " + n.trim() + " (it has "
                        + mine.stream().map(StudentSpec::name).toList() + ")");
            }
            keep.add(wanted.name());
        }
        ExperimentSpec copy = GSON.fromJson(toJson(), ExperimentSpec.class);
        copy.students = keep;
        copy.grid = null;
        return copy;
    }

    /**
     * This experiment restricted to some of its splits (same name, settings and run folders), so the
     * two halves of a cell can run one after the other or on two machines. Names the file and the
     * split when one is not in it.
     */
    public ExperimentSpec onlySplits(List<String> wanted, String source) {
        ExperimentSpec copy = GSON.fromJson(toJson(), ExperimentSpec.class);
        copy.splits = chosen(wanted, splits, w -> w.toUpperCase(Locale.ROOT), "split", source);
        return copy;
    }

    /**
     * This experiment restricted to some of its losses (same name, settings and run folders), so
     * one row of Table IV can run on its own or beside another. Names the file and the loss when one
     * is not in it.
     */
    public ExperimentSpec onlyLosses(List<String> wanted, String source) {
        List<String> mine = losses.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        ExperimentSpec copy = GSON.fromJson(toJson(), ExperimentSpec.class);
        copy.losses = chosen(wanted, mine, w -> w.toLowerCase(Locale.ROOT), "loss", source);
        return copy;
    }

    /** The wanted names, normalised, each once, in the order asked; names the file and an unknown one. */
    private static List<String> chosen(List<String> wanted, List<String> available,
                                       java.util.function.UnaryOperator<String> normalise, String what,
                                       String source) {
        List<String> keep = new ArrayList<>();
        for (String w : wanted) {
            String name = normalise.apply(w.trim());
            if (!available.contains(name)) {
                throw new UserFacingException(source + " has no " + what + " " + w.trim() + " (it has " + available + ")");
            }
            if (!keep.contains(name)) {
                keep.add(name);
            }
        }
        return keep;
    }

    /**
     * The command line's {@code --student}, {@code --loss} and {@code --split} choices applied in
     * one place (an empty or null list keeps all of that kind).
     */
    public ExperimentSpec restrictedTo(List<String> students, List<String> losses, List<String> splits,
                                       String source) {
        ExperimentSpec spec = this;
        if (students != null && !students.isEmpty()) {
            spec = spec.onlyStudents(students, source);
        }
        if (losses != null && !losses.isEmpty()) {
            spec = spec.onlyLosses(losses, source);
        }
        if (splits != null && !splits.isEmpty()) {
            spec = spec.onlySplits(splits, source);
        }
        return spec;
    }

    /** Every (student, loss, split, seed) cell, in a stable order. */
    public List<ExperimentCell> cells() {
        List<ExperimentCell> out = new ArrayList<>();
        for (StudentSpec s : studentSpecs()) {
            for (String loss : losses) {
                for (String split : splits) {
                    for (long seed : seeds) {
                        out.add(new ExperimentCell(name, s, loss.toLowerCase(Locale.ROOT), split, seed));
                    }
                }
            }
        }
        return out;
    }

    /** Where this experiment's settings were chosen; errors name {@code source}. */
    public SettingsChosenOn settingsChosenOn(String source) {
        return SettingsChosenOn.parse(settingsChosenOn, source);
    }

    /** Refuses an inconsistent experiment with a message naming {@code source}. */
    public void validate(String source) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new UserFacingException(source + ": experiment name '" + name + "' may use letters, digits, . _ - only");
        }
        ExperimentJson.check(this, source);
        if ("folder".equals(dataset.kind) && (dataset.path == null || dataset.path.isBlank())) {
            throw new UserFacingException(source + ": dataset kind 'folder' needs a path");
        }
        settingsChosenOn(source);
        if (kind == null || !KINDS.contains(kind)) {
            throw new UserFacingException(source + ": kind must be one of " + KINDS + ", not '" + kind + "'");
        }
        if (!KIND_STUDENTS.equals(kind)) {
            ExperimentKinds.validate(this, source);
            return;
        }
        for (String field : List.of("teachers", "inputs", "alignments")) {
            boolean given = switch (field) {
                case "teachers" -> teachers != null;
                case "inputs" -> inputs != null;
                default -> alignments != null;
            };
            if (given) {
                throw new UserFacingException(source + ": \"" + field + "\" belongs to the adaptation and "
                        + "teacher-hallucination kinds; a students experiment names its students in \"students\" or \"grid\"");
            }
        }
        try {
            for (StudentSpec s : studentSpecs()) {
                s.problem().ifPresent(p -> {
                    throw new UserFacingException(source + ": " + s.name() + " is not defined by the method: " + p);
                });
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(source + ": " + e.getMessage(), e);
        }
        if (grid != null && (grid.regressionTargets == null || grid.regressionTargets.isEmpty())) {
            throw new UserFacingException(source + ": grid.regressionTargets needs at least one of \"" + TARGET_ADAPTED
                    + "\", \"" + TARGET_TEACHER_PCA + "\"");
        }
        if (training.unitSphereRegression && training.targetNorm != 1.0) {
            throw new UserFacingException(source + ": training.unitSphereRegression compares unit vectors, so it needs"
                    + " training.targetNorm 1, not " + training.targetNorm);
        }
        if (studentSpecs().isEmpty()) {
            throw new UserFacingException(source + ": no students (give \"students\" or a \"grid\")");
        }
    }
}
