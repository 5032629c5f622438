package org.bridge.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import org.bridge.config.StrictJson;
import org.bridge.config.UserFacingException;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.AdaptationParams;
import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * An experiment file ({@code experiments/*.json}) as immutable, typed settings: one record per
 * kind. {@link Students} trains students S-p-x-t on splits with seeds; {@link Adaptation} is the
 * Fig. 3 comparison of step 1 ({@link org.bridge.experiment.run.AdaptationExperiment}); {@link TeacherHallucination} is
 * Table III ({@link org.bridge.experiment.run.TeacherHallucinationExperiment}). JSON exists only at the edge:
 * {@link ExperimentJson} reads a file strictly into these records and writes them back, and a
 * run's config.json is their serialisation.
 *
 * <pre>{
 *   "name": "quick", "description": "...", "kind": "students" | "adaptation" | "teacher-hallucination",
 *   "dataset": {"kind": "sample" | "lfw" | "folder", "path": "optional"},
 *   "splits": ["A", "B"], "seeds": [1],
 *   "students": ["S-16-c-O", "S-16-sc-E"],                    // and/or
 *   "grid": {"resolutions": [16], "supervisions": ["c", "sc"], "teachers": ["O", "E"]},
 *   "losses": ["softmax"],
 *   "training": {...}, "degradation": {...}, "adaptation": {...}, "evaluation": {...}
 * }</pre>
 * Grid cells the method does not define (e.g. sc with teacher O) are skipped, not run.
 */
public sealed interface ExperimentSpec
        permits ExperimentSpec.Students, ExperimentSpec.Adaptation, ExperimentSpec.TeacherHallucination {

    /** What the experiment runs. */
    String KIND_STUDENTS = "students";
    String KIND_ADAPTATION = "adaptation";
    String KIND_HALLUCINATION = "teacher-hallucination";
    List<String> KINDS = List.of(KIND_STUDENTS, KIND_ADAPTATION, KIND_HALLUCINATION);

    /** The paper's f_a of step 1 as the regression target of s and sc ({@link MimicTarget#ADAPTED}). */
    String TARGET_ADAPTED = "adapted";
    /** The teacher features' top 128 principal components ({@link MimicTarget#TEACHER_PCA}, name suffix +pca). */
    String TARGET_TEACHER_PCA = "teacher-pca";

    /** For reports that put records into JSON (adaptation.json's parameters and the like). */
    Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Letters, digits, . _ -: the name becomes a folder name. */
    String NAME_PATTERN = "[A-Za-z0-9._-]+";

    String name();

    String description();

    DatasetSpec dataset();

    /** Where the settings were chosen ({@link SettingsChosenOn#UNDECLARED} when the file does not say). */
    SettingsChosenOn settingsChosenOn();

    /** {@link #KIND_STUDENTS}, {@link #KIND_ADAPTATION} or {@link #KIND_HALLUCINATION}. */
    String kind();

    /** The same experiment under another name (same settings; other run folders). */
    ExperimentSpec withName(String name);

    /**
     * Reads an experiment file strictly (see {@link ExperimentJson}): every field of its exact type
     * and range, no duplicate or unknown key, no lenient JSON. Errors name file, JSON path and line.
     * A file without a name is named after the file.
     */
    static ExperimentSpec read(Path file) {
        ExperimentSpec spec = ExperimentJson.read(StrictJson.readObject(file));
        if (spec.name() == null || spec.name().isBlank()) {
            String f = file.getFileName().toString();
            spec = spec.withName(f.endsWith(".json") ? f.substring(0, f.length() - 5) : f);
        }
        spec.validate(file.toString());
        return spec;
    }

    /** Reads a students experiment file; another kind is refused naming the file. */
    static Students readStudents(Path file) {
        return read(file).asStudents(file.toString());
    }

    /** The experiment file that reads back as this spec. */
    default String toJson() {
        return ExperimentJson.toJson(this);
    }

    /** This experiment as a students experiment; refuses another kind naming {@code source}. */
    default Students asStudents(String source) {
        if (this instanceof Students s) {
            return s;
        }
        throw new UserFacingException(source + " is a " + kind() + " experiment, not one that trains students");
    }

    /**
     * The command line's {@code --student}, {@code --loss} and {@code --split} choices applied in
     * one place (an empty or null list keeps all of that kind).
     */
    ExperimentSpec restrictedTo(List<String> students, List<String> losses, List<String> splits, String source);

    /** Refuses an inconsistent experiment with a message naming {@code source}. */
    default void validate(String source) {
        if (name() == null || !name().matches(NAME_PATTERN)) {
            throw new UserFacingException(source + ": experiment name '" + name() + "' may use letters, digits, . _ - only");
        }
        ExperimentJson.check(this, source);
        if ("folder".equals(dataset().kind()) && (dataset().path() == null || dataset().path().isBlank())) {
            throw new UserFacingException(source + ": dataset kind 'folder' needs a path");
        }
        validateKind(source);
    }

    /** The checks of this kind beyond the fields' own. */
    void validateKind(String source);

    /** Where the faces come from: sample (the bundled synthetic set), lfw (BRIDGE_LFW or path) or folder (path). */
    record DatasetSpec(String kind, String path) {
        public static final DatasetSpec SAMPLE = new DatasetSpec("sample", null);
    }

    /** A grid of S-p-x-t cells: every combination, minus undefined ones. */
    record Grid(List<Integer> resolutions, List<String> supervisions, List<String> teachers,
                List<String> regressionTargets) {
        public static final Grid DEFAULT = new Grid(List.of(16), List.of("sc"), List.of("E"), List.of(TARGET_ADAPTED));

        public Grid {
            resolutions = List.copyOf(resolutions);
            supervisions = List.copyOf(supervisions);
            teachers = List.copyOf(teachers);
            regressionTargets = List.copyOf(regressionTargets);
        }
    }

    /** What each run measures. */
    record Evaluation(boolean verification, boolean identification) {
        public static final Evaluation DEFAULT = new Evaluation(true, true);
    }

    /**
     * A students experiment: which students to train on which splits with which seeds, losses and
     * settings of both steps. Every cell's config.json holds these settings, resolved.
     *
     * @param students    students named in full (S-p-x-t[+pca])
     * @param grid        a grid of students, or null
     * @param degradation D(I), the defaults of {@link DegradationParams#defaults()} with the file's overrides
     * @param adaptation  step 1's module for s and sc; its seed is replaced by each cell's seed
     */
    record Students(String name, String description, DatasetSpec dataset, List<String> splits, List<Long> seeds,
                    List<String> students, Grid grid, List<String> losses, TrainingSettings training,
                    DegradationParams degradation, AdaptationParams adaptation, Evaluation evaluation,
                    SettingsChosenOn settingsChosenOn) implements ExperimentSpec {

        public Students {
            splits = List.copyOf(splits);
            seeds = List.copyOf(seeds);
            students = List.copyOf(students);
            losses = List.copyOf(losses);
        }

        /** Every setting at its default, no student yet: a base for experiments built in code. */
        public static Students defaults(String name) {
            return new Students(name, "", DatasetSpec.SAMPLE, List.of("A", "B"), List.of(1L), List.of(), null,
                    List.of("softmax"), TrainingSettings.DEFAULTS, DegradationParams.defaults(),
                    AdaptationParams.defaults(), Evaluation.DEFAULT, SettingsChosenOn.UNDECLARED);
        }

        @Override
        public String kind() {
            return KIND_STUDENTS;
        }

        @Override
        public Students withName(String n) {
            return new Students(n, description, dataset, splits, seeds, students, grid, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withDescription(String d) {
            return new Students(name, d, dataset, splits, seeds, students, grid, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withDataset(DatasetSpec d) {
            return new Students(name, description, d, splits, seeds, students, grid, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withSplits(List<String> s) {
            return new Students(name, description, dataset, s, seeds, students, grid, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withSeeds(List<Long> s) {
            return new Students(name, description, dataset, splits, s, students, grid, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        /** Named students instead of the current ones and the grid. */
        public Students withStudents(List<String> s) {
            return new Students(name, description, dataset, splits, seeds, s, null, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        /** A grid instead of the current students. */
        public Students withGrid(Grid g) {
            return new Students(name, description, dataset, splits, seeds, List.of(), g, losses, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withLosses(List<String> l) {
            return new Students(name, description, dataset, splits, seeds, students, grid, l, training, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withTraining(TrainingSettings t) {
            return new Students(name, description, dataset, splits, seeds, students, grid, losses, t, degradation,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withDegradation(DegradationParams d) {
            return new Students(name, description, dataset, splits, seeds, students, grid, losses, training, d,
                    adaptation, evaluation, settingsChosenOn);
        }

        public Students withAdaptation(AdaptationParams a) {
            return new Students(name, description, dataset, splits, seeds, students, grid, losses, training, degradation,
                    a, evaluation, settingsChosenOn);
        }

        public Students withEvaluation(Evaluation e) {
            return new Students(name, description, dataset, splits, seeds, students, grid, losses, training, degradation,
                    adaptation, e, settingsChosenOn);
        }

        public Students withSettingsChosenOn(SettingsChosenOn s) {
            return new Students(name, description, dataset, splits, seeds, students, grid, losses, training, degradation,
                    adaptation, evaluation, s);
        }

        /** The students of this experiment: the explicit list, then the grid, without duplicates. */
        public List<StudentSpec> studentSpecs() {
            Set<StudentSpec> out = new LinkedHashSet<>();
            for (String s : students) {
                out.add(StudentSpec.parse(s));
            }
            if (grid != null) {
                for (int p : grid.resolutions()) {
                    for (String x : grid.supervisions()) {
                        for (String t : grid.teachers()) {
                            for (String target : grid.regressionTargets()) {
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

        /**
         * This experiment restricted to some of its students (same name, settings and run folders), so
         * one cell of a grid can be run or re-run on its own. Names the file and the student when one
         * is not in it.
         */
        public Students onlyStudents(List<String> names, String source) {
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
            return withStudents(keep);
        }

        /** This experiment restricted to some of its splits (same name, settings and run folders). */
        public Students onlySplits(List<String> wanted, String source) {
            return withSplits(chosen(wanted, splits, w -> w.toUpperCase(Locale.ROOT), "split", source));
        }

        /** This experiment restricted to some of its losses (one row of Table IV on its own). */
        public Students onlyLosses(List<String> wanted, String source) {
            List<String> mine = losses.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
            return withLosses(chosen(wanted, mine, w -> w.toLowerCase(Locale.ROOT), "loss", source));
        }

        @Override
        public Students restrictedTo(List<String> students, List<String> losses, List<String> splits, String source) {
            Students spec = this;
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

        /** Step 1's module settings of one cell: the experiment's, with the cell's seed. */
        public AdaptationParams adaptationFor(ExperimentCell cell) {
            return adaptation.withSeed(cell.seed());
        }

        @Override
        public void validateKind(String source) {
            try {
                for (StudentSpec s : studentSpecs()) {
                    s.problem().ifPresent(p -> {
                        throw new UserFacingException(source + ": " + s.name() + " is not defined by the method: " + p);
                    });
                }
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(source + ": " + e.getMessage(), e);
            }
            if (grid != null && grid.regressionTargets().isEmpty()) {
                throw new UserFacingException(source + ": grid.regressionTargets needs at least one of \"" + TARGET_ADAPTED
                        + "\", \"" + TARGET_TEACHER_PCA + "\"");
            }
            if (training.unitSphereRegression() && training.targetNorm() != 1.0) {
                throw new UserFacingException(source + ": training.unitSphereRegression compares unit vectors, so it"
                        + " needs training.targetNorm 1, not " + training.targetNorm());
            }
            if (studentSpecs().isEmpty()) {
                throw new UserFacingException(source + ": no students (give \"students\" or a \"grid\")");
            }
        }
    }

    /**
     * The Fig. 3 comparison of step 1 on a held-out 20% of the public images
     * ({@link org.bridge.experiment.run.AdaptationExperiment}).
     *
     * @param teachers   V, C and/or E; null for all three
     * @param seeds      each seed is one random choice of the held-out images
     * @param training   only minImagesPerPerson, maxPeople and validationFold (the public-set selection)
     * @param adaptation M_a (cases 2 and 3) and S^_t (case 1, case 3's soft targets)
     */
    record Adaptation(String name, String description, DatasetSpec dataset, List<String> teachers,
                      List<String> splits, List<Long> seeds, TrainingSettings training,
                      ExperimentKinds.AdaptationSettings adaptation, SettingsChosenOn settingsChosenOn)
            implements ExperimentSpec {

        public Adaptation {
            teachers = teachers == null ? null : List.copyOf(teachers);
            splits = List.copyOf(splits);
            seeds = List.copyOf(seeds);
        }

        @Override
        public String kind() {
            return KIND_ADAPTATION;
        }

        @Override
        public Adaptation withName(String n) {
            return new Adaptation(n, description, dataset, teachers, splits, seeds, training, adaptation,
                    settingsChosenOn);
        }

        @Override
        public Adaptation restrictedTo(List<String> students, List<String> losses, List<String> splits, String source) {
            refuseStudentChoices(students, losses, source, kind());
            if (splits == null || splits.isEmpty()) {
                return this;
            }
            return new Adaptation(name, description, dataset, teachers,
                    chosen(splits, this.splits, w -> w.toUpperCase(Locale.ROOT), "split", source), seeds, training,
                    adaptation, settingsChosenOn);
        }

        @Override
        public void validateKind(String source) {
            ExperimentKinds.validate(this, source);
        }
    }

    /**
     * Table III: the HR teachers on all pairs of pairs.txt with HR or p-BI inputs
     * ({@link org.bridge.experiment.run.TeacherHallucinationExperiment}).
     *
     * @param teachers   V, C and/or E; null for all three
     * @param inputs     "HR" or "p-BI" such as 16-BI; null for HR, 32-BI, 16-BI
     * @param alignments detector and/or fixed; null for detector
     */
    record TeacherHallucination(String name, String description, DatasetSpec dataset, List<String> teachers,
                                List<String> inputs, List<String> alignments, SettingsChosenOn settingsChosenOn)
            implements ExperimentSpec {

        public TeacherHallucination {
            teachers = teachers == null ? null : List.copyOf(teachers);
            inputs = inputs == null ? null : List.copyOf(inputs);
            alignments = alignments == null ? null : List.copyOf(alignments);
        }

        @Override
        public String kind() {
            return KIND_HALLUCINATION;
        }

        @Override
        public TeacherHallucination withName(String n) {
            return new TeacherHallucination(n, description, dataset, teachers, inputs, alignments, settingsChosenOn);
        }

        @Override
        public TeacherHallucination restrictedTo(List<String> students, List<String> losses, List<String> splits,
                                                 String source) {
            refuseStudentChoices(students, losses, source, kind());
            if (splits != null && !splits.isEmpty()) {
                throw new UserFacingException("--split does not apply to " + source + " (kind " + kind()
                        + "): the teachers are evaluated on every pair of pairs.txt");
            }
            return this;
        }

        @Override
        public void validateKind(String source) {
            ExperimentKinds.validate(this, source);
        }
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

    private static void refuseStudentChoices(List<String> students, List<String> losses, String source, String kind) {
        if (students != null && !students.isEmpty()) {
            throw new UserFacingException(source + " has no student " + students.get(0).trim() + " (kind " + kind
                    + " trains no students)");
        }
        if (losses != null && !losses.isEmpty()) {
            throw new UserFacingException(source + " has no loss " + losses.get(0).trim() + " (kind " + kind
                    + " trains no students)");
        }
    }

    /** The wanted names, normalised, each once, in the order asked; names the file and an unknown one. */
    private static List<String> chosen(List<String> wanted, List<String> available, UnaryOperator<String> normalise,
                                       String what, String source) {
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
}
