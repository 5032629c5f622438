package org.bridge.ui.degradation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.bridge.config.UserFacingException;
import org.bridge.data.FaceDataset;
import org.bridge.data.FaceRecord;
import org.bridge.degrade.DegradationParams;
import org.bridge.experiment.RunFolder;
import org.bridge.degrade.FaceBox;
import org.bridge.experiment.LoadedStudent;
import org.bridge.experiment.RunRecord;
import org.bridge.ui.common.ArgbPixels;
import org.bridge.ui.common.FaceSetViewModel;
import org.bridge.ui.common.LatestOnlyWorker;
import org.bridge.ui.common.OpenedRuns;

/**
 * Wires the Degradation tab to a {@link DegradationViewModel}: any change of image, knob, seed
 * or resolution asks a {@link LatestOnlyWorker} for a new {@link DegradationPreview}, and the
 * result is drawn when it arrives. Nothing here computes pixels on the JavaFX thread.
 */
public final class DegradationTabController {

    private static final int GRID_COLUMNS = 4;
    private static final double HR_SIDE = 240;

    @FXML private TextField personFilter;
    @FXML private ComboBox<String> personBox;
    @FXML private ComboBox<FaceRecord> imageBox;
    @FXML private Button randomFaceButton;
    @FXML private TextField seedField;
    @FXML private ComboBox<Integer> resolutionChoice;
    @FXML private VBox knobPane;
    @FXML private Label paramsNotice;
    @FXML private Label runParamsNotice;
    @FXML private Button useRunParamsButton;
    @FXML private Label hrTitle;
    @FXML private Canvas hrCanvas;
    @FXML private Label boxNotice;
    @FXML private Label gridTitle;
    @FXML private GridPane perturbationGrid;
    @FXML private GridPane resolutionRow;
    @FXML private CheckBox showBilinear;
    @FXML private Label previewStatus;
    @FXML private javafx.scene.layout.BorderPane degradationRoot;
    @FXML private ComboBox<StudentChoice> studentBox;
    @FXML private Label studentNote;

    /** A trained run offered in the Student box; {@link #NONE} runs no student. */
    public record StudentChoice(Path runDir, String label) {
        static final StudentChoice NONE = new StudentChoice(null, "none");

        @Override
        public String toString() {
            return label;
        }
    }

    private final DegradationViewModel vm = new DegradationViewModel();
    private final DegradationPreview preview = new DegradationPreview();
    private final ObservableList<String> allPeople = FXCollections.observableArrayList();
    private final FilteredList<String> people = new FilteredList<>(allPeople);
    private final List<ImageView> gridViews = new ArrayList<>();
    private final List<VBox> gridCells = new ArrayList<>();
    private final List<Label> scoreLabels = new ArrayList<>();
    private LatestOnlyWorker<StudentScorer.Request, LoadedStudent.PerturbationScores> scorer;
    /** Filters the runs folder's runs down to those with a model.zip, off the JavaFX thread. */
    private final java.util.concurrent.ExecutorService runLister = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "degradation-student-list");
                t.setDaemon(true);
                return t;
            });
    private final List<ImageView> cleanViews = new ArrayList<>();
    private final List<ImageView> bilinearViews = new ArrayList<>();
    private LatestOnlyWorker<PreviewRequest, PreviewResult> worker;
    private FaceDataset dataset;
    private PreviewResult shown;
    private LoadedStudent.PerturbationScores lastScores;
    private File lastDirectory;

    public DegradationViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        worker = new LatestOnlyWorker<>("degradation-preview", preview::render, Platform::runLater,
                new LatestOnlyWorker.Listener<>() {
                    @Override
                    public void done(PreviewRequest request, PreviewResult result) {
                        show(result);
                    }

                    @Override
                    public void failed(PreviewRequest request, Exception error) {
                        showFailure(request, error);
                    }
                });
        scorer = new LatestOnlyWorker<>("degradation-student", new StudentScorer()::score, Platform::runLater,
                new LatestOnlyWorker.Listener<>() {
                    @Override
                    public void done(StudentScorer.Request request, LoadedStudent.PerturbationScores result) {
                        showScores(request, result);
                    }

                    @Override
                    public void failed(StudentScorer.Request request, Exception error) {
                        showScoreFailure(request, error);
                    }
                });
        degradationRoot.getProperties().put(DegradationTabController.class, this);
        // The notice takes no room until a file was saved or loaded.
        paramsNotice.managedProperty().bind(paramsNotice.textProperty().isNotEmpty());
        buildKnobs();
        buildResolutionRow();
        buildSeedField();
        buildResolutionChoice();
        buildFaceChoice();
        buildStudentChoice();
        buildRunParamsHint();

        vm.paramsBinding().addListener(obs -> requestPreview());
        vm.seedProperty().addListener(obs -> requestPreview());
        vm.resolutionProperty().addListener(obs -> requestPreview());
        vm.imageProperty().addListener(obs -> requestPreview());
        vm.paramsBinding().addListener(obs -> requestScores());
        vm.seedProperty().addListener(obs -> requestScores());
        vm.imageProperty().addListener(obs -> requestScores());
        vm.resolutionProperty().addListener(obs -> showStudentNote());
        studentBox.valueProperty().addListener(obs -> requestScores());
        status("Waiting for the face set to be read...", false);
    }

    /** Offers the faces of the workbench's open face set (called by the main window). */
    public void showFaceSet(FaceSetViewModel faceSet) {
        faceSet.datasetProperty().addListener((obs, old, now) -> useDataset(now));
        faceSet.problemProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                status(now + ". Open an image file instead.", true);
            }
        });
        useDataset(faceSet.datasetProperty().get());
    }

    private void useDataset(FaceDataset d) {
        dataset = d;
        personFilter.clear();
        allPeople.setAll(d == null ? List.of() : d.people());
        randomFaceButton.setDisable(d == null);
        if (d != null && !people.isEmpty()) {
            personBox.getSelectionModel().selectFirst();
        }
    }

    /**
     * Offers the trained runs of the runs folder (those with a model.zip) in the Student box,
     * updated whenever the folder is re-read (called by the main window).
     */
    public void showRuns(OpenedRuns runs) {
        runs.runs().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> listStudents(runs.runs()));
        listStudents(runs.runs());
    }

    private void listStudents(List<RunRecord> records) {
        List<RunRecord> snapshot = List.copyOf(records);
        runLister.execute(() -> {
            List<StudentChoice> trained = new ArrayList<>();
            for (RunRecord r : snapshot) {
                if (LoadedStudent.hasModel(r.folder().dir())) {
                    trained.add(choice(r.folder().dir(), r.student() + "  " + r.experiment() + "/" + r.folder().id()));
                }
            }
            Platform.runLater(() -> setStudents(trained));
        });
    }

    private static StudentChoice choice(Path runDir, String label) {
        return new StudentChoice(runDir.toAbsolutePath().normalize(), label);
    }

    private void setStudents(List<StudentChoice> trained) {
        StudentChoice selected = studentBox.getValue();
        List<StudentChoice> items = new ArrayList<>();
        items.add(StudentChoice.NONE);
        items.addAll(trained);
        if (selected != null && selected.runDir() != null && !items.contains(selected)) {
            items.add(selected); // chosen by hand (useStudent); stays while it is shown
        }
        studentBox.getItems().setAll(items);
        studentBox.setValue(selected == null ? StudentChoice.NONE : selected);
    }

    /** Runs the student of {@code runDir} on the face shown (also offered in the Student box). */
    public void useStudent(Path runDir) {
        StudentChoice c = choice(runDir, runDir.getParent().getFileName() + "/" + runDir.getFileName());
        for (StudentChoice existing : studentBox.getItems()) {
            if (c.runDir().equals(existing.runDir())) {
                c = existing;
            }
        }
        if (!studentBox.getItems().contains(c)) {
            studentBox.getItems().add(c);
        }
        studentBox.setValue(c);
    }

    /** The cosine shown under each perturbation tile ("" while there is none), in tile order. */
    public List<String> scoreTexts() {
        return scoreLabels.stream().map(Label::getText).toList();
    }

    // ---- building the controls ----

    private void buildKnobs() {
        String section = null;
        GridPane rows = null;
        for (DegradationKnob k : vm.knobs()) {
            if (!k.section().equals(section)) {
                section = k.section();
                rows = new GridPane();
                rows.getStyleClass().add("knob-rows");
                rows.setHgap(6);
                rows.setVgap(2);
                ColumnConstraints name = new ColumnConstraints(96);
                ColumnConstraints slider = new ColumnConstraints(60, 100, Double.MAX_VALUE);
                slider.setHgrow(Priority.ALWAYS);
                ColumnConstraints value = new ColumnConstraints(42);
                value.setHalignment(HPos.RIGHT);
                rows.getColumnConstraints().setAll(name, slider, value);
                TitledPane pane = new TitledPane(section, rows);
                pane.getStyleClass().add("knob-section");
                knobPane.getChildren().add(pane);
            }
            addKnobRow(rows, k);
        }
    }

    private void addKnobRow(GridPane rows, DegradationKnob k) {
        Label name = new Label(k.label());
        Slider slider = new Slider(k.min(), k.max(), k.get());
        slider.setId(sliderId(k.key()));
        slider.getStyleClass().add("knob-slider");
        slider.setBlockIncrement(k.step());
        Label value = new Label(k.format(k.get()));
        value.getStyleClass().add("knob-value");
        Tooltip tip = new Tooltip(k.key() + ": " + k.help() + " Range " + k.format(k.min()) + ".."
                + k.format(k.max()) + ".");
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        name.setTooltip(tip);
        slider.setTooltip(tip);
        // Not a bidirectional binding: values dragged on the slider snap to the knob's step,
        // values loaded from a file reach the slider unchanged.
        boolean[] followingKnob = {false};
        slider.valueProperty().addListener((obs, old, v) -> {
            double snapped = k.snap(v.doubleValue());
            if (!followingKnob[0] && snapped != k.get()) {
                k.set(snapped);
            }
        });
        k.valueProperty().addListener((obs, old, v) -> {
            value.setText(k.format(v.doubleValue()));
            if (k.snap(slider.getValue()) != v.doubleValue()) {
                followingKnob[0] = true;
                try {
                    slider.setValue(v.doubleValue());
                } finally {
                    followingKnob[0] = false;
                }
            }
        });
        int row = rows.getRowCount();
        rows.add(name, 0, row);
        rows.add(slider, 1, row);
        rows.add(value, 2, row);
    }

    /** The node id of a knob's slider: its setting's path with dots as dashes, after {@code knob-}. */
    public static String sliderId(String key) {
        return "knob-" + key.replace('.', '-');
    }

    private void buildResolutionRow() {
        List<Integer> rs = DegradationViewModel.PAPER_RESOLUTIONS;
        for (int i = 0; i < rs.size(); i++) {
            Label title = new Label(rs.get(i) + " x " + rs.get(i));
            title.getStyleClass().add("hint");
            ImageView clean = tile("clean-face");
            ImageView bilinear = tile("bilinear-face");
            bilinear.visibleProperty().bind(showBilinear.selectedProperty());
            bilinear.managedProperty().bind(showBilinear.selectedProperty());
            cleanViews.add(clean);
            bilinearViews.add(bilinear);
            resolutionRow.add(title, i, 0);
            resolutionRow.add(clean, i, 1);
            resolutionRow.add(bilinear, i, 2);
        }
    }

    private static ImageView tile(String styleClass) {
        ImageView v = new ImageView();
        // The pixels are already enlarged by whole factors; smoothing would only blur them.
        v.setSmooth(false);
        v.getStyleClass().add(styleClass);
        return v;
    }

    private void buildSeedField() {
        // Only an optional minus and digits can be typed; the seed changes on Enter or focus loss.
        TextFormatter<Long> formatter = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Long fromString(String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return vm.seedProperty().get();
                }
            }
        }, vm.seedProperty().get(), change -> change.getControlNewText().matches("-?\\d{0,18}") ? change : null);
        seedField.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.seedProperty().set(v);
            }
        });
        vm.seedProperty().addListener((obs, old, v) -> formatter.setValue(v.longValue()));
        seedField.setTooltip(new Tooltip("The experiment seed; this face is image 0 of it, so the grid shows the"
                + " same pixels as `" + org.bridge.config.BuildInfo.COMMAND + " degrade IMAGE --seed N`."));
    }

    private void buildResolutionChoice() {
        resolutionChoice.getItems().setAll(DegradationViewModel.PAPER_RESOLUTIONS);
        resolutionChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    status("Grid p must be a whole number of pixels, got '" + s + "'", true);
                    return vm.resolutionProperty().get();
                }
            }
        });
        resolutionChoice.setValue(vm.resolutionProperty().get());
        resolutionChoice.valueProperty().addListener((obs, old, now) -> {
            if (now == null) {
                return;
            }
            var problem = DegradationViewModel.resolutionProblem(now);
            if (problem.isPresent()) {
                status(problem.get(), true);
                resolutionChoice.setValue(vm.resolutionProperty().get());
            } else {
                vm.resolutionProperty().set(now);
            }
        });
        resolutionChoice.setTooltip(new Tooltip("Side p of the 16 perturbations: 16, 32, 64, 96 or any other"
                + " (type it and press Enter)"));
    }

    private void buildStudentChoice() {
        studentBox.getItems().setAll(StudentChoice.NONE);
        studentBox.setValue(StudentChoice.NONE);
        Tooltip tip = new Tooltip("A trained run's student (model.zip in the runs folder). Under each perturbation:"
                + " the cosine of the student's 128-D feature of it, made at the student's resolution, to the"
                + " feature of the same face cleanly resized to that resolution (1 = unchanged by D(I)).");
        tip.setWrapText(true);
        tip.setMaxWidth(380);
        studentBox.setTooltip(tip);
        studentNote.managedProperty().bind(studentNote.textProperty().isNotEmpty());
    }

    /** The chosen run's D(I), when the knobs differ from it: said, with one click to take it. */
    private void buildRunParamsHint() {
        runParamsNotice.textProperty().bind(vm.runDifferenceBinding());
        runParamsNotice.managedProperty().bind(runParamsNotice.textProperty().isNotEmpty());
        runParamsNotice.visibleProperty().bind(runParamsNotice.managedProperty());
        useRunParamsButton.managedProperty().bind(runParamsNotice.managedProperty());
        useRunParamsButton.visibleProperty().bind(runParamsNotice.managedProperty());
        useRunParamsButton.setTooltip(new Tooltip("Sets every knob and the face box to the degradation the chosen"
                + " run trained with (its config.json); the grid keeps its number of perturbations."));
        studentBox.valueProperty().addListener((obs, old, c) -> readRunParams(c));
    }

    /** Reads the chosen run's D(I) from its config.json, off the JavaFX thread. */
    private void readRunParams(StudentChoice c) {
        vm.runParamsProperty().set(null);
        if (c == null || c.runDir() == null) {
            return;
        }
        runLister.execute(() -> {
            DegradationParams p;
            try {
                RunFolder run = new RunFolder(c.runDir());
                p = run.readJson(RunFolder.CONFIG)
                        .filter(cfg -> cfg.has("degradation") && cfg.get("degradation").isJsonObject())
                        .map(cfg -> DegradationParams.fromJson(cfg.get("degradation").toString(),
                                run.file(RunFolder.CONFIG).toString()))
                        .orElse(null);
            } catch (RuntimeException unreadable) {
                p = null; // the student note reports a broken run when it is scored
            }
            DegradationParams read = p;
            Platform.runLater(() -> {
                if (c.equals(studentBox.getValue())) {
                    vm.runLabelProperty().set(c.label());
                    vm.runParamsProperty().set(read);
                }
            });
        });
    }

    @FXML
    private void useRunParams() {
        vm.useRunParams();
    }

    private void buildFaceChoice() {
        personBox.setItems(people);
        personFilter.textProperty().addListener((obs, old, text) -> {
            String needle = text.trim().toLowerCase(Locale.ROOT);
            people.setPredicate(needle.isEmpty() ? null
                    : p -> p.toLowerCase(Locale.ROOT).replace('_', ' ').contains(needle.replace('_', ' ')));
            if (people.isEmpty() && !allPeople.isEmpty()) {
                showNoPerson(text.trim());
            } else if (!people.isEmpty() && !people.contains(personBox.getValue())) {
                personBox.getSelectionModel().selectFirst();
            }
        });
        personBox.valueProperty().addListener((obs, old, person) -> {
            List<FaceRecord> images = dataset == null || person == null ? List.of() : dataset.imagesOf(person);
            imageBox.getItems().setAll(images);
            if (!images.isEmpty()) {
                imageBox.getSelectionModel().selectFirst();
            }
        });
        StringConverter<FaceRecord> names = new StringConverter<>() {
            @Override
            public String toString(FaceRecord r) {
                return r == null ? "" : "#" + r.number() + "  " + r.file().getFileName();
            }

            @Override
            public FaceRecord fromString(String s) {
                throw new UnsupportedOperationException("the image list is not editable");
            }
        };
        imageBox.setConverter(names);
        imageBox.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FaceRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty ? null : names.toString(r));
            }
        });
        imageBox.valueProperty().addListener((obs, old, r) -> {
            if (r != null) {
                vm.imageProperty().set(r.file());
            }
        });
        randomFaceButton.setDisable(true);
    }

    /** A search that matches nobody: no face stays on screen as if it were the answer. */
    private void showNoPerson(String search) {
        personBox.setValue(null);
        imageBox.getItems().clear();
        worker.abandon(); // a preview still being computed is not shown
        vm.imageProperty().set(null);
        shown = null;
        GraphicsContext g = hrCanvas.getGraphicsContext2D();
        g.setFill(Color.web("#e6e9ed"));
        g.fillRect(0, 0, hrCanvas.getWidth(), hrCanvas.getHeight());
        hrTitle.setText("High-resolution image");
        boxNotice.setText("");
        gridViews.forEach(v -> v.setImage(null));
        cleanViews.forEach(v -> v.setImage(null));
        bilinearViews.forEach(v -> v.setImage(null));
        status("No person matches '" + search + "'.", true);
    }

    // ---- actions ----

    @FXML
    private void pickRandomFace() {
        if (dataset == null || dataset.size() == 0) {
            return;
        }
        FaceRecord r = dataset.records().get(ThreadLocalRandom.current().nextInt(dataset.size()));
        personFilter.clear();
        personBox.setValue(r.person());
        imageBox.setValue(r);
    }

    @FXML
    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a face image");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images (JPEG, PNG, PGM, BMP)",
                        "*.jpg", "*.jpeg", "*.png", "*.pgm", "*.bmp", "*.JPG", "*.JPEG", "*.PNG", "*.PGM", "*.BMP"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialDirectory(chooser);
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            lastDirectory = f.getParentFile();
            imageBox.getSelectionModel().clearSelection();
            vm.imageProperty().set(f.toPath());
        }
    }

    @FXML
    private void newSeed() {
        vm.newSeed();
    }

    @FXML
    private void saveParams() {
        FileChooser chooser = jsonChooser("Save degradation parameters");
        chooser.setInitialFileName("degradation.json");
        File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        lastDirectory = f.getParentFile();
        try {
            vm.params().write(f.toPath());
            paramsNotice(f.getName() + " saved. Use it with `" + org.bridge.config.BuildInfo.COMMAND + " degrade --params`, or paste its object as"
                    + " the \"degradation\" section of an experiment file.", false);
        } catch (IOException e) {
            paramsNotice("Cannot write " + f + ": " + e.getMessage(), true);
        }
    }

    @FXML
    private void loadParams() {
        File f = jsonChooser("Load degradation parameters").showOpenDialog(window());
        if (f == null) {
            return;
        }
        lastDirectory = f.getParentFile();
        try {
            vm.load(DegradationParams.read(f.toPath()));
            paramsNotice("Loaded " + f, false);
        } catch (UserFacingException e) {
            paramsNotice(e.getMessage(), true);
        }
    }

    @FXML
    private void resetParams() {
        vm.load(DegradationParams.defaults());
        paramsNotice("Back to the defaults (DegradationParams.defaults()).", false);
    }

    @FXML
    private void useLfwBox() {
        vm.baseBoxProperty().set(FaceBox.lfwDeepFunneled());
    }

    @FXML
    private void fitBoxToImage() {
        if (shown != null) {
            vm.fitBaseBox(shown.hr().width(), shown.hr().height());
        }
    }

    private FileChooser jsonChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        initialDirectory(chooser);
        return chooser;
    }

    private void initialDirectory(FileChooser chooser) {
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
    }

    private Window window() {
        return knobPane.getScene() == null ? null : knobPane.getScene().getWindow();
    }

    // ---- preview ----

    private void requestPreview() {
        Path image = vm.imageProperty().get();
        if (image == null) {
            return;
        }
        PreviewRequest q = new PreviewRequest(image, vm.params(), vm.seedProperty().get(),
                vm.resolutionProperty().get());
        status("Computing " + q.params().count() + " perturbations of " + image.getFileName() + "...", false);
        worker.submit(q);
    }

    private void show(PreviewResult r) {
        shown = r;
        PreviewRequest q = r.request();
        drawHr(r);
        int count = r.perturbations().size();
        while (gridViews.size() < count) {
            ImageView v = tile("perturbation");
            Label score = new Label();
            score.getStyleClass().add("perturbation-score");
            VBox cell = new VBox(1, v, score);
            score.managedProperty().bind(score.textProperty().isNotEmpty());
            perturbationGrid.add(cell, gridViews.size() % GRID_COLUMNS, gridViews.size() / GRID_COLUMNS);
            gridViews.add(v);
            gridCells.add(cell);
            scoreLabels.add(score);
        }
        while (gridViews.size() > count) {
            gridViews.remove(gridViews.size() - 1);
            scoreLabels.remove(scoreLabels.size() - 1);
            perturbationGrid.getChildren().remove(gridCells.remove(gridCells.size() - 1));
        }
        if (lastScores != null) {
            showScoreTexts(lastScores);
        }
        for (int i = 0; i < count; i++) {
            gridViews.get(i).setImage(r.perturbations().get(i).toImage());
        }
        gridTitle.setText(String.format(Locale.ROOT, "%d perturbations at %d x %d, shown %dx", count,
                q.resolution(), q.resolution(), r.gridFactor()));
        for (int i = 0; i < cleanViews.size(); i++) {
            cleanViews.get(i).setImage(r.clean().get(i).toImage());
            bilinearViews.get(i).setImage(r.bilinear().get(i).toImage());
        }
        boxNotice.setText(r.baseBoxOutsideImage()
                ? "The face box reaches outside this image, where the crop repeats the edge pixels. The default box"
                + " frames deep-funneled LFW (250 x 250); for other images try 'Box = whole image'."
                : "");
        status(String.format(Locale.ROOT, "%s: %d perturbations at %d x %d in %d ms. Seed %d: the same pixels as"
                        + " `" + org.bridge.config.BuildInfo.COMMAND + " degrade %s --seed %d --resolution %d` with these parameters.",
                q.image().getFileName(), count, q.resolution(), q.resolution(), r.millis(), q.seed(),
                q.image().getFileName(), q.seed(), q.resolution()), false);
    }

    // ---- the loaded student ----

    private void requestScores() {
        StudentChoice c = studentBox.getValue();
        Path image = vm.imageProperty().get();
        if (c == null || c.runDir() == null || image == null) {
            lastScores = null;
            scorer.abandon(); // a scoring still under way is not shown
            scoreLabels.forEach(l -> l.setText(""));
            showStudentNote();
            return;
        }
        StudentScorer.Request q = new StudentScorer.Request(c.runDir(), image, vm.params(), vm.seedProperty().get());
        studentNote.getStyleClass().remove("problem");
        studentNote.setText("Running " + c.label() + " on the perturbations...");
        scorer.submit(q);
    }

    private void showScores(StudentScorer.Request q, LoadedStudent.PerturbationScores s) {
        lastScores = s;
        showScoreTexts(s);
        showStudentNote();
    }

    private void showScoreTexts(LoadedStudent.PerturbationScores s) {
        for (int i = 0; i < scoreLabels.size(); i++) {
            scoreLabels.get(i).setText(i < s.cosines().size()
                    ? String.format(Locale.ROOT, "cos %.3f", s.cosines().get(i)) : "");
        }
    }

    private void showStudentNote() {
        LoadedStudent.PerturbationScores s = lastScores;
        studentNote.getStyleClass().remove("problem");
        if (s == null) {
            studentNote.setText("");
            return;
        }
        double mean = s.cosines().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double min = s.cosines().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        int p = s.resolution();
        String note = String.format(Locale.ROOT, "%s: cosine of each perturbation's feature to the clean %d x %d"
                + " face's (mean %.3f, lowest %.3f).", s.student(), p, p, mean, min);
        if (vm.resolutionProperty().get() != p) {
            note += String.format(Locale.ROOT, " The student sees these faces at %d x %d, not at the grid's %d x %d.",
                    p, p, vm.resolutionProperty().get(), vm.resolutionProperty().get());
        }
        studentNote.setText(note);
    }

    private void showScoreFailure(StudentScorer.Request q, Exception e) {
        lastScores = null;
        scoreLabels.forEach(l -> l.setText(""));
        String message = e instanceof UserFacingException ? e.getMessage() : e.toString();
        studentNote.setText("Cannot run the student of " + q.runDir().getFileName() + ": " + message);
        if (!studentNote.getStyleClass().contains("problem")) {
            studentNote.getStyleClass().add("problem");
        }
    }

    private void drawHr(PreviewResult r) {
        ArgbPixels hr = r.hr();
        double scale = Math.min(HR_SIDE / hr.width(), HR_SIDE / hr.height());
        double ox = (HR_SIDE - hr.width() * scale) / 2;
        double oy = (HR_SIDE - hr.height() * scale) / 2;
        GraphicsContext g = hrCanvas.getGraphicsContext2D();
        g.setFill(Color.web("#e6e9ed"));
        g.fillRect(0, 0, hrCanvas.getWidth(), hrCanvas.getHeight());
        g.drawImage(hr.toImage(), ox, oy, hr.width() * scale, hr.height() * scale);
        g.setLineWidth(1);
        g.setStroke(Color.rgb(255, 214, 0, 0.6));
        for (FaceBox b : r.jitteredBoxes()) {
            strokeBox(g, b, scale, ox, oy);
        }
        g.setLineWidth(2);
        g.setStroke(Color.rgb(0, 220, 255));
        strokeBox(g, r.request().params().baseBox(), scale, ox, oy);
        hrTitle.setText(String.format(Locale.ROOT, "%s (%d x %d)", r.request().image().getFileName(), hr.width(),
                hr.height()));
    }

    private static void strokeBox(GraphicsContext g, FaceBox box, double scale, double ox, double oy) {
        double[] c = BoxOutline.corners(box);
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = ox + c[2 * i] * scale;
            ys[i] = oy + c[2 * i + 1] * scale;
        }
        g.strokePolygon(xs, ys, 4);
    }

    private void showFailure(PreviewRequest q, Exception e) {
        String message = e instanceof UserFacingException ? e.getMessage() : e.toString();
        status("Cannot show " + q.image() + ": " + message, true);
    }

    private void paramsNotice(String text, boolean problem) {
        paramsNotice.setText(text);
        paramsNotice.getStyleClass().remove("problem");
        if (problem) {
            paramsNotice.getStyleClass().add("problem");
        }
    }

    private void status(String text, boolean problem) {
        previewStatus.setText(text);
        previewStatus.getStyleClass().remove("problem");
        if (problem) {
            previewStatus.getStyleClass().add("problem");
        }
    }
}
