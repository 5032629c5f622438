package org.bridge.ui.training;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.config.WorkbenchSettings;
import org.bridge.distill.Supervision;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainingUiServer;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.charts.ChartExport;
import org.bridge.ui.common.Browser;
import org.bridge.ui.common.ExperimentSetupViewModel;
import org.bridge.ui.runs.BackgroundRuns;
import org.bridge.ui.runs.BatchedDelivery;
import org.bridge.ui.runs.RunEvent;
import org.bridge.ui.runs.RunFeed;
import org.bridge.ui.runs.RunQueueViewModel;
import org.bridge.ui.runs.RunRow;
import org.bridge.ui.runs.SettingsLocations;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Training tab. Run, Queue and Cancel drive {@link BackgroundRuns} (one background thread,
 * the same runner as the CLI); the runner's events come back through a {@link BatchedDelivery}
 * at most every {@value #BATCH_MILLIS} ms, and each batch updates the chart once, the progress
 * bar, ETA and status line, and re-reads the run queue when a run started or ended.
 */
public final class TrainingTabController {

    static final long BATCH_MILLIS = 200;
    /** System property: train Run in the workbench's own JVM instead of a child JVM (slower; for debugging). */
    static final String TRAIN_IN_WORKBENCH_JVM = "bridge.trainInWorkbenchJvm";

    @FXML private BorderPane trainingRoot;
    @FXML private Button runButton;
    @FXML private Button runFileButton;
    @FXML private Button queueButton;
    @FXML private Button cancelButton;
    @FXML private Button runQueuedButton;
    @FXML private ComboBox<Integer> processesBox;
    @FXML private Button settingsButton;
    @FXML private Button dl4jUiButton;
    @FXML private StackPane dl4jUiHolder;
    private final Tooltip dl4jUiTooltip = new Tooltip();
    @FXML private ProgressBar progressBar;
    @FXML private Label etaLabel;
    @FXML private Label runStatus;
    @FXML private Label setupProblem;
    @FXML private CheckBox logScaleBox;
    @FXML private Label pointsLabel;
    @FXML private StackPane chartHolder;
    @FXML private HBox gridResolutions;
    @FXML private HBox gridSupervisions;
    @FXML private HBox gridTeachers;
    @FXML private HBox gridTargets;
    @FXML private Label gridSummary;
    @FXML private Button queueGridButton;
    @FXML private TableView<RunRow> queueTable;
    @FXML private Label queueProblem;

    private final LossChart chart = new LossChart();
    private final TrainingProgress progress = new TrainingProgress(System::nanoTime);
    private final AblationGridViewModel grid = new AblationGridViewModel();
    private final ScheduledExecutorService batchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "training-feed-batches");
        t.setDaemon(true);
        return t;
    });
    private final BatchedDelivery<RunEvent> delivery =
            new BatchedDelivery<>(batchTimer, Platform::runLater, BATCH_MILLIS, this::onEvents);

    private SettingsLocations locations;
    private TrainingSetupViewModel setup;
    private BackgroundRuns runs;
    private RunQueueViewModel queue;
    /** Jobs submitted and not finished; each job ends with exactly one JobFinished event. */
    private int jobsInFlight;
    /**
     * True while Run queued works in child JVMs: their losses reach this JVM only through the run
     * folders, so the chart shows the selected run's recorded losses, re-read with the queue.
     */
    private boolean childJob;
    /** Re-reads the queue (and the selected run's losses) every few seconds while children train. */
    private final javafx.animation.Timeline childPoll = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.seconds(5), e -> pollChildren()));
    /** The folder of the run shown in the chart, for the DL4J UI button. */
    private Path currentFolder;
    private String notice = "";
    /** Why the last Run or Queue was refused; kept up to date with the set-up until it is fixed. */
    private String startRefusal = "";
    /** Reads a finished run's losses.csv when it is selected in the queue while nothing trains. */
    private final org.bridge.ui.common.LatestOnlyWorker<RunRow, RecordedLosses> recordedReader =
            new org.bridge.ui.common.LatestOnlyWorker<>("recorded-losses-reader",
                    (row, superseded) -> RecordedLosses.read(row.folder(), row.state() != null
                            && row.state() != org.bridge.experiment.RunState.RUNNING),
                    Platform::runLater, new org.bridge.ui.common.LatestOnlyWorker.Listener<>() {
                        @Override
                        public void done(RunRow row, RecordedLosses losses) {
                            showRecorded(row, losses, null);
                        }

                        @Override
                        public void failed(RunRow row, Exception error) {
                            showRecorded(row, null, error.getMessage());
                        }
                    });
    /** The run whose recorded losses the chart shows (or could not show); null while it shows live training. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> recordedRun =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private String recordedNote = "";
    /**
     * The live losses of the run training now, kept so that a resumed run's recorded history
     * (losses.csv before the iteration it resumed at) can be drawn before them.
     */
    private final List<org.bridge.distill.StudentTrainingListener.LossPoint> cellPoints = new ArrayList<>();
    private final List<Double> cellEpochEnds = new ArrayList<>();
    private boolean historyAsked;
    /** Reads a resumed run's recorded losses (a folder and the first live iteration). */
    private final org.bridge.ui.common.LatestOnlyWorker<ResumedAt, RecordedLosses> historyReader =
            new org.bridge.ui.common.LatestOnlyWorker<>("resumed-losses-reader",
                    (at, superseded) -> RecordedLosses.read(at.folder(), true).before(at.iteration()),
                    Platform::runLater, new org.bridge.ui.common.LatestOnlyWorker.Listener<>() {
                        @Override
                        public void done(ResumedAt at, RecordedLosses history) {
                            showHistory(at, history);
                        }

                        @Override
                        public void failed(ResumedAt at, Exception error) {
                            // No readable history: the chart keeps the live losses alone.
                        }
                    });

    /** A run that resumed in {@code folder} at global iteration {@code iteration}. */
    private record ResumedAt(Path folder, long iteration) {
    }

    /** How the next job records its runs (the set-up's checkbox); read by the training thread. */
    private volatile org.bridge.experiment.RunOptions runOptions = org.bridge.experiment.RunOptions.NONE;

    @FXML
    private void initialize() {
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("lossChart");
        chartHolder.getChildren().add(viewer);
        logScaleBox.selectedProperty().addListener((obs, old, now) -> chart.setLogScale(now));
        buildGrid();
        buildQueueTable();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int n = 1; n <= Math.max(2, cores); n++) {
            processesBox.getItems().add(n);
        }
        processesBox.setValue(1);
        processesBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : n == 1 ? "1 process" : n + " processes";
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        processesBox.setTooltip(new Tooltip("How Run queued trains: one run at a time in this JVM (live losses), or"
                + " N runs at once, each in its own JVM with cores/N OpenMP threads (on 2 cores two single-thread runs"
                + " train about 1.8x the samples/s of one, and single-thread runs are bit-reproducible). Children"
                + " report through their run folders: select one in the queue to see its losses so far."));
        childPoll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        dl4jUiTooltip.setWrapText(true);
        dl4jUiTooltip.setMaxWidth(380);
        Tooltip.install(dl4jUiHolder, dl4jUiTooltip);
        queueTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            updateDl4jButton();
            requestRecorded(now);
        });
        // Tests and the main window find the controller through its root.
        trainingRoot.getProperties().put(TrainingTabController.class, this);
    }

    /** Where data, teachers and runs are, with the workbench settings applied (after {@link #attach}). */
    public SettingsLocations locations() {
        return locations;
    }

    /**
     * Connects the tab to the main window's student set-up and the set-up fields of the left pane,
     * restoring the last set-up from the settings file before the main window shows it.
     */
    public void attach(ExperimentSetupViewModel student, SetupDetailsController details) {
        WorkbenchSettings settings;
        Path file = SettingsLocations.settingsFile();
        try {
            settings = new WorkbenchSettings(file);
        } catch (UserFacingException e) {
            notice = e.getMessage() + " (using defaults; saving will replace it)";
            settings = new WorkbenchSettings(file.resolveSibling(file.getFileName() + ".missing"));
        }
        locations = new SettingsLocations(settings);
        setup = new TrainingSetupViewModel(student, () -> locations.locations().lfwDir(),
                () -> locations.locations().repoDir().map(r -> r.resolve("experiments")).orElse(null));
        setup.loadFrom(settings);
        details.show(setup);
        setupProblem.textProperty().bind(setup.problemBinding());
        setup.problemBinding().addListener((obs, old, now) -> recheckRefusal());
        grid.studentsBinding().addListener((obs, old, now) -> recheckRefusal());
        runOptions = setup.runOptions();
        setup.recordDl4jStatsProperty().addListener((obs, old, now) -> runOptions = setup.runOptions());

        runs = new BackgroundRuns(this::openServices, new RunFeed(delivery::offer));
        // Run trains in a child JVM, as fast as the command line; -Dbridge.trainInWorkbenchJvm=true keeps it here.
        runs.trainInThisJvm(Boolean.getBoolean(TRAIN_IN_WORKBENCH_JVM));
        queue = new RunQueueViewModel(() -> locations.locations().runsDir());
        queueTable.setItems(queue.rows());
        // A run that starts recording creates its statistics file: re-check when the queue is re-read.
        queue.rows().addListener((javafx.collections.ListChangeListener<RunRow>) c -> updateDl4jButton());
        queueProblem.textProperty().bind(queue.problemProperty());
        queue.refresh();
        trainingRoot.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o, w0, window) -> {
                    if (window != null) {
                        window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> shutdown());
                    }
                });
            }
        });
        showState();
    }

    private ExperimentServices openServices() {
        BridgeLocations l = locations.locations();
        return new ExperimentServices(l, new RunStore(l.runsDir()), runOptions);
    }

    // ---- actions ----

    @FXML
    private void run() {
        ExperimentSpec.Students spec = spec(setup::toSpec);
        if (spec == null) {
            return;
        }
        rememberSetup();
        forgetRecorded();
        chart.clear();
        jobsInFlight++;
        runs.run(spec);
        notice = "";
        runStatus.setText("Starting " + spec.cells().size() + " run" + (spec.cells().size() == 1 ? "" : "s")
                + " of " + spec.name() + "...");
        showState();
    }

    /** Runs an experiment file as it is, of any kind: students, Fig. 3 (adaptation) or Table III. */
    @FXML
    private void runFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Run an experiment file (students, Fig. 3 adaptation or Table III teacher hallucination)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment file", "*.json"));
        locations.locations().repoDir().map(r -> r.resolve("experiments")).filter(Files::isDirectory)
                .ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            runFile(f.toPath());
        }
    }

    /** Reads the file (a refusal names it and its line) and runs it through the command line's dispatcher. */
    void runFile(Path file) {
        ExperimentSpec spec;
        try {
            spec = ExperimentSpec.read(file);
            startRefusal = "";
        } catch (UserFacingException e) {
            startRefusal = "Cannot start: " + e.getMessage();
            showState();
            return;
        }
        forgetRecorded();
        chart.clear();
        jobsInFlight++;
        runs.run(spec);
        notice = "";
        runStatus.setText("Starting " + spec.name() + " (" + spec.kind() + ") from " + file.getFileName() + "...");
        showState();
    }

    @FXML
    private void queue() {
        ExperimentSpec.Students spec = spec(setup::toSpec);
        if (spec != null) {
            rememberSetup();
            runs.queue(spec);
        }
    }

    @FXML
    private void queueGrid() {
        ExperimentSpec.Students spec = spec(() -> setup.toGridSpec(grid.selectedResolutions(), grid.selectedSupervisions(),
                grid.selectedTeachers(), grid.selectedTargets()));
        if (spec != null) {
            rememberSetup();
            runs.queue(spec);
        }
    }

    @FXML
    private void runQueued() {
        forgetRecorded();
        chart.clear();
        jobsInFlight++;
        int processes = processesBox.getValue() == null ? 1 : processesBox.getValue();
        String master = locations.settings().get(WorkbenchSettings.SPARK_MASTER).map(String::trim).orElse("");
        if (processes > 1 || !master.isEmpty()) {
            childJob = true;
            childPoll.play();
        }
        if (!master.isEmpty()) {
            runs.runQueuedOnCluster(master);
            runStatus.setText("Sending the queued runs to the cluster at " + master + "...");
        } else {
            runs.runQueued(processes);
            runStatus.setText("Working through the queued runs...");
        }
        showState();
    }

    private void pollChildren() {
        queue.refresh();
        requestRecorded(queueTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void cancel() {
        runs.cancel();
        runStatus.setText("Cancelling: the run stops after its current iteration and keeps its last checkpoint...");
    }

    @FXML
    private void refreshQueue() {
        queue.refresh();
    }

    private ExperimentSpec.Students spec(java.util.function.Supplier<ExperimentSpec.Students> build) {
        try {
            ExperimentSpec.Students spec = build.get();
            startRefusal = "";
            return spec;
        } catch (UserFacingException e) {
            startRefusal = "Cannot start: " + e.getMessage();
            showState();
            return null;
        }
    }

    /**
     * The set-up or the grid changed: a refusal shown for the old set-up says the new set-up's
     * problem, or goes when there is none, so a corrected set-up is not shown as refused.
     */
    private void recheckRefusal() {
        if (startRefusal.isEmpty()) {
            return;
        }
        String problem = setup.problemBinding().get();
        startRefusal = problem.isEmpty() ? "" : "Cannot start: " + problem;
        showState();
    }

    private void rememberSetup() {
        setup.saveTo(locations.settings());
        try {
            locations.settings().save();
        } catch (RuntimeException e) {
            notice = "The set-up could not be saved: " + e.getMessage();
        }
    }

    // ---- events from the runner, in batches on the JavaFX thread ----

    private void onEvents(List<RunEvent> events) {
        List<org.bridge.distill.StudentTrainingListener.LossPoint> points = new ArrayList<>();
        List<Double> epochEnds = new ArrayList<>();
        boolean refresh = false;
        for (RunEvent e : events) {
            progress.accept(e);
            if (e instanceof RunEvent.JobStarted) {
                notice = ""; // an older message (export, DL4J UI) no longer applies
            }
            if (e instanceof RunEvent.Loss l) {
                points.add(l.point());
            } else if (e instanceof RunEvent.Epoch) {
                refresh = true; // the queue's epoch x/y and ETA (epochs.csv has the new row)
                double x = points.isEmpty() ? chart.lastX() : points.get(points.size() - 1).globalIteration();
                if (!Double.isNaN(x)) {
                    epochEnds.add(x + 0.5);
                }
            } else if (e instanceof RunEvent.CellStarted c) {
                forgetRecorded();
                chart.add(points, epochEnds); // the end of the previous run, then a fresh chart
                points.clear();
                epochEnds.clear();
                chart.clear();
                historyReader.abandon();
                cellPoints.clear();
                cellEpochEnds.clear();
                historyAsked = false;
                currentFolder = c.folder();
                refresh = true;
            } else if (e instanceof RunEvent.CellFinished) {
                refresh = true;
            } else if (e instanceof RunEvent.ChildStarted || e instanceof RunEvent.ChildFinished) {
                refresh = true;
            } else if (e instanceof RunEvent.JobFinished) {
                jobsInFlight = Math.max(0, jobsInFlight - 1);
                if (jobsInFlight == 0) {
                    childJob = false;
                    childPoll.stop();
                }
                refresh = true;
            } else if (e instanceof RunEvent.Queued q) {
                notice = q.text(locations.locations().runsDir());
                refresh = true;
            }
        }
        chart.add(points, epochEnds);
        cellPoints.addAll(points);
        cellEpochEnds.addAll(epochEnds);
        askHistoryIfResumed();
        if (refresh) {
            queue.refresh();
        }
        showState();
    }

    /** A run whose first live iteration is not iteration 0 was resumed: its recorded losses go first. */
    private void askHistoryIfResumed() {
        if (!historyAsked && !childJob && currentFolder != null && !cellPoints.isEmpty()
                && cellPoints.get(0).globalIteration() > 0) {
            historyAsked = true;
            historyReader.submit(new ResumedAt(currentFolder, cellPoints.get(0).globalIteration()));
        }
    }

    private void showHistory(ResumedAt at, RecordedLosses history) {
        if (!at.folder().equals(currentFolder) || recordedRun.get() != null || history.points().isEmpty()) {
            return; // another run (or a finished run's recording) owns the chart by now
        }
        chart.clear();
        chart.add(history.points(), history.epochEnds());
        chart.add(cellPoints, cellEpochEnds);
        showState();
    }

    private void showState() {
        boolean busy = jobsInFlight > 0;
        runButton.setDisable(busy);
        runFileButton.setDisable(busy);
        runQueuedButton.setDisable(busy);
        processesBox.setDisable(busy);
        cancelButton.setDisable(!busy);
        // Idle, the bar keeps how the last job ended but is never indeterminate: that animation
        // would run (and cost CPU) for as long as the window is open.
        progressBar.setProgress(busy || progress.isRunning() ? progress.fraction() : Math.max(0, progress.fraction()));
        etaLabel.setText(progress.etaText());
        String status = progress.statusText();
        String message = startRefusal.isEmpty() ? notice : notice.isEmpty() ? startRefusal : startRefusal + "   " + notice;
        runStatus.setText(message.isEmpty() ? status : status + "   " + message);
        int iterations = chart.total().getItemCount();
        pointsLabel.setText(String.format("%,d iteration%s, %d epoch%s ended", iterations, iterations == 1 ? "" : "s",
                chart.epochMarkers(), chart.epochMarkers() == 1 ? "" : "s") + recordedNote);
        updateDl4jButton();
    }

    // ---- a finished run's recorded losses ----

    /** Shows the losses.csv of the run selected in the queue, unless a job is training (its chart stays). */
    private void requestRecorded(RunRow row) {
        if (row != null && (childJob || jobsInFlight == 0 && !progress.isRunning())) {
            recordedReader.submit(row);
        }
    }

    private void showRecorded(RunRow row, RecordedLosses losses, String problem) {
        if (!childJob && (jobsInFlight > 0 || progress.isRunning())) {
            return; // a job started meanwhile: its live losses own the chart
        }
        chart.clear();
        if (losses != null) {
            chart.add(losses.points(), losses.epochEnds());
            recordedNote = "  (recorded by " + row.id() + ")";
        } else {
            recordedNote = "  (" + problem + ")";
        }
        recordedRun.set(row.folder());
        showState();
    }

    private void forgetRecorded() {
        recordedReader.abandon();
        recordedRun.set(null);
        recordedNote = "";
    }

    /**
     * The finished run whose recorded losses the chart shows (set also when they could not be
     * read, then the label says why); null while the chart is the live training's.
     */
    public javafx.beans.property.ReadOnlyObjectProperty<Path> recordedRunProperty() {
        return recordedRun.getReadOnlyProperty();
    }

    // ---- chart export ----

    @FXML
    private void exportPng() {
        export("png");
    }

    @FXML
    private void exportSvg() {
        export("svg");
    }

    private void export(String ext) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the training chart");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase() + " image", "*." + ext));
        chooser.setInitialFileName("training-loss." + ext);
        if (currentFolder != null) {
            chooser.setInitialDirectory(currentFolder.toFile());
        }
        File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + ext)) {
            p = p.resolveSibling(p.getFileName() + "." + ext);
        }
        try {
            ChartExport.save(chart.chart(), p);
            notice = "Saved " + p;
        } catch (IOException | RuntimeException e) {
            notice = "Cannot save " + p + ": " + e.getMessage();
        }
        showState();
    }

    // ---- DL4J's training UI ----

    /** The run the DL4J UI button is for: the run selected in the queue, else the one in the chart. */
    private Path dl4jUiRun() {
        RunRow selected = queueTable.getSelectionModel().getSelectedItem();
        return selected != null ? selected.folder() : currentFolder;
    }

    /**
     * Enables the DL4J UI button only for a run that recorded statistics, and says why not on
     * its holder (a disabled button shows no tooltip). One file lookup, on selection and state changes.
     */
    private void updateDl4jButton() {
        Path folder = dl4jUiRun();
        String reason;
        if (folder == null) {
            reason = "Select a run in the queue (or start one) to open DL4J's training UI for it.";
        } else if (!TrainingUiServer.hasStats(new RunFolder(folder))) {
            reason = folder.getFileName() + " recorded no DL4J statistics (" + TrainingUiServer.STATS_FILE
                    + "). Tick 'Record DL4J statistics' in the set-up, then run it (again).";
        } else {
            reason = null;
        }
        dl4jUiButton.setDisable(reason != null);
        dl4jUiTooltip.setText(reason != null ? reason
                : "Open DL4J's training UI for " + folder.getFileName() + " in the browser (score, updates,"
                + " activations; it follows a run that is still training).");
    }

    @FXML
    private void openDl4jUi() {
        Path folder = dl4jUiRun();
        if (folder == null) {
            notice = "Select a run in the queue (or start one) to open DL4J's training UI for it.";
            showState();
            return;
        }
        notice = "Starting DL4J's training UI...";
        showState();
        Thread t = new Thread(() -> {
            String message;
            URI uri = null;
            try {
                uri = TrainingUiServer.open(new RunFolder(folder));
                message = "DL4J training UI for " + folder.getFileName() + ": " + uri + " (address copied to the clipboard)";
                if (!Browser.open(uri)) {
                    message += "; no browser could be opened from here";
                }
            } catch (UserFacingException e) {
                message = e.getMessage();
            } catch (IOException | RuntimeException | LinkageError e) {
                message = (uri == null ? "DL4J's training UI did not start: " : "DL4J training UI at " + uri
                        + ", but the browser did not open: ") + e;
            }
            URI page = uri;
            String m = message;
            Platform.runLater(() -> {
                if (page != null) {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(page.toString());
                    Clipboard.getSystemClipboard().setContent(c);
                }
                notice = m;
                showState();
            });
        }, "dl4j-ui-starter");
        t.setDaemon(true);
        t.start();
    }

    // ---- settings ----

    @FXML
    private void openSettings() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Workbench settings");
        dialog.setHeaderText("Where Bridge finds LFW and the teachers, and where runs go. Saved in "
                + locations.settings().file());
        dialog.initOwner(window());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        Map<SettingsLocations.Entry, Path> effective = locations.effectiveAll();
        Map<SettingsLocations.Entry, TextField> fields = new java.util.LinkedHashMap<>();
        int row = 0;
        for (SettingsLocations.Entry e : SettingsLocations.entries()) {
            TextField field = new TextField(locations.settings().get(e.settingsKey()).orElse(""));
            field.setPromptText(effective.get(e).toString());
            field.setPrefColumnCount(36);
            field.setId("settings-" + e.settingsKey());
            Button browse = new Button("Browse...");
            browse.setOnAction(a -> {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(e.label());
                File dir = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
                if (dir != null) {
                    field.setText(dir.getAbsolutePath());
                }
            });
            form.add(new Label(e.label()), 0, row);
            form.add(field, 1, row);
            form.add(browse, 2, row);
            row++;
            Label note = new Label(locations.override(e).map(o -> "This start uses " + o + ", which wins over this field.")
                    .orElse("In force: " + effective.get(e) + " (empty field: the default)"));
            note.getStyleClass().add("hint");
            form.add(note, 1, row++, 2, 1);
            fields.put(e, field);
        }
        TextField master = new TextField(locations.settings().get(WorkbenchSettings.SPARK_MASTER).orElse(""));
        master.setId("settings-" + WorkbenchSettings.SPARK_MASTER);
        master.setPromptText("spark://HOST:7077");
        form.add(new Label("Spark master URL"), 0, row);
        form.add(master, 1, row++);
        Label masterNote = new Label("Empty: Run queued trains on this machine. A URL: Run queued sends the queued runs"
                + " to that cluster, one Spark task each (the -Pcluster build; the runs folder, teacher cache and data"
                + " must be shared by every machine; experiments/CLUSTER.md).");
        masterNote.setWrapText(true);
        masterNote.getStyleClass().add("hint");
        form.add(masterNote, 1, row++, 2, 1);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            for (Map.Entry<SettingsLocations.Entry, TextField> f : fields.entrySet()) {
                String v = f.getValue().getText().trim();
                locations.settings().set(f.getKey().settingsKey(), v.isEmpty() ? null : v);
            }
            String m = master.getText().trim();
            locations.settings().set(WorkbenchSettings.SPARK_MASTER, m.isEmpty() ? null : m);
            rememberSetup();
            setup.recheckDataset();
            queue.refresh();
            notice = "Settings saved; the next run uses them.";
            showState();
        });
    }

    // ---- building ----

    private void buildGrid() {
        for (int p : AblationGridViewModel.RESOLUTIONS) {
            gridResolutions.getChildren().add(box(String.valueOf(p), "grid-p" + p, grid.resolution(p)));
        }
        for (Supervision x : Supervision.values()) {
            CheckBox b = box(x.name(), "grid-x" + x.name(), grid.supervision(x));
            b.setTooltip(new Tooltip(x.description()));
            gridSupervisions.getChildren().add(b);
        }
        for (TeacherId t : TeacherId.values()) {
            CheckBox b = box(t.name(), "grid-t" + t.name(), grid.teacher(t));
            b.setTooltip(new Tooltip(t.description()));
            gridTeachers.getChildren().add(b);
        }
        for (MimicTarget g : MimicTarget.choices()) {
            CheckBox b = box(g.key(), "grid-target-" + g.key(), grid.target(g));
            b.setTooltip(new Tooltip(g == MimicTarget.ADAPTED ? "s and sc regress onto f_a of step 1 (the paper's)"
                    : "s and sc regress onto the teacher's principal components (students named "
                    + g.suffix() + ")"));
            gridTargets.getChildren().add(b);
        }
        gridSummary.textProperty().bind(grid.summaryBinding());
        queueGridButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> grid.studentsBinding().get().isEmpty(), grid.studentsBinding()));
    }

    private static CheckBox box(String text, String id, javafx.beans.property.BooleanProperty selected) {
        CheckBox b = new CheckBox(text);
        b.setId(id);
        b.selectedProperty().bindBidirectional(selected);
        return b;
    }

    private void buildQueueTable() {
        TableColumn<RunRow, String> run = new TableColumn<>("Run");
        run.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().experiment() + "/" + c.getValue().id()));
        run.setPrefWidth(250);
        TableColumn<RunRow, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().stateText()));
        state.setPrefWidth(85);
        TableColumn<RunRow, String> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().progress()));
        progress.setPrefWidth(150);
        queueTable.getColumns().setAll(List.of(run, state, progress));
        queueTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        queueTable.setPlaceholder(new Label("No runs yet: Run or Queue one."));
        queueTable.setRowFactory(t -> {
            TableRow<RunRow> r = new TableRow<>() {
                @Override
                protected void updateItem(RunRow item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeIf(s -> s.startsWith("run-state-"));
                    if (item == null || empty) {
                        setTooltip(null);
                    } else {
                        getStyleClass().add("run-state-" + item.stateText().toLowerCase(java.util.Locale.ROOT));
                        setTooltip(new Tooltip(item.student() + "  " + item.stateText()
                                + (item.message().isEmpty() ? "" : ": " + item.message()) + "\n" + item.folder()));
                    }
                }
            };
            return r;
        });
    }

    private Window window() {
        return trainingRoot.getScene() == null ? null : trainingRoot.getScene().getWindow();
    }

    // ---- for the main window and tests ----

    public LossChart chart() {
        return chart;
    }

    public TrainingSetupViewModel setup() {
        return setup;
    }

    /** Whether the tab polls the children's run folders (only while Run queued works in child JVMs). */
    boolean isPollingChildren() {
        return childPoll.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    /** Cancels a running job and waits up to 10 s for it to record CANCELLED; saves the set-up. */
    public void shutdown() {
        if (runs == null) {
            return;
        }
        rememberSetup();
        boolean stopped = false;
        try {
            stopped = runs.shutdown(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        childPoll.stop();
        queue.close();
        recordedReader.close();
        historyReader.close();
        if (stopped) {
            batchTimer.shutdownNow(); // else a cell still finishing may report; the thread is a daemon
        }
    }
}
