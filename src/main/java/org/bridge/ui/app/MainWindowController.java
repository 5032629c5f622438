package org.bridge.ui.app;

import java.nio.file.Path;
import java.util.List;

import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import org.bridge.data.DatasetSummary;
import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.common.ExperimentSetupViewModel;
import org.bridge.ui.common.FaceSetViewModel;
import org.bridge.ui.common.OpenedRuns;

/** Wires the main window's controls to {@link ExperimentSetupViewModel}. */
public final class MainWindowController {

    static final List<Integer> PAPER_RESOLUTIONS = List.of(16, 32, 64, 96);

    @FXML private javafx.scene.layout.BorderPane root;
    @FXML private Label datasetLabel;
    @FXML private Label datasetNotice;
    @FXML private ToggleButton teacherO;
    @FXML private ToggleButton teacherV;
    @FXML private ToggleButton teacherC;
    @FXML private ToggleButton teacherE;
    @FXML private Label teacherDescription;
    @FXML private ToggleButton supervisionC;
    @FXML private ToggleButton supervisionS;
    @FXML private ToggleButton supervisionDC;
    @FXML private ToggleButton supervisionSC;
    @FXML private Label supervisionDescription;
    @FXML private ComboBox<Integer> resolutionBox;
    @FXML private Label studentName;
    @FXML private Label problemLabel;
    @FXML private TabPane tabs;
    @FXML private Label statusLabel;

    private final ExperimentSetupViewModel setup = new ExperimentSetupViewModel();
    /** The open face set, shared with the tabs that show its faces. */
    private final FaceSetViewModel faceSet = new FaceSetViewModel();
    /** Controller of the included DegradationTab.fxml (FXML injects it by the include's fx:id). */
    @FXML private org.bridge.ui.degradation.DegradationTabController degradationPaneController;
    /** Controllers of the included TrainingTab.fxml and of the set-up fields below the student (SetupDetails.fxml). */
    @FXML private org.bridge.ui.training.TrainingTabController trainingPaneController;
    @FXML private org.bridge.ui.training.SetupDetailsController setupDetailsController;
    /** The runs folder as the Results, Verification, Identification and Pairs tabs show it. */
    private final org.bridge.ui.results.RunsViewModel runs = new org.bridge.ui.results.RunsViewModel();
    @FXML private org.bridge.ui.results.ResultsTabController resultsPaneController;
    @FXML private org.bridge.ui.results.VerificationTabController verificationPaneController;
    @FXML private org.bridge.ui.results.IdentificationTabController identificationPaneController;
    @FXML private org.bridge.ui.pairs.PairsTabController pairsPaneController;

    public ExperimentSetupViewModel setup() {
        return setup;
    }

    /** The controller of a main window scene (as {@link WorkbenchApp#createScene} builds it). */
    public static MainWindowController of(javafx.scene.Scene scene) {
        return (MainWindowController) scene.getRoot().getProperties().get(MainWindowController.class);
    }

    /** The tabs (Training, Verification, ...), for {@link WorkbenchSnapshots}. */
    TabPane tabs() {
        return tabs;
    }

    @FXML
    private void initialize() {
        root.getProperties().put(MainWindowController.class, this);
        // First: it restores the last set-up into `setup`, which the toggles below then show.
        trainingPaneController.attach(setup, setupDetailsController);
        degradationPaneController.showFaceSet(faceSet);
        showRuns();
        ToggleGroup teachers = exclusive(teacherO, teacherV, teacherC, teacherE);
        select(teachers, setup.teacherProperty().get().name());
        teachers.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one teacher is always chosen
            } else {
                setup.teacherProperty().set(TeacherId.valueOf((String) now.getUserData()));
            }
        });
        for (ToggleButton b : List.of(teacherO, teacherV, teacherC, teacherE)) {
            b.setTooltip(new Tooltip(TeacherId.valueOf((String) b.getUserData()).description()));
        }
        teacherDescription.textProperty().bind(setup.teacherProperty().asString().concat(": ")
                .concat(javafx.beans.binding.Bindings.createStringBinding(
                        () -> setup.teacherProperty().get().description(), setup.teacherProperty())));

        ToggleGroup supervisions = exclusive(supervisionC, supervisionS, supervisionDC, supervisionSC);
        select(supervisions, setup.supervisionProperty().get().name());
        supervisions.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                setup.supervisionProperty().set(Supervision.valueOf((String) now.getUserData()));
            }
        });
        supervisionDescription.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> setup.supervisionProperty().get().description(), setup.supervisionProperty()));

        resolutionBox.getItems().setAll(PAPER_RESOLUTIONS);
        resolutionBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.trim());
                } catch (NumberFormatException e) {
                    return setup.resolutionProperty().get();
                }
            }
        });
        resolutionBox.setValue(setup.resolutionProperty().get());
        resolutionBox.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                setup.resolutionProperty().set(now);
            }
        });

        studentName.textProperty().bind(setup.studentNameBinding());
        problemLabel.textProperty().bind(setup.problemBinding());
    }

    /** The runs shown by the result tabs; a finished run appears by polling or {@link #refreshRuns()}. */
    public org.bridge.ui.results.RunsViewModel runs() {
        return runs;
    }

    /** Re-reads the runs folder now, e.g. when the training tab's run has finished. */
    public void refreshRuns() {
        runs.refresh();
    }

    private void showRuns() {
        resultsPaneController.show(runs);
        verificationPaneController.show(runs);
        identificationPaneController.show(runs);
        OpenedRuns opened = new OpenedRuns(runs.runs(), runs.rows(), runs.selectedRows());
        pairsPaneController.show(opened);
        degradationPaneController.showRuns(opened);
        // The same runs folder the training tab writes to (settings applied).
        runs.open(trainingPaneController.locations().locations().runsDir());
        runs.pollWhileShowing(tabs);
    }

    /** New runs of the Training tab use this face set (the workbench was started on it). */
    void trainOn(Path dataset) {
        trainingPaneController.setup().followFaceSet(dataset,
                trainingPaneController.locations().locations().sampleData());
    }

    /** Shows which face set is open; the folder walk runs off the JavaFX thread. */
    void openDataset(Path dataset) {
        datasetLabel.setText("Face set: " + dataset + " (reading...)");
        faceSet.open(dataset);
        Task<DatasetSummary> read = new Task<>() {
            @Override
            protected DatasetSummary call() {
                return DatasetSummary.of(dataset);
            }
        };
        read.setOnSucceeded(e -> showDataset(read.getValue()));
        read.setOnFailed(e -> {
            datasetLabel.setText("Face set: " + dataset);
            datasetNotice.setText("Cannot open this face set: " + read.getException().getMessage());
        });
        Thread t = new Thread(read, "dataset-summary");
        t.setDaemon(true);
        t.start();
    }

    private void showDataset(DatasetSummary s) {
        datasetLabel.setText(String.format("Face set: %s, %d people, %d images%s  (%s)", s.name(), s.people(),
                s.images(), s.hasPairs() ? ", pairs.txt" : "", s.root()));
        if (s.synthetic()) {
            datasetNotice.setText("These faces are SYNTHETIC (generated by Bridge, not real people): "
                    + "numbers measured on them say nothing about real faces. For LFW, start with "
                    + "`java -jar target/bridge.jar gui --dataset ../shared/data/lfw` or set BRIDGE_LFW.");
        } else {
            datasetNotice.setText("");
        }
        statusLabel.setText("Opened " + s.root());
    }

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
