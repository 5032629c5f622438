package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.config.WorkbenchSettings;
import org.bridge.distill.Supervision;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.MimicTarget;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.common.ExperimentSetupViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set-up's rules and the experiment it builds, without a window. */
class TrainingSetupViewModelTest {

    @TempDir Path tmp;

    private TrainingSetupViewModel vm() {
        return new TrainingSetupViewModel(new ExperimentSetupViewModel(), () -> tmp.resolve("no-lfw-here"));
    }

    @Test
    void theDefaultsAreRunnableAndBuildTheCurrentStudentsExperiment() {
        TrainingSetupViewModel vm = vm();
        assertEquals("", vm.problemBinding().get());
        ExperimentSpec.Students spec = vm.toSpec();
        assertEquals("workbench", spec.name());
        assertEquals(List.of("S-16-sc-E"), spec.students());
        assertEquals(List.of("A", "B"), spec.splits());
        assertEquals("sample", spec.dataset().kind());
        assertEquals(16, spec.degradation().count());
        assertEquals(org.bridge.distill.AdaptationParams.defaults().lambda(), spec.adaptation().lambda());
        assertEquals(org.bridge.distill.AdaptationParams.defaults().temperature(),
                spec.adaptation().temperature());
        assertEquals(2, spec.cells().size());
    }

    @Test
    void theFaceSetTheWorkbenchWasStartedOnIsWhereNewRunsTrain() throws Exception {
        Path lfw = Files.createDirectories(tmp.resolve("lfw"));
        Path sample = Files.createDirectories(tmp.resolve("sample-data"));
        Path other = Files.createDirectories(tmp.resolve("faces"));
        TrainingSetupViewModel vm = new TrainingSetupViewModel(new ExperimentSetupViewModel(), () -> lfw);
        vm.followFaceSet(tmp.resolve("x/../lfw"), sample);
        assertEquals(DatasetChoice.LFW, vm.datasetProperty().get());
        vm.followFaceSet(other, sample);
        assertEquals(DatasetChoice.FOLDER, vm.datasetProperty().get());
        assertEquals(other.toRealPath().toString(), vm.datasetFolderProperty().get());
        vm.followFaceSet(sample, sample);
        assertEquals(DatasetChoice.SAMPLE, vm.datasetProperty().get());
    }

    @Test
    void everyFieldReachesTheExperiment() {
        TrainingSetupViewModel vm = vm();
        vm.student().teacherProperty().set(TeacherId.O);
        vm.student().supervisionProperty().set(Supervision.c);
        vm.student().resolutionProperty().set(32);
        vm.lossProperty().set("arcface");
        vm.pretrainEpochs().textProperty().set("1");
        vm.finetuneEpochs().textProperty().set("3");
        vm.learningRate().textProperty().set("0.002");
        vm.batchSize().textProperty().set("64");
        vm.regressionWeight().textProperty().set("0.5");
        vm.seed().textProperty().set("42");
        vm.lambda().textProperty().set("0");
        vm.temperature().textProperty().set("2.5");
        vm.perturbations().textProperty().set("4");
        vm.splitProperty().set(SplitChoice.B);
        vm.experimentNameProperty().set("my-test_1");
        assertEquals(ExperimentSpec.TARGET_ADAPTED, vm.regressionTargetProperty().get(), "the paper's f_a by default");
        assertTrue(vm.unitSphereRegressionProperty().get(), "the regression that learns on LFW by default");
        vm.regressionTargetProperty().set(ExperimentSpec.TARGET_TEACHER_PCA);
        vm.unitSphereRegressionProperty().set(false);
        assertFalse(vm.regressAllPublicImagesProperty().get(), "identity classes only by default");
        assertTrue(vm.sensorDegradationsProperty().get(), "the full D(I) by default");
        assertFalse(vm.toSpec().degradation().jpeg().probability() == 0);
        vm.regressAllPublicImagesProperty().set(true);
        vm.sensorDegradationsProperty().set(false);
        ExperimentSpec.Students spec = vm.toSpec();
        assertEquals(List.of("S-32-c-O"), spec.students(), "c regresses onto nothing: no target in its name");
        assertFalse(spec.training().unitSphereRegression());
        assertTrue(spec.training().regressAllPublicImages());
        org.bridge.degrade.DegradationParams d = spec.degradation();
        assertEquals(0.0, d.gaussianBlur().probability());
        assertEquals(0.0, d.motionBlur().probability());
        assertEquals(0.0, d.noise().probability());
        assertEquals(0.0, d.jpeg().probability());
        assertEquals(1.0, d.jitter().probability(), "jitter stays");
        assertEquals(List.of(new ExperimentCell("my-test_1", new org.bridge.experiment.StudentSpec(32, Supervision.c,
                TeacherId.O), "arcface", "B", 42)), spec.cells());
        assertEquals(1, spec.training().pretrainEpochs());
        assertEquals(3, spec.training().finetuneEpochs());
        assertEquals(0.002, spec.training().learningRate());
        assertEquals(64, spec.training().batchSize());
        assertEquals(0.5, spec.training().regressionWeight());
        assertEquals(0.0, spec.adaptation().lambda());
        assertEquals(2.5, spec.adaptation().temperature());
        assertEquals(4, spec.degradation().count());
    }

    @Test
    void numbersOutOfRangeAreRefusedWithTheReasonOnTheirField() {
        TrainingSetupViewModel vm = vm();
        vm.finetuneEpochs().textProperty().set("0");
        assertEquals("fine-tune epochs must be from 1 to 1000, not 0", vm.finetuneEpochs().problemProperty().get());
        assertEquals(vm.finetuneEpochs().problemProperty().get(), vm.problemBinding().get());
        UserFacingException e = assertThrows(UserFacingException.class, vm::toSpec);
        assertTrue(e.getMessage().contains("fine-tune epochs"), e.getMessage());
        vm.finetuneEpochs().textProperty().set("2");
        assertEquals("", vm.problemBinding().get());

        vm.learningRate().textProperty().set("0");
        assertEquals("learning rate must be above 0 and at most 1, not 0", vm.learningRate().problemProperty().get());
        vm.learningRate().textProperty().set("fast");
        assertEquals("learning rate: 'fast' is not a number", vm.learningRate().problemProperty().get());
        vm.learningRate().textProperty().set("1e-3");
        assertEquals("", vm.learningRate().problemProperty().get());

        vm.temperature().textProperty().set("0");
        assertTrue(vm.temperature().problemProperty().get().startsWith("T must be above 0"));
        vm.lambda().textProperty().set("-1");
        assertTrue(vm.lambda().problemProperty().get().startsWith("lambda must be from 0"));
        vm.batchSize().textProperty().set("2.5");
        assertEquals("batch size: '2.5' is not a whole number", vm.batchSize().problemProperty().get());
        vm.perturbations().textProperty().set("");
        assertEquals("perturbations per face is empty", vm.perturbations().problemProperty().get());
        vm.seed().textProperty().set("NaN");
        assertTrue(!vm.seed().problemProperty().get().isEmpty());
        vm.regressionWeight().textProperty().set("Infinity");
        assertTrue(vm.regressionWeight().problemProperty().get().contains("from 0 to 1000"));
    }

    @Test
    void undefinedStudentsAndUnsafeNamesAreRefused() {
        TrainingSetupViewModel vm = vm();
        vm.student().teacherProperty().set(TeacherId.O); // S-16-sc-O: sc needs a teacher
        assertTrue(vm.problemBinding().get().startsWith("S-16-sc-O: "), vm.problemBinding().get());
        assertThrows(UserFacingException.class, vm::toSpec);
        vm.student().supervisionProperty().set(Supervision.c);
        assertEquals("", vm.problemBinding().get());

        vm.experimentNameProperty().set("../escape");
        assertTrue(vm.nameProblemBinding().get().contains("folder name"));
        assertEquals(vm.nameProblemBinding().get(), vm.problemBinding().get());
    }

    @Test
    void aFolderFaceSetNeedsPairsTxt() throws Exception {
        TrainingSetupViewModel vm = vm();
        vm.datasetProperty().set(DatasetChoice.FOLDER);
        assertTrue(vm.datasetProblemBinding().get().startsWith("choose a folder"));
        Path faces = Files.createDirectories(tmp.resolve("faces"));
        vm.datasetFolderProperty().set(faces.toString());
        assertTrue(vm.datasetProblemBinding().get().contains("has no pairs.txt"), vm.datasetProblemBinding().get());
        Files.writeString(faces.resolve("pairs.txt"), "1 1\n");
        vm.recheckDataset(); // the folder changed on disk, not in the model
        assertEquals("", vm.datasetProblemBinding().get());
        ExperimentSpec.Students spec = vm.toSpec();
        assertEquals("folder", spec.dataset().kind());
        assertEquals(faces.toAbsolutePath().normalize().toString(), spec.dataset().path());

        vm.datasetProperty().set(DatasetChoice.LFW);
        assertTrue(vm.datasetProblemBinding().get().contains("Settings"), vm.datasetProblemBinding().get());
        vm.datasetProperty().set(DatasetChoice.SAMPLE);
        assertNull(vm.toSpec().dataset().path());
    }

    @Test
    void theGridSkipsUndefinedCombinationsAndKeepsTheHyperParameters() {
        TrainingSetupViewModel vm = vm();
        vm.student().teacherProperty().set(TeacherId.O); // the current student is undefined: the grid does not care
        vm.finetuneEpochs().textProperty().set("7");
        ExperimentSpec.Students spec = vm.toGridSpec(List.of(16, 32), List.of(Supervision.c, Supervision.sc),
                List.of(TeacherId.O, TeacherId.E), List.of(MimicTarget.ADAPTED));
        assertEquals(List.of("S-16-c-O", "S-16-sc-E", "S-32-c-O", "S-32-sc-E"),
                spec.studentSpecs().stream().map(org.bridge.experiment.StudentSpec::name).toList());
        assertEquals(7, spec.training().finetuneEpochs());
        assertThrows(UserFacingException.class,
                () -> vm.toGridSpec(List.of(16), List.of(Supervision.sc), List.of(TeacherId.O),
                        List.of(MimicTarget.ADAPTED)));
    }

    @Test
    void theRegressionTargetIsPartOfTheStudentItNames() {
        TrainingSetupViewModel vm = vm();
        vm.student().supervisionProperty().set(Supervision.sc);
        vm.student().teacherProperty().set(TeacherId.E);
        vm.student().resolutionProperty().set(16);
        assertEquals(List.of(ExperimentSpec.TARGET_ADAPTED, ExperimentSpec.TARGET_TEACHER_PCA),
                TrainingSetupViewModel.regressionTargets(), "the set-up offers both targets");
        assertEquals(List.of("S-16-sc-E"), vm.toSpec().students(), "the paper's sc regresses onto f_a");
        vm.regressionTargetProperty().set(ExperimentSpec.TARGET_TEACHER_PCA);
        ExperimentSpec.Students pca = vm.toSpec();
        assertEquals(List.of("S-16-sc-E+pca"), pca.students());
        assertEquals("S-16-sc-E+pca_softmax_splitA_seed1", pca.cells().get(0).id());
        assertEquals("S-16-sc-E+pca", vm.student().studentNameBinding().get(), "the main window's name shows it");
        ExperimentSpec.Students grid = vm.toGridSpec(List.of(16), List.of(Supervision.c, Supervision.dc, Supervision.sc),
                List.of(TeacherId.O, TeacherId.V), List.of(MimicTarget.ADAPTED, MimicTarget.TEACHER_PCA));
        assertEquals(List.of("S-16-c-O", "S-16-dc-V", "S-16-sc-V", "S-16-sc-V+pca"),
                grid.studentSpecs().stream().map(org.bridge.experiment.StudentSpec::name).toList(),
                "the grid crosses the target for sc only");
    }

    @Test
    void theLastSetUpComesBackFromTheSettingsFile() {
        Path file = tmp.resolve("workbench.properties");
        TrainingSetupViewModel a = vm();
        a.student().teacherProperty().set(TeacherId.V);
        a.student().supervisionProperty().set(Supervision.dc);
        a.student().resolutionProperty().set(64);
        a.lossProperty().set("cosface");
        a.batchSize().textProperty().set("128");
        a.temperature().textProperty().set("3");
        a.splitProperty().set(SplitChoice.A);
        a.datasetProperty().set(DatasetChoice.FOLDER);
        a.datasetFolderProperty().set("/somewhere/faces");
        a.experimentNameProperty().set("again");
        assertFalse(a.runOptions().recordsDl4jStats(), "DL4J statistics are off by default");
        a.recordDl4jStatsProperty().set(true);
        a.regressionTargetProperty().set(ExperimentSpec.TARGET_TEACHER_PCA);
        a.unitSphereRegressionProperty().set(false);
        a.regressAllPublicImagesProperty().set(true);
        a.sensorDegradationsProperty().set(false);
        WorkbenchSettings s = new WorkbenchSettings(file);
        a.saveTo(s);
        s.save();

        TrainingSetupViewModel b = vm();
        b.loadFrom(new WorkbenchSettings(file));
        assertEquals("S-64-dc-V", b.student().studentNameBinding().get());
        assertEquals("cosface", b.lossProperty().get());
        assertEquals("128", b.batchSize().textProperty().get());
        assertEquals("3", b.temperature().textProperty().get());
        assertEquals(SplitChoice.A, b.splitProperty().get());
        assertEquals(DatasetChoice.FOLDER, b.datasetProperty().get());
        assertEquals("/somewhere/faces", b.datasetFolderProperty().get());
        assertEquals("again", b.experimentNameProperty().get());
        assertTrue(b.recordDl4jStatsProperty().get());
        assertEquals(ExperimentSpec.TARGET_TEACHER_PCA, b.regressionTargetProperty().get());
        assertFalse(b.unitSphereRegressionProperty().get());
        assertTrue(b.regressAllPublicImagesProperty().get());
        assertFalse(b.sensorDegradationsProperty().get());
        assertEquals(org.bridge.experiment.RunOptions.recordingDl4jStats(true), b.runOptions());
        // How runs are recorded is not part of the experiment (its config.json stays the same).
        TrainingSetupViewModel recording = vm();
        com.google.gson.Gson gson = new com.google.gson.Gson();
        String plain = gson.toJson(recording.toSpec());
        recording.recordDl4jStatsProperty().set(true);
        assertEquals(plain, gson.toJson(recording.toSpec()));

        // A damaged entry keeps the default or shows its problem, it does not throw.
        WorkbenchSettings damaged = new WorkbenchSettings(file);
        damaged.set("setup.teacher", "Z");
        damaged.set("setup.batchSize", "lots");
        TrainingSetupViewModel c = vm();
        c.loadFrom(damaged);
        assertEquals(TeacherId.E, c.student().teacherProperty().get());
        assertEquals("batch size: 'lots' is not a whole number", c.batchSize().problemProperty().get());
    }

    @Test
    void theLossesAreTheRunnersLosses() {
        assertEquals(List.of("softmax", "centerloss", "sphereface", "sphereface+", "cosface", "arcface"),
                TrainingSetupViewModel.losses());
    }
    private static final Path EXPERIMENTS = Path.of("experiments").toAbsolutePath();

    private TrainingSetupViewModel withExperiments() {
        return new TrainingSetupViewModel(new ExperimentSetupViewModel(), () -> tmp.resolve("no-lfw-here"),
                () -> EXPERIMENTS);
    }

    private static com.google.gson.JsonElement json(Object o) {
        return new com.google.gson.Gson().toJsonTree(o);
    }

    @Test
    void aStudentSetUpFromTheFig4FileTrainsExactlyAsItsCells() {
        TrainingSetupViewModel vm = withExperiments();
        Path fig4 = EXPERIMENTS.resolve("fig4-verification.json");
        vm.applyPreset(fig4);
        ExperimentSpec.Students file = ExperimentSpec.readStudents(fig4);
        ExperimentSpec.Students spec = vm.toSpec();
        // Every training setting, those without a field (batch norms, weight decay, ...) included.
        assertEquals(json(file.training()), json(spec.training()));
        assertEquals(file.degradation(), spec.degradation());
        assertEquals(List.of("S-16-sc-E+pca"), spec.students(), "the file's students regress onto the principal components");
        assertTrue(file.studentSpecs().contains(org.bridge.experiment.StudentSpec.parse(spec.students().get(0))),
                "Run trains a student the file has");
        assertTrue(vm.presetSummaryProperty().get().contains("batch norms linear"), vm.presetSummaryProperty().get());

        // Fields still override their setting; the rest stays the file's.
        vm.finetuneEpochs().textProperty().set("3");
        vm.sensorDegradationsProperty().set(true);
        spec = vm.toSpec();
        assertEquals(3, spec.training().finetuneEpochs());
        assertFalse(spec.training().batchNormRelu());
        assertEquals(org.bridge.degrade.DegradationParams.defaults().gaussianBlur(), spec.degradation().gaussianBlur());
        assertEquals(org.bridge.degrade.DegradationParams.defaults().jpeg(), spec.degradation().jpeg());

        vm.useBuiltInDefaults();
        assertEquals(json(org.bridge.experiment.TrainingSettings.DEFAULTS), json(vm.toSpec().training()));
        assertNull(vm.presetFileProperty().get());
    }

    @Test
    void onlyStudentExperimentsAreOfferedAndOthersAreRefusedByName() {
        TrainingSetupViewModel vm = withExperiments();
        List<String> names = vm.presetFiles().stream().map(f -> f.getFileName().toString()).toList();
        assertTrue(names.contains("fig4-verification.json") && names.contains("quick.json"), names.toString());
        assertFalse(names.contains("fig3-adaptation.json"), names.toString());
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> vm.applyPreset(EXPERIMENTS.resolve("fig3-adaptation.json")));
        assertTrue(e.getMessage().contains("fig3-adaptation.json") && e.getMessage().contains("adaptation"), e.getMessage());
    }

    @Test
    void aFirstStartBeginsFromTheTunedFig4SettingsAndTheChoiceIsRemembered() {
        WorkbenchSettings settings = new WorkbenchSettings(tmp.resolve("settings.properties"));
        TrainingSetupViewModel first = withExperiments();
        first.loadFrom(settings);
        assertEquals(EXPERIMENTS.resolve("fig4-verification.json"), first.presetFileProperty().get());
        assertEquals(12, first.toSpec().training().finetuneEpochs());
        first.finetuneEpochs().textProperty().set("5");
        first.saveTo(settings);

        TrainingSetupViewModel again = withExperiments();
        again.loadFrom(settings);
        assertEquals(first.presetFileProperty().get(), again.presetFileProperty().get());
        assertEquals(5, again.toSpec().training().finetuneEpochs(), "the saved field wins over the base");
        assertFalse(again.toSpec().training().batchNormRelu(), "the base's setting without a field is back");

        again.useBuiltInDefaults();
        again.saveTo(settings);
        TrainingSetupViewModel builtIn = withExperiments();
        builtIn.loadFrom(settings);
        assertNull(builtIn.presetFileProperty().get(), "built-in defaults stay chosen");
        assertTrue(builtIn.toSpec().training().batchNormRelu());
    }
}
