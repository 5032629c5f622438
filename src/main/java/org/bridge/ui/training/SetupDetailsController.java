package org.bridge.ui.training;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Wires the set-up fields below the student (SetupDetails.fxml) to a {@link TrainingSetupViewModel}.
 * Each numeric field shows, right under it, why its value is refused.
 */
public final class SetupDetailsController {

    @FXML private ComboBox<String> presetBox;
    @FXML private Label presetSummary;
    @FXML private Label presetProblem;
    @FXML private ComboBox<String> lossBox;
    @FXML private VBox trainingRows;
    @FXML private VBox adaptationRows;
    @FXML private VBox degradationRows;
    @FXML private ToggleButton splitA;
    @FXML private ToggleButton splitB;
    @FXML private ToggleButton splitBoth;
    @FXML private ToggleButton datasetSample;
    @FXML private ToggleButton datasetLfw;
    @FXML private ToggleButton datasetFolder;
    @FXML private TextField datasetFolderField;
    @FXML private Button chooseFolderButton;
    @FXML private Label datasetProblem;
    @FXML private TextField experimentNameField;
    @FXML private Label nameProblem;
    @FXML private CheckBox dl4jStatsBox;
    @FXML private ComboBox<String> regressionTargetBox;
    @FXML private CheckBox unitSphereBox;
    @FXML private CheckBox regressAllBox;
    @FXML private CheckBox sensorDegradationsBox;

    private TrainingSetupViewModel vm;

    /** Shows {@code model}; called once by the Training tab, which owns the model. */
    public void show(TrainingSetupViewModel model) {
        this.vm = model;
        showPresets();
        lossBox.getItems().setAll(TrainingSetupViewModel.losses());
        lossBox.setValue(vm.lossProperty().get());
        lossBox.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.lossProperty().set(now);
            }
        });
        // A base fills the loss too; the box follows.
        vm.lossProperty().addListener((obs, old, now) -> lossBox.setValue(now));

        addRow(trainingRows, "pretrainEpochs", vm.pretrainEpochs(),
                "Epochs of classification-only pre-training on LR faces (for c this adds to the fine-tune epochs).");
        addRow(trainingRows, "finetuneEpochs", vm.finetuneEpochs(), "Epochs with the full objective C^ + R.");
        addRow(trainingRows, "learningRate", vm.learningRate(), "Peak learning rate of the cosine schedule (Adam).");
        addRow(trainingRows, "batchSize", vm.batchSize(), "Degraded faces per update.");
        addRow(trainingRows, "regressionWeight", vm.regressionWeight(), "Weight of the mimic regression R.");
        addRow(trainingRows, "seed", vm.seed(), "Seeds D(I), initialisation and batch order: the same seed repeats a run.");
        regressionTargetBox.getItems().setAll(TrainingSetupViewModel.regressionTargets());
        regressionTargetBox.valueProperty().bindBidirectional(vm.regressionTargetProperty());
        regressionTargetBox.setTooltip(wrapped("What s and sc regress onto; part of the student's name. adapted:"
                + " the paper's f_a from the adaptation module (step 1), e.g. S-16-sc-E. teacher-pca: the teacher"
                + " features' top 128 principal components on the public set, e.g. S-16-sc-E+pca (best on LFW's"
                + " development fold; see experiments/README.md). dc always regresses the raw teacher feature."));
        unitSphereBox.selectedProperty().bindBidirectional(vm.unitSphereRegressionProperty());
        unitSphereBox.setTooltip(wrapped("Compare directions only: R = w (2 - 2 cos(mimic, target)). Off = the"
                + " paper's plain L2, which on LFW never learnt the regression (the student first has to shrink its"
                + " output onto the unit-norm targets and stalls there)."));
        regressAllBox.selectedProperty().bindBidirectional(vm.regressAllPublicImagesProperty());
        regressAllBox.setTooltip(wrapped("s, dc and sc also regress the public images of people with a single"
                + " image: they have a teacher feature but are no identity class, so they stay out of the"
                + " cross-entropy (on LFW split A: 2.7k images next to 4.2k labelled ones). c is unchanged."));
        addRow(adaptationRows, "lambda", vm.lambda(), "Weight of the distillation term D in C + lambda D (0: direct compression).");
        addRow(adaptationRows, "temperature", vm.temperature(), "Temperature T of the teacher's soft targets.");
        addRow(degradationRows, "perturbations", vm.perturbations(),
                "Degraded versions of each public face (the paper uses 16).");
        sensorDegradationsBox.selectedProperty().bindBidirectional(vm.sensorDegradationsProperty());
        sensorDegradationsBox.setTooltip(wrapped("On: D(I) also blurs (optics, motion), adds sensor noise and"
                + " re-compresses as JPEG. Off: landmark jitter and illumination changes only, as the Fig. 4"
                + " experiment file (better for the teacher students on LFW's development fold)."));

        ToggleGroup splits = exclusive(splitA, splitB, splitBoth);
        select(splits, vm.splitProperty().get().name());
        splits.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.splitProperty().set(SplitChoice.valueOf((String) now.getUserData()));
            }
        });
        ToggleGroup datasets = exclusive(datasetSample, datasetLfw, datasetFolder);
        select(datasets, vm.datasetProperty().get().name());
        datasets.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.datasetProperty().set(DatasetChoice.valueOf((String) now.getUserData()));
            }
        });
        // The view model may change the choice itself (the workbench started on a face set).
        vm.datasetProperty().addListener((obs, old, now) -> select(datasets, now.name()));
        datasetSample.setTooltip(new Tooltip("The bundled SYNTHETIC faces (sample-data): quick, says nothing about real faces."));
        datasetLfw.setTooltip(new Tooltip("LFW deep-funneled, from the LFW folder in Settings (or BRIDGE_LFW)."));
        datasetFolder.setTooltip(new Tooltip("Any folder with one sub-folder per person and an LFW-format pairs.txt."));
        datasetFolderField.textProperty().bindBidirectional(vm.datasetFolderProperty());
        datasetFolderField.disableProperty().bind(vm.datasetProperty().isNotEqualTo(DatasetChoice.FOLDER));
        chooseFolderButton.disableProperty().bind(vm.datasetProperty().isNotEqualTo(DatasetChoice.FOLDER));
        datasetProblem.textProperty().bind(vm.datasetProblemBinding());

        experimentNameField.textProperty().bindBidirectional(vm.experimentNameProperty());
        experimentNameField.setTooltip(new Tooltip("Runs go to <runs folder>/<experiment name>/<run id>. A run whose"
                + " folder is complete is not redone: change the name to train again with other settings."));
        nameProblem.textProperty().bind(vm.nameProblemBinding());

        dl4jStatsBox.selectedProperty().bindBidirectional(vm.recordDl4jStatsProperty());
        dl4jStatsBox.setTooltip(wrapped("Writes DL4J's training statistics (score, parameter, update and activation"
                + " histograms, every " + org.bridge.experiment.RunOptions.DEFAULT_STATS_FREQUENCY + " iterations) into"
                + " the run folder as " + org.bridge.experiment.TrainingUiServer.STATS_FILE + ", for the 'DL4J training"
                + " UI' button. Costs some training time; applies to the next run started or worked through."));
    }

    private static final String BUILT_IN = "built-in defaults";

    /**
     * The base chooser: the project's student experiment files (fig4-verification.json, chosen on
     * the development fold, is where a first start begins) or the built-in defaults. Choosing one
     * fills every field from it; what has no field is listed under it.
     */
    private void showPresets() {
        java.util.Map<String, Path> byName = new java.util.LinkedHashMap<>();
        for (Path f : vm.presetFiles()) {
            byName.put(f.getFileName().toString(), f);
        }
        Path current = vm.presetFileProperty().get();
        if (current != null) {
            byName.putIfAbsent(current.getFileName().toString(), current);
        }
        presetBox.getItems().setAll(BUILT_IN);
        presetBox.getItems().addAll(byName.keySet());
        presetBox.setValue(current == null ? BUILT_IN : current.getFileName().toString());
        presetSummary.textProperty().bind(vm.presetSummaryProperty());
        presetProblem.managedProperty().bind(presetProblem.textProperty().isNotEmpty());
        presetBox.setTooltip(wrapped("Where the set-up's settings come from. An experiment file sets every field"
                + " below and the settings that have no field (listed under this box), so a student set up here"
                + " trains as that file's cells do; change fields afterwards as you like. fig4-verification.json"
                + " holds the settings chosen on LFW's development fold (experiments/README.md)."));
        presetBox.valueProperty().addListener((obs, old, now) -> {
            if (now == null || now.equals(old)) {
                return;
            }
            presetProblem.setText("");
            try {
                if (BUILT_IN.equals(now)) {
                    vm.useBuiltInDefaults();
                } else {
                    vm.applyPreset(byName.get(now));
                }
            } catch (org.bridge.config.UserFacingException e) {
                presetProblem.setText(e.getMessage());
            }
        });
    }

    /** A tooltip for a long explanation: wrapped at a readable width. */
    private static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(380);
        return t;
    }

    @FXML
    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Face set: one folder per person and a pairs.txt");
        String current = vm.datasetFolderProperty().get();
        if (current != null && !current.isBlank() && Files.isDirectory(Paths.get(current))) {
            chooser.setInitialDirectory(Paths.get(current).toFile());
        }
        File dir = chooser.showDialog(datasetFolderField.getScene().getWindow());
        if (dir != null) {
            Path p = dir.toPath().toAbsolutePath().normalize();
            vm.datasetFolderProperty().set(p.toString());
        }
    }

    private static void addRow(VBox box, String key, NumberSetting setting, String hint) {
        Label name = new Label(setting.label());
        name.getStyleClass().add("setting-label");
        // One width for all, so the fields line up; wide enough for "regression weight".
        name.setMinWidth(LABEL_WIDTH);
        name.setPrefWidth(LABEL_WIDTH);
        TextField field = new TextField();
        field.setId("setup-" + key);
        field.setPrefColumnCount(5);
        field.textProperty().bindBidirectional(setting.textProperty());
        field.setTooltip(new Tooltip(hint));
        HBox row = new HBox(6, name, field);
        HBox.setHgrow(field, Priority.ALWAYS);
        row.getStyleClass().add("setting-row");
        Label problem = new Label();
        problem.setId("setup-" + key + "-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(setting.problemProperty());
        // Only take room when there is something to say.
        problem.managedProperty().bind(setting.problemProperty().isNotEmpty());
        problem.visibleProperty().bind(setting.problemProperty().isNotEmpty());
        field.pseudoClassStateChanged(INVALID, !setting.isValid());
        setting.problemProperty().addListener((obs, old, now) -> field.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        box.getChildren().addAll(row, problem);
    }

    private static final double LABEL_WIDTH = 122;
    private static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    private static ToggleGroup exclusive(ToggleButton... buttons) {
        ToggleGroup g = new ToggleGroup();
        for (ToggleButton b : buttons) {
            b.setToggleGroup(g);
        }
        return g;
    }

    private static void select(ToggleGroup g, String userData) {
        for (Toggle t : g.getToggles()) {
            if (userData.equals(t.getUserData())) {
                t.setSelected(true);
            }
        }
    }
}
