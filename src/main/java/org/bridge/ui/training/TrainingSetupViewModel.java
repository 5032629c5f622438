package org.bridge.ui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.bridge.config.UserFacingException;
import org.bridge.config.WorkbenchSettings;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.AdaptationParams;
import org.bridge.distill.Supervision;
import org.bridge.experiment.ClassificationLoss;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.TrainingSettings;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.common.ExperimentSetupViewModel;

/**
 * The whole experiment set-up of the workbench as observable state, testable without a window:
 * the student S-p-x-t (from {@link ExperimentSetupViewModel}), the classification loss, the
 * hyper-parameters of both steps, split, seed and face set. It refuses values the method does not
 * define, per field, and builds the {@link ExperimentSpec} that the one runner executes.
 */
public final class TrainingSetupViewModel {

    /** Experiment names become folder names in the runs folder. */
    private static final String SAFE_NAME = "[A-Za-z0-9._-]+";
    private static final String PREFIX = "setup.";
    private static final String DL4J_STATS = "dl4jStats";

    private final ExperimentSetupViewModel student;
    private final Supplier<Path> lfwDir;

    private final StringProperty experimentName = new SimpleStringProperty("workbench");
    private final ObjectProperty<String> loss = new SimpleObjectProperty<>("softmax");
    private final TrainingSettings defaults = TrainingSettings.DEFAULTS;
    private final NumberSetting pretrainEpochs = NumberSetting.whole("pre-train epochs", defaults.pretrainEpochs(), 0, 1000);
    private final NumberSetting finetuneEpochs = NumberSetting.whole("fine-tune epochs", defaults.finetuneEpochs(), 1, 1000);
    private final NumberSetting learningRate = NumberSetting.positive("learning rate", defaults.learningRate(), 1);
    private final NumberSetting batchSize = NumberSetting.whole("batch size", defaults.batchSize(), 1, 4096);
    private final NumberSetting regressionWeight = NumberSetting.real("regression weight", defaults.regressionWeight(), 0, 1000);
    private final NumberSetting seed = NumberSetting.whole("seed", 1, 0, Integer.MAX_VALUE);
    private final NumberSetting lambda = NumberSetting.real("lambda", AdaptationParams.defaults().lambda(), 0, 1000);
    private final NumberSetting temperature = NumberSetting.positive("T", AdaptationParams.defaults().temperature(), 1000);
    private final NumberSetting perturbations = NumberSetting.whole("perturbations per face",
            DegradationParams.defaults().count(), 1, 256);
    private final ObjectProperty<SplitChoice> split = new SimpleObjectProperty<>(SplitChoice.BOTH);
    private final ObjectProperty<DatasetChoice> dataset = new SimpleObjectProperty<>(DatasetChoice.SAMPLE);
    private final StringProperty datasetFolder = new SimpleStringProperty("");
    private final BooleanProperty recordDl4jStats = new SimpleBooleanProperty(false);
    /**
     * What s and sc regress onto ({@link MimicTarget#key()}): part of the student, so it names the
     * runs ({@code S-16-sc-E+pca}) and a preset does not change it.
     */
    private final ObjectProperty<String> regressionTarget = new SimpleObjectProperty<>(ExperimentSpec.TARGET_ADAPTED);
    /** {@link TrainingSettings#unitSphereRegression}. */
    private final BooleanProperty unitSphereRegression = new SimpleBooleanProperty(defaults.unitSphereRegression());
    /** {@link TrainingSettings#regressAllPublicImages}. */
    private final BooleanProperty regressAllPublicImages = new SimpleBooleanProperty(defaults.regressAllPublicImages());
    /**
     * Whether D(I) blurs, adds sensor noise and re-compresses (the defaults of {@link DegradationParams});
     * off leaves the landmark jitter and the illumination changes only, as the Fig. 4 file does.
     */
    private final BooleanProperty sensorDegradations = new SimpleBooleanProperty(true);

    /**
     * The experiment file whose settings are the base of every run set up here, or null for the
     * built-in defaults. Its fields without a control (optimizer, weight decay, batch-norm ReLUs,
     * target norm, E's weighting, the rest of D(I), ...) pass into the runs unchanged, so a
     * student set up from fig4-verification.json trains exactly as that file's cells do.
     */
    private ExperimentSpec.Students preset;
    private final ReadOnlyObjectWrapper<Path> presetFile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper presetSummary = new ReadOnlyStringWrapper(summary(null));
    private final Supplier<Path> experimentsDir;

    private final StringBinding nameProblem;
    private final StringBinding datasetProblem;
    private final StringBinding problem;

    /**
     * @param student the S-p-x-t part, shared with the main window's toggles
     * @param lfwDir  where LFW is configured (settings, BRIDGE_LFW, ...), asked when LFW is chosen
     */
    public TrainingSetupViewModel(ExperimentSetupViewModel student, Supplier<Path> lfwDir) {
        this(student, lfwDir, () -> null);
    }

    /**
     * @param experimentsDir the project's experiments folder, whose experiment files can be the
     *                       base of the set-up ({@link #applyPreset}); may supply null
     */
    public TrainingSetupViewModel(ExperimentSetupViewModel student, Supplier<Path> lfwDir, Supplier<Path> experimentsDir) {
        this.student = student;
        this.lfwDir = lfwDir;
        this.experimentsDir = experimentsDir;
        // The combo's key and the student's target are one choice (the student's name shows it).
        regressionTarget.set(student.targetProperty().get().key());
        regressionTarget.addListener((o, was, now) -> {
            if (now != null && MimicTarget.choices().stream().anyMatch(t -> t.key().equals(now))) {
                student.targetProperty().set(MimicTarget.parseChoice(now));
            }
        });
        student.targetProperty().addListener((o, was, now) -> regressionTarget.set(now.key()));
        nameProblem = Bindings.createStringBinding(() -> {
            String n = experimentName.get() == null ? "" : experimentName.get().trim();
            return n.matches(SAFE_NAME) ? "" : "experiment name becomes a folder name: letters, digits, . _ - only";
        }, experimentName);
        datasetProblem = Bindings.createStringBinding(this::checkDataset, dataset, datasetFolder);
        List<Observable> deps = new ArrayList<>(List.of(student.specBinding(), nameProblem, datasetProblem, loss));
        for (NumberSetting s : numbers()) {
            deps.add(s.problemProperty());
        }
        problem = Bindings.createStringBinding(this::firstProblem, deps.toArray(Observable[]::new));
    }

    public ExperimentSetupViewModel student() {
        return student;
    }

    public StringProperty experimentNameProperty() {
        return experimentName;
    }

    public ObjectProperty<String> lossProperty() {
        return loss;
    }

    public ObjectProperty<String> regressionTargetProperty() {
        return regressionTarget;
    }

    public BooleanProperty unitSphereRegressionProperty() {
        return unitSphereRegression;
    }

    public BooleanProperty regressAllPublicImagesProperty() {
        return regressAllPublicImages;
    }

    public BooleanProperty sensorDegradationsProperty() {
        return sensorDegradations;
    }

    /** The regression targets the runner knows: the paper's f_a, or the teacher's principal components. */
    public static List<String> regressionTargets() {
        return List.of(ExperimentSpec.TARGET_ADAPTED, ExperimentSpec.TARGET_TEACHER_PCA);
    }

    /** The classification losses of Table IV the runner knows. */
    public static List<String> losses() {
        return Arrays.stream(ClassificationLoss.names().split(",")).map(String::trim).toList();
    }

    /** The student experiment files of the experiments folder, by name; empty when there is none. */
    public List<Path> presetFiles() {
        Path dir = experimentsDir.get();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    if (ExperimentSpec.read(f) instanceof ExperimentSpec.Students) {
                        out.add(f);
                    }
                } catch (UserFacingException notUsable) {
                    // A broken file is not offered; `run` on it names the problem.
                }
            }
        } catch (java.io.IOException e) {
            return List.of();
        }
        return out;
    }

    /** The project's default base: the Fig. 4 file, whose settings were chosen on the development fold. */
    public java.util.Optional<Path> defaultPresetFile() {
        return presetFiles().stream().filter(f -> f.getFileName().toString().equals(DEFAULT_PRESET)).findFirst();
    }

    public static final String DEFAULT_PRESET = "fig4-verification.json";
    /** Saved for "no file": the built-in defaults were chosen (an absent key means a first start). */
    static final String BUILT_IN = "built-in";

    /**
     * Takes every setting of a student experiment file: the fields shown here are filled from it,
     * the others are kept for the runs (see {@link #preset}). The student, split, face set and
     * experiment name stay as they are: they say what to run, not how to train.
     */
    public void applyPreset(Path file) {
        ExperimentSpec.Students spec = ExperimentSpec.read(file).asStudents(file.toString());
        usePresetBase(file, spec);
        fillFields(spec);
        if (!spec.losses().isEmpty() && ClassificationLoss.isKnown(spec.losses().get(0))) {
            loss.set(spec.losses().get(0));
        }
        if (!spec.seeds().isEmpty()) {
            seed.set(spec.seeds().get(0));
        }
    }

    /** Back to the built-in defaults of {@link TrainingSettings}, D(I) and step 1. */
    public void useBuiltInDefaults() {
        preset = null;
        presetFile.set(null);
        presetSummary.set(summary(null));
        fillFields(ExperimentSpec.Students.defaults("defaults"));
    }

    /** The training, D(I) and step-1 fields from an experiment (loss, seed and what to run stay). */
    private void fillFields(ExperimentSpec.Students spec) {
        TrainingSettings t = spec.training();
        pretrainEpochs.set(t.pretrainEpochs());
        finetuneEpochs.set(t.finetuneEpochs());
        learningRate.set(t.learningRate());
        batchSize.set(t.batchSize());
        regressionWeight.set(t.regressionWeight());
        unitSphereRegression.set(t.unitSphereRegression());
        regressAllPublicImages.set(t.regressAllPublicImages());
        perturbations.set(spec.degradation().count());
        sensorDegradations.set(!spec.degradation().sensorStepsOff());
        lambda.set(spec.adaptation().lambda());
        temperature.set(spec.adaptation().temperature());
        regressionTarget.set(fileTarget(spec).key());
    }

    /**
     * What the file's s/sc students regress onto (the first that names one), so Run trains as the
     * file's cells do; the paper's adapted features when the file has no such student.
     */
    static MimicTarget fileTarget(ExperimentSpec.Students spec) {
        return spec.studentSpecs().stream().map(StudentSpec::target)
                .filter(t -> t == MimicTarget.ADAPTED || t == MimicTarget.TEACHER_PCA)
                .findFirst().orElse(MimicTarget.ADAPTED);
    }

    /** The base's file, or null for the built-in defaults. */
    public ReadOnlyObjectProperty<Path> presetFileProperty() {
        return presetFile.getReadOnlyProperty();
    }

    /** The settings the base brings that have no field here, in words. */
    public ReadOnlyStringProperty presetSummaryProperty() {
        return presetSummary.getReadOnlyProperty();
    }

    private void usePresetBase(Path file, ExperimentSpec.Students spec) {
        preset = spec;
        presetFile.set(file);
        presetSummary.set(summary(spec));
    }

    /** What a base sets beyond the fields: shown under the chooser, so no setting is invisible. */
    static String summary(ExperimentSpec.Students spec) {
        TrainingSettings t = spec == null ? TrainingSettings.DEFAULTS : spec.training();
        String from = spec == null ? "Built-in defaults" : "From the file";
        return String.format(java.util.Locale.ROOT, "%s, without a field here: %s, weight decay %s, batch norms %s,"
                        + " target norm %s, >= %d images per identity, E's C weight %s, flips %s%s%s.",
                from, t.optimizer(), trim(t.weightDecay()), t.batchNormRelu() ? "with ReLU" : "linear",
                trim(t.targetNorm()), t.minImagesPerPerson(), trim(t.ensembleWeightC()), t.horizontalFlip() ? "on" : "off",
                t.maxPeople() > 0 ? ", at most " + t.maxPeople() + " people" : "",
                t.validationFold() ? ", development fold held out" : "");
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public NumberSetting pretrainEpochs() {
        return pretrainEpochs;
    }

    public NumberSetting finetuneEpochs() {
        return finetuneEpochs;
    }

    public NumberSetting learningRate() {
        return learningRate;
    }

    public NumberSetting batchSize() {
        return batchSize;
    }

    public NumberSetting regressionWeight() {
        return regressionWeight;
    }

    public NumberSetting seed() {
        return seed;
    }

    /** Weight of the distillation term D in step 1 (eq. 1). */
    public NumberSetting lambda() {
        return lambda;
    }

    /** Temperature T of the soft targets in step 1 (eq. 3). */
    public NumberSetting temperature() {
        return temperature;
    }

    /** How many degraded versions D(I) of each public face the student trains on. */
    public NumberSetting perturbations() {
        return perturbations;
    }

    public List<NumberSetting> numbers() {
        return List.of(pretrainEpochs, finetuneEpochs, learningRate, batchSize, regressionWeight, seed, lambda,
                temperature, perturbations);
    }

    public ObjectProperty<SplitChoice> splitProperty() {
        return split;
    }

    public ObjectProperty<DatasetChoice> datasetProperty() {
        return dataset;
    }

    /**
     * Points new runs at the face set the workbench was started on ({@code gui --dataset DIR}):
     * the configured LFW folder becomes {@link DatasetChoice#LFW}, the bundled sample
     * {@link DatasetChoice#SAMPLE}, anything else {@link DatasetChoice#FOLDER} with that path.
     * Without this the set-up kept the last saved choice, so a workbench opened on LFW would
     * train on the synthetic sample unless the user noticed the toggle.
     */
    public void followFaceSet(Path faceSet, Path sampleData) {
        Path f = normalized(faceSet);
        Path lfw = lfwDir.get();
        if (lfw != null && f.equals(normalized(lfw))) {
            dataset.set(DatasetChoice.LFW);
        } else if (sampleData != null && f.equals(normalized(sampleData))) {
            dataset.set(DatasetChoice.SAMPLE);
        } else {
            datasetFolder.set(f.toString());
            dataset.set(DatasetChoice.FOLDER);
        }
    }

    private static Path normalized(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The folder for {@link DatasetChoice#FOLDER}. */
    public StringProperty datasetFolderProperty() {
        return datasetFolder;
    }

    /**
     * Whether runs record DL4J's training statistics for DL4J's training UI. How a run is
     * recorded, not what it trains: it goes to the runner as {@link #runOptions()}, not into the
     * experiment (a queued run is recorded as this says when it runs).
     */
    public BooleanProperty recordDl4jStatsProperty() {
        return recordDl4jStats;
    }

    /** How the next job's runs are recorded. */
    public RunOptions runOptions() {
        return RunOptions.recordingDl4jStats(recordDl4jStats.get());
    }

    /** The face set's folder may have changed on disk or in the settings: check it again. */
    public void recheckDataset() {
        datasetProblem.invalidate();
    }

    public StringBinding nameProblemBinding() {
        return nameProblem;
    }

    public StringBinding datasetProblemBinding() {
        return datasetProblem;
    }

    /** The first reason the set-up cannot run; empty when it can. */
    public StringBinding problemBinding() {
        return problem;
    }

    private String firstProblem() {
        return student.problem().map(s -> student.studentNameBinding().get() + ": " + s).orElseGet(this::settingsProblem);
    }

    /** The first problem of everything but the student (an ablation grid brings its own students). */
    private String settingsProblem() {
        if (!nameProblem.get().isEmpty()) {
            return nameProblem.get();
        }
        if (loss.get() == null || !ClassificationLoss.isKnown(loss.get())) {
            return "choose a classification loss (" + ClassificationLoss.names() + ")";
        }
        for (NumberSetting s : numbers()) {
            if (!s.isValid()) {
                return s.problemProperty().get();
            }
        }
        return datasetProblem.get();
    }

    private String checkDataset() {
        DatasetChoice d = dataset.get();
        Path root;
        if (d == DatasetChoice.SAMPLE) {
            return "";
        } else if (d == DatasetChoice.LFW) {
            root = lfwDir.get();
        } else {
            String f = datasetFolder.get() == null ? "" : datasetFolder.get().trim();
            if (f.isEmpty()) {
                return "choose a folder with one sub-folder per person and a pairs.txt";
            }
            root = Paths.get(f);
        }
        if (!Files.isDirectory(root)) {
            return root + " is not a folder" + (d == DatasetChoice.LFW ? " (set the LFW folder in Settings)" : "");
        }
        if (!Files.isRegularFile(root.resolve("pairs.txt"))) {
            return root + " has no pairs.txt: the bridge protocol needs LFW-format pairs";
        }
        return "";
    }

    /** The runnable experiment for the current student. */
    public ExperimentSpec.Students toSpec() {
        recheckDataset();
        if (!problem.get().isEmpty()) {
            throw new UserFacingException(problem.get());
        }
        return baseSpec().withStudents(List.of(studentSpec().name()));
    }

    /**
     * The experiment for an ablation grid with the current hyper-parameters; combinations the
     * method does not define are skipped by {@link ExperimentSpec.Students#studentSpecs()}.
     */
    public ExperimentSpec.Students toGridSpec(List<Integer> resolutions, List<Supervision> supervisions,
                                              List<TeacherId> teachers, List<MimicTarget> targets) {
        ExperimentSpec.Students spec = baseSpec().withGrid(new ExperimentSpec.Grid(resolutions,
                supervisions.stream().map(Supervision::name).toList(), teachers.stream().map(TeacherId::name).toList(),
                targets.stream().map(MimicTarget::key).toList()));
        if (spec.studentSpecs().isEmpty()) {
            throw new UserFacingException("the grid holds no student the method defines; tick more boxes");
        }
        return spec;
    }

    /**
     * The base's settings (the file's or the built-in ones) with this set-up's fields on top: what
     * to run (name, face set, split, seed, loss) and the hyper-parameters shown here.
     */
    private ExperimentSpec.Students baseSpec() {
        recheckDataset();
        String p = settingsProblem();
        if (!p.isEmpty()) {
            throw new UserFacingException(p);
        }
        ExperimentSpec.Students base = preset != null ? preset : ExperimentSpec.Students.defaults("workbench");
        TrainingSettings t = base.training().withEpochs(pretrainEpochs.intValue(), finetuneEpochs.intValue())
                .withLearningRate(learningRate.value()).withBatchSize(batchSize.intValue())
                .withRegressionWeight(regressionWeight.value())
                .withRegressionShape(base.training().targetNorm(), unitSphereRegression.get())
                .withRegressAllPublicImages(regressAllPublicImages.get());
        return base.withName(experimentName.get().trim())
                .withDescription(preset != null ? "set up in the workbench from " + presetFile.get().getFileName()
                        : "set up in the workbench")
                .withDataset(datasetSpec())
                .withSplits(split.get().splits())
                .withSeeds(List.of(seed.longValue()))
                .withLosses(List.of(loss.get()))
                .withTraining(t)
                .withDegradation(base.degradation().withCount(perturbations.intValue())
                        .withSensorSteps(sensorDegradations.get()))
                .withAdaptation(base.adaptation().withLambda(lambda.value()).withTemperature(temperature.value()));
    }

    private ExperimentSpec.DatasetSpec datasetSpec() {
        String path = switch (dataset.get()) {
            case FOLDER -> Paths.get(datasetFolder.get().trim()).toAbsolutePath().normalize().toString();
            case LFW -> lfwDir.get().toString();
            default -> null;
        };
        return new ExperimentSpec.DatasetSpec(dataset.get().kind(), path);
    }

    /** Restores the last set-up; unknown or damaged entries keep their defaults or show their problem. */
    public void loadFrom(WorkbenchSettings settings) {
        // The base first: its fields are then overridden by the values saved last time. A first
        // start (nothing saved) takes the project's tuned Fig. 4 settings, not the built-in ones.
        java.util.Optional<String> savedPreset = settings.get(PREFIX + "preset");
        if (savedPreset.isEmpty()) {
            defaultPresetFile().ifPresent(f -> {
                try {
                    applyPreset(f);
                } catch (UserFacingException e) {
                    useBuiltInDefaults();
                }
            });
        } else if (!savedPreset.get().trim().equals(BUILT_IN)) {
            Path f = Paths.get(savedPreset.get().trim());
            try {
                if (ExperimentSpec.read(f) instanceof ExperimentSpec.Students spec) {
                    usePresetBase(f, spec);
                }
            } catch (UserFacingException gone) {
                // The file went away or broke: built-in base; the fields keep their saved values.
            }
        }
        settings.get(PREFIX + "teacher").flatMap(v -> parse(TeacherId.class, v)).ifPresent(student.teacherProperty()::set);
        settings.get(PREFIX + "supervision").flatMap(v -> parse(Supervision.class, v))
                .ifPresent(student.supervisionProperty()::set);
        settings.get(PREFIX + "resolution").ifPresent(v -> {
            try {
                student.resolutionProperty().set(Integer.parseInt(v.trim()));
            } catch (NumberFormatException ignored) {
                // A hand-edited resolution that is not a number: keep the default.
            }
        });
        settings.get(PREFIX + "experiment").ifPresent(experimentName::set);
        settings.get(PREFIX + "loss").filter(ClassificationLoss::isKnown).ifPresent(loss::set);
        for (NumberSetting s : numbers()) {
            settings.get(PREFIX + key(s)).ifPresent(s.textProperty()::set);
        }
        settings.get(PREFIX + "split").flatMap(v -> parse(SplitChoice.class, v)).ifPresent(split::set);
        settings.get(PREFIX + "dataset").flatMap(v -> parse(DatasetChoice.class, v)).ifPresent(dataset::set);
        settings.get(WorkbenchSettings.DATASET_DIR).ifPresent(datasetFolder::set);
        settings.get(PREFIX + DL4J_STATS).ifPresent(v -> recordDl4jStats.set(Boolean.parseBoolean(v.trim())));
        settings.get(PREFIX + "regressionTarget").map(String::trim).filter(regressionTargets()::contains)
                .ifPresent(regressionTarget::set);
        settings.get(PREFIX + "unitSphereRegression")
                .ifPresent(v -> unitSphereRegression.set(Boolean.parseBoolean(v.trim())));
        settings.get(PREFIX + "regressAllPublicImages")
                .ifPresent(v -> regressAllPublicImages.set(Boolean.parseBoolean(v.trim())));
        settings.get(PREFIX + "sensorDegradations")
                .ifPresent(v -> sensorDegradations.set(Boolean.parseBoolean(v.trim())));
    }

    /** Records the set-up in the settings (the caller saves them). */
    public void saveTo(WorkbenchSettings settings) {
        settings.set(PREFIX + "preset", presetFile.get() == null ? BUILT_IN : presetFile.get().toString());
        settings.set(PREFIX + "teacher", student.teacherProperty().get().name());
        settings.set(PREFIX + "supervision", student.supervisionProperty().get().name());
        settings.set(PREFIX + "resolution", Integer.toString(student.resolutionProperty().get()));
        settings.set(PREFIX + "experiment", experimentName.get());
        settings.set(PREFIX + "loss", loss.get());
        for (NumberSetting s : numbers()) {
            settings.set(PREFIX + key(s), s.textProperty().get());
        }
        settings.set(PREFIX + "split", split.get().name());
        settings.set(PREFIX + "dataset", dataset.get().name());
        String folder = datasetFolder.get();
        settings.set(WorkbenchSettings.DATASET_DIR, folder == null || folder.isBlank() ? null : folder.trim());
        settings.set(PREFIX + DL4J_STATS, Boolean.toString(recordDl4jStats.get()));
        settings.set(PREFIX + "regressionTarget", regressionTarget.get());
        settings.set(PREFIX + "unitSphereRegression", Boolean.toString(unitSphereRegression.get()));
        settings.set(PREFIX + "regressAllPublicImages", Boolean.toString(regressAllPublicImages.get()));
        settings.set(PREFIX + "sensorDegradations", Boolean.toString(sensorDegradations.get()));
    }

    private static String key(NumberSetting s) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : s.label().toCharArray()) {
            if (c == ' ' || c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static <E extends Enum<E>> java.util.Optional<E> parse(Class<E> type, String v) {
        try {
            return java.util.Optional.of(Enum.valueOf(type, v.trim()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The student to run: S-p-x-t with the chosen regression target (s and sc; e.g. S-16-sc-E+pca). */
    public StudentSpec studentSpec() {
        return student.specBinding().get();
    }
}
