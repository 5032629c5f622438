package org.bridge.ui.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import org.bridge.config.AtomicFiles;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunLiveness;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.report.RunLosses;
import org.bridge.experiment.report.RunsSnapshot;
import org.bridge.experiment.report.SeedGroup;
import org.bridge.experiment.figures.FigureFiles;
import org.bridge.experiment.figures.PaperFigure;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Results tab: every results row of the runs folder (splits combined), sortable and
 * filterable; the rows selected here are the ones the Verification and Identification tabs
 * overlay and the Pairs tab offers first. Below, every run folder with its state. The table
 * exports (as shown: filtered and sorted) to CSV, Markdown or LaTeX through {@link ResultsTable}.
 * In the middle, every student (seeds pooled) against a baseline the user picks
 * ({@link ComparisonViewModel}).
 */
public final class ResultsTabController {

    @FXML private BorderPane root;
    @FXML private TextField filterField;
    @FXML private Label folderLabel;
    @FXML private TableView<RunGroup> resultsTable;
    @FXML private TableView<RunRecord> runsTable;
    @FXML private Label resultsStatus;
    @FXML private ComboBox<SeedGroup> baselineChoice;
    @FXML private TableView<ComparisonViewModel.Line> comparisonTable;
    @FXML private Label comparisonStatus;
    @FXML private ComboBox<RunColumnsViewModel.Column> poolChoice;
    @FXML private TableView<RunColumnsViewModel.PooledRow> pooledTable;
    @FXML private ComboBox<RunLosses.Kind> lossKind;
    @FXML private StackPane lossChartHolder;
    @FXML private Label lossEmptyLabel;
    @FXML private Label lossStatus;

    private RunsViewModel runs;
    private RunColumnsViewModel columns;
    private FilteredList<RunRecord> filteredRuns;
    private SaveDialog saveDialog = SaveDialog.fileChooser();
    private FolderDialog folderDialog = FolderDialog.directoryChooser();
    private final JFreeChart lossChart = LossCurves.create();
    private CurveOverlay<List<LossCurves.Curve>> lossOverlay;
    private List<List<LossCurves.Curve>> lossesShown = List.of();
    /** True while the table selection is being set from the model, so it is not echoed back. */
    private boolean syncing;
    private String exportMessage = "";
    private ComparisonViewModel comparison;

    /** The controller of a Results tab root (for tests, which cannot reach the FXML loader). */
    public static ResultsTabController of(Node tabRoot) {
        return (ResultsTabController) tabRoot.getProperties().get(ResultsTabController.class);
    }

    @FXML
    private void initialize() {
        root.getProperties().put(ResultsTabController.class, this);
        buildResultsColumns();
        buildRunsColumns();
        resultsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        resultsTable.setPlaceholder(new Label("No completed runs yet. Start one in the Training tab or with "
                + "`" + org.bridge.config.BuildInfo.COMMAND + " run quick`; rows appear here when a run finishes."));
        runsTable.setPlaceholder(new Label("No run folders."));
        buildComparisonColumns();
        comparisonTable.setPlaceholder(new Label("No completed students yet."));
        pooledTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        pooledTable.setPlaceholder(new Label("No rows to pool."));
        ChartViewer viewer = new ChartViewer(lossChart);
        viewer.setId("lossChart");
        lossChartHolder.getChildren().add(0, viewer);
        lossKind.getItems().setAll(RunLosses.Kind.values());
        lossKind.setValue(RunLosses.Kind.TOTAL);
        lossKind.valueProperty().addListener((obs, old, now) -> showLosses(lossesShown));
        lossOverlay = new CurveOverlay<>("loss-reader", "loss", LossCurves::read, this::showLosses, lossStatus);
        showLosses(List.of());
    }

    private void showLosses(List<List<LossCurves.Curve>> curves) {
        lossesShown = curves;
        LossCurves.show(lossChart, curves, lossKind.getValue() == null ? RunLosses.Kind.TOTAL : lossKind.getValue());
        lossEmptyLabel.setVisible(curves.isEmpty());
    }

    /** Shows the runs of {@code model} (called once by the main window). */
    public void show(RunsViewModel model) {
        this.runs = model;
        columns = new RunColumnsViewModel(model.rows());
        SortedList<RunGroup> sortedRows = new SortedList<>(columns.shownRows());
        sortedRows.comparatorProperty().bind(resultsTable.comparatorProperty());
        resultsTable.setItems(sortedRows);
        filteredRuns = new FilteredList<>(model.runs());
        SortedList<RunRecord> sortedRuns = new SortedList<>(filteredRuns);
        sortedRuns.comparatorProperty().bind(runsTable.comparatorProperty());
        runsTable.setItems(sortedRuns);
        // The snapshot is set after its runs: redraw State and Message from its liveness.
        model.snapshotProperty().addListener((obs, old, now) -> {
            runsTable.refresh();
            updateStatus();
        });

        filterField.textProperty().addListener((obs, old, now) -> applyFilter(now));
        resultsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunGroup>) c -> {
            if (!syncing) {
                model.select(new ArrayList<>(resultsTable.getSelectionModel().getSelectedItems()));
            }
        });
        model.selectedRows().addListener((ListChangeListener<RunGroup>) c -> {
            selectFromModel();
            lossOverlay.request(new ArrayList<>(model.selectedRows()));
        });
        showColumns();
        model.rows().addListener((ListChangeListener<RunGroup>) c -> updateStatus());
        model.problemProperty().addListener((obs, old, now) -> updateStatus());
        model.readingProperty().addListener((obs, old, now) -> updateStatus());
        folderLabel.textProperty().bind(model.rootProperty().asString("Runs folder: %s"));
        updateStatus();
        showComparison(new ComparisonViewModel(javafx.application.Platform::runLater, ComparisonThread.EXECUTOR));
    }

    private void showComparison(ComparisonViewModel vm) {
        this.comparison = vm;
        comparisonTable.setItems(vm.lines());
        baselineChoice.setItems(vm.students());
        baselineChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(SeedGroup g) {
                return g == null ? "" : g.label() + " \u2014 " + g.experiment();
            }

            @Override
            public SeedGroup fromString(String s) {
                return null;
            }
        });
        baselineChoice.setOnAction(e -> {
            if (!syncing) {
                vm.chooseBaseline(baselineChoice.getValue());
            }
        });
        vm.baselineProperty().addListener((obs, old, now) -> {
            syncing = true;
            try {
                baselineChoice.setValue(now);
            } finally {
                syncing = false;
            }
        });
        comparisonStatus.textProperty().bind(vm.statusProperty());
        runs.rows().addListener((ListChangeListener<RunGroup>) c -> regroup());
        regroup();
    }

    /** New rows: the students are regrouped; the combo box's transient empty value is not the user's. */
    private void regroup() {
        syncing = true;
        try {
            comparison.setRows(List.copyOf(runs.rows()));
            baselineChoice.setValue(comparison.baselineProperty().get());
        } finally {
            syncing = false;
        }
    }

    /** The comparison of this tab (for tests). */
    public ComparisonViewModel comparison() {
        return comparison;
    }

    @FXML
    private void baselineFromSelection() {
        RunGroup row = resultsTable.getSelectionModel().getSelectedItem();
        if (comparison != null && row != null) {
            comparison.chooseBaseline(comparison.students().stream()
                    .filter(g -> g.seeds().stream().anyMatch(s -> s.key().equals(row.key()))).findFirst().orElse(null));
        }
    }

    /** For tests: where exports go instead of asking the platform's dialog. */
    public void setSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
    }

    @FXML
    private void refresh() {
        if (runs != null) {
            runs.refresh();
        }
    }

    @FXML
    private void exportCsv() {
        export("csv", "CSV", "results.csv");
    }

    @FXML
    private void exportMarkdown() {
        export("md", "Markdown", "results.md");
    }

    @FXML
    private void exportLatex() {
        export("tex", "LaTeX (booktabs)", "results.tex");
    }

    private void export(String format, String description, String initialName) {
        Path file = saveDialog.ask(root.getScene().getWindow(), "Export the results table as " + description,
                initialName, description, format);
        if (file == null) {
            return;
        }
        // The rows as shown: filtered, in the table's sort order.
        List<RunRecord> records = RunGroup.recordsOf(new ArrayList<>(resultsTable.getItems()));
        int rowCount = resultsTable.getItems().size();
        Task<Void> write = new Task<>() {
            @Override
            protected Void call() throws Exception {
                // Re-reads the pair scores of each row: the file says what the folders say now.
                AtomicFiles.writeString(file, ResultsTable.of(records).format(format));
                return null;
            }
        };
        write.setOnSucceeded(e -> exportDone("Exported " + rowCount + " rows to " + file));
        write.setOnFailed(e -> exportDone("Cannot export to " + file + ": " + write.getException().getMessage()));
        Thread t = new Thread(write, "results-export");
        t.setDaemon(true);
        t.start();
    }

    @FXML
    private void exportFig4() {
        exportFigures(PaperFigure.FIG4);
    }

    @FXML
    private void exportFig5() {
        exportFigures(PaperFigure.FIG5);
    }

    @FXML
    private void exportFig6() {
        exportFigures(PaperFigure.FIG6);
    }

    @FXML
    private void exportAllFigures() {
        exportFigures(null);
    }

    /** For tests: where figures go instead of asking the platform's folder dialog. */
    public void setFolderDialog(FolderDialog dialog) {
        this.folderDialog = dialog;
    }

    /**
     * Draws {@code figure} (all when null) from the rows as shown (filtered) into a folder the user
     * picks, as {@code report --figure} does, off the JavaFX thread.
     */
    private void exportFigures(PaperFigure figure) {
        Path dir = folderDialog.ask(root.getScene().getWindow(), "Folder for the figures (SVG and PNG)");
        if (dir == null) {
            return;
        }
        List<RunRecord> records = RunGroup.recordsOf(new ArrayList<>(resultsTable.getItems()));
        Task<String> write = new Task<>() {
            @Override
            protected String call() throws Exception {
                List<String> skipped = new ArrayList<>();
                List<Path> files = figure == null
                        ? FigureFiles.writeAll(records, dir, FigureFiles.DEFAULT_WIDTH, FigureFiles.DEFAULT_HEIGHT, skipped)
                        : FigureFiles.write(figure, records, dir, FigureFiles.DEFAULT_WIDTH, FigureFiles.DEFAULT_HEIGHT);
                return "Wrote " + files.size() + " figure files to " + dir
                        + (skipped.isEmpty() ? "" : " (not drawn: " + String.join("; ", skipped) + ")");
            }
        };
        write.setOnSucceeded(e -> exportDone(write.getValue()));
        write.setOnFailed(e -> exportDone("Cannot export figures to " + dir + ": " + write.getException().getMessage()));
        Thread t = new Thread(write, "figures-export");
        t.setDaemon(true);
        t.start();
    }

    private void exportDone(String message) {
        exportMessage = message;
        updateStatus();
    }

    private void applyFilter(String text) {
        columns.setFilter(text);
        String[] words = RunColumnsViewModel.plainWords(text);
        filteredRuns.setPredicate(r -> matches(words, r.student(), r.split(), r.loss(), r.experiment(),
                r.folder().id(), r.state().name(), datasetOf(r)));
    }

    /** Every word must occur in one of the fields (so "16 sc full" narrows step by step). */
    static boolean matches(String[] words, String... fields) {
        String all = String.join(" ", fields).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!w.isEmpty() && !all.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static String datasetOf(RunRecord r) {
        try {
            return r.datasetKind();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void selectFromModel() {
        List<RunGroup> wanted = runs.selectedRows();
        Set<String> keys = new HashSet<>();
        wanted.forEach(g -> keys.add(g.key()));
        Set<String> shown = new HashSet<>();
        resultsTable.getSelectionModel().getSelectedItems().forEach(g -> shown.add(g.key()));
        if (keys.equals(shown)) {
            return;
        }
        syncing = true;
        try {
            resultsTable.getSelectionModel().clearSelection();
            for (int i = 0; i < resultsTable.getItems().size(); i++) {
                if (keys.contains(resultsTable.getItems().get(i).key())) {
                    resultsTable.getSelectionModel().select(i);
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void updateStatus() {
        List<String> parts = new ArrayList<>();
        if (runs != null) {
            if (runs.readingProperty().get()) {
                parts.add("Reading the runs folder...");
            }
            long running = runs.runs().stream().filter(r -> RunState.RUNNING.name().equals(liveness(r).label())).count();
            parts.add(runs.rows().size() + " results rows, " + runs.runs().size() + " run folders"
                    + (running > 0 ? " (" + running + " running)" : "")
                    + ". Select rows (Ctrl/Shift-click) to overlay their curves in Verification, Identification"
                    + " and Loss curves.");
            if (!runs.problemProperty().get().isEmpty()) {
                parts.add("Unreadable: " + runs.problemProperty().get());
            }
            if (columns != null && !columns.filterProblemProperty().get().isEmpty()) {
                parts.add(columns.filterProblemProperty().get());
            }
        }
        if (!exportMessage.isEmpty()) {
            parts.add(exportMessage);
        }
        resultsStatus.setText(String.join("  ", parts));
        resultsStatus.getStyleClass().remove("problem");
        if ((runs != null && !runs.problemProperty().get().isEmpty()) || exportMessage.startsWith("Cannot")) {
            resultsStatus.getStyleClass().add("problem");
        }
    }

    // ---- columns ----

    /**
     * The setting columns and the pooled view follow the view model: a column per differing
     * setting after the fixed ones, and the pooled table in place of the rows while pooling.
     */
    private void showColumns() {
        columns.settingColumns().addListener((ListChangeListener<RunColumnsViewModel.Column>) c -> rebuildSettingColumns());
        columns.filterProblemProperty().addListener((obs, old, now) -> updateStatus());
        pooledTable.setItems(columns.pooledRows());
        poolChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunColumnsViewModel.Column c) {
                return c == null ? "(no pooling)" : c.title();
            }

            @Override
            public RunColumnsViewModel.Column fromString(String s) {
                return null;
            }
        });
        poolChoice.valueProperty().addListener((obs, old, now) -> columns.pooledOverProperty().set(now));
        columns.pooledOverProperty().addListener((obs, old, now) -> {
            boolean pooled = now != null;
            pooledTable.setVisible(pooled);
            resultsTable.setVisible(!pooled);
        });
        pooledTable.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<RunColumnsViewModel.PooledRow>) c -> {
                    if (!syncing && pooledTable.isVisible()) {
                        List<RunGroup> members = new ArrayList<>();
                        pooledTable.getSelectionModel().getSelectedItems().forEach(p -> members.addAll(p.members()));
                        runs.select(members);
                    }
                });
        rebuildSettingColumns();
    }

    private void rebuildSettingColumns() {
        List<TableColumn<RunGroup, ?>> cols = new ArrayList<>(resultsTable.getColumns().stream()
                .filter(c -> !c.getStyleClass().contains("setting-column")).toList());
        List<TableColumn<RunColumnsViewModel.PooledRow, ?>> pooled = new ArrayList<>();
        for (RunColumnsViewModel.Column c : columns.columns()) {
            pooled.add(text(c.title(), p -> p.value(c), 90));
        }
        pooled.add(number("Rows", p -> (double) p.members().size(), p -> Integer.toString(p.members().size()), 50));
        pooled.add(number("Accuracy (%)", p -> p.accuracy().mean(), p -> p.accuracy().pct(), 120));
        pooled.add(number(HELD_OUT, p -> p.heldOutAccuracy().mean(), p -> p.heldOutAccuracy().pct(), 130));
        pooled.add(number(HELD_OUT_FLIP, p -> p.heldOutFlipAccuracy().mean(), p -> p.heldOutFlipAccuracy().pct(), 150));
        pooled.add(number("AUC", p -> p.auc().mean(), p -> Cells.num(p.auc().mean(), 4)
                + (Double.isNaN(p.auc().std()) ? "" : " \u00b1 " + Cells.num(p.auc().std(), 4)), 120));
        pooled.add(number("TPR@FPR=10%", p -> p.tprAtFpr10().mean(), p -> p.tprAtFpr10().pct(), 120));
        pooled.add(number("Top-1 (%)", p -> p.top1().mean(), p -> p.top1().pct(), 110));
        pooled.add(number("Top-5 (%)", p -> p.top5().mean(), p -> p.top5().pct(), 110));
        int at = 4; // after Model, Dataset, Loss, Splits
        for (RunColumnsViewModel.Column c : columns.settingColumns()) {
            TableColumn<RunGroup, String> col = text(c.title(), g -> columns.value(g, c), 90);
            col.getStyleClass().add("setting-column");
            col.setId("setting-" + c.key());
            col.setUserData(c);
            cols.add(at++, col);
        }
        resultsTable.getColumns().setAll(cols);
        pooledTable.getColumns().setAll(pooled);
        RunColumnsViewModel.Column chosen = poolChoice.getValue();
        List<RunColumnsViewModel.Column> choices = new ArrayList<>();
        choices.add(null);
        choices.addAll(columns.columns());
        poolChoice.getItems().setAll(choices);
        poolChoice.setValue(chosen != null && choices.contains(chosen) ? chosen : null);
    }

    /** The results view model of this tab (for tests). */
    public RunColumnsViewModel columns() {
        return columns;
    }

    /**
     * Accuracy on the target folds no setting was chosen on: the accuracy itself for a clean row,
     * full LFW without the leaked fold for a leaked one.
     */
    static final String HELD_OUT = "Held-out acc. (%)";
    /** {@link #HELD_OUT} with test-time flip averaging (two views per face; the paper scores one). */
    static final String HELD_OUT_FLIP = "Held-out flip-avg. (%)";

    private void buildResultsColumns() {
        resultsTable.getColumns().setAll(List.<TableColumn<RunGroup, ?>>of(
                text("Model", g -> g.row().student(), 90),
                text("Dataset", g -> g.row().dataset(), 70),
                text("Loss", g -> g.row().loss(), 70),
                text("Splits", g -> Cells.splits(g.row()), 130),
                number("Accuracy (%)", g -> g.row().accuracy(), g -> Cells.pctWithStd(g.row().accuracy(),
                        g.row().accuracyStd()), 115),
                number(HELD_OUT, g -> g.row().protocol().heldOutAccuracy(),
                        g -> Cells.pct(g.row().protocol().heldOutAccuracy()), 130),
                number("AUC", g -> g.row().auc(), g -> Cells.num(g.row().auc(), 4), 65),
                number("TPR@FPR=10%", g -> g.row().tprAtFpr10(), g -> Cells.pct(g.row().tprAtFpr10()), 110),
                number("TPR@FPR=1%", g -> g.row().tprAtFpr1(), g -> Cells.pct(g.row().tprAtFpr1()), 105),
                number("Top-1 (%)", g -> g.row().top1(), g -> Cells.pct(g.row().top1()), 75),
                number("Top-5 (%)", g -> g.row().top5(), g -> Cells.pct(g.row().top5()), 75),
                number("Params", g -> g.row().params(), g -> Cells.count(g.row().params()), 80),
                number("Train (min)", g -> g.row().trainMinutes(), g -> Cells.num(g.row().trainMinutes(), 1), 80),
                // Test-time flip averaging: beside the paper-protocol numbers, never instead of them.
                number("Acc. flip-avg. (%)", g -> g.row().flipAccuracy(), g -> Cells.pct(g.row().flipAccuracy()), 120),
                number("AUC flip-avg.", g -> g.row().flipAuc(), g -> Cells.num(g.row().flipAuc(), 4), 95),
                number(HELD_OUT_FLIP, g -> g.row().flipHeldOutAccuracy(),
                        g -> Cells.pct(g.row().flipHeldOutAccuracy()), 150),
                number("Pairs", g -> (double) g.row().pairs(), g -> Integer.toString(g.row().pairs()), 55),
                number("Seed", g -> (double) g.row().seed(), g -> Long.toString(g.row().seed()), 45),
                text("Experiment", g -> g.row().experiment(), 100),
                text("Settings chosen on", g -> g.row().protocol().label(), 160)));
        resultsTable.getColumns().get(0).setId("modelColumn");
    }

    private void buildComparisonColumns() {
        comparisonTable.getColumns().setAll(List.<TableColumn<ComparisonViewModel.Line, ?>>of(
                text("Model", l -> l.student().student(), 110),
                text("Loss", l -> l.student().loss(), 70),
                text("Seeds", l -> l.student().seedList(), 60),
                text("Accuracy (%) over seeds", ComparisonViewModel.Line::accuracy, 150),
                text("\u0394 accuracy (pp)", ComparisonViewModel.Line::difference, 110),
                text("95% interval (pp)", ComparisonViewModel.Line::interval, 130),
                text("Verdict", ComparisonViewModel.Line::verdict, 160),
                text("\u0394 TPR@FPR=10% (pp) [95%]", ComparisonViewModel.Line::tprDifference, 190),
                text("Experiment", l -> l.student().experiment(), 100)));
    }

    private void buildRunsColumns() {
        runsTable.getColumns().setAll(List.<TableColumn<RunRecord, ?>>of(
                text("Experiment", RunRecord::experiment, 100),
                text("Run", r -> r.folder().id(), 240),
                text("Student", RunRecord::student, 90),
                text("Split", RunRecord::split, 45),
                text("State", r -> liveness(r).label(), 80),
                number("Accuracy (%)", r -> r.metric("accuracy"), r -> Cells.pctWithStd(r.metric("accuracy"),
                        r.metric("accuracy_std")), 115),
                number("Top-1 (%)", r -> r.metric("top1"), r -> Cells.pct(r.metric("top1")), 75),
                text("Message", r -> {
                    RunLiveness live = liveness(r);
                    return live.explanation().isEmpty() ? r.message() : live.explanation() + "; " + r.message();
                }, 300)));
    }

    /** From the last read of the runs folder (made off this thread): a killed run shows as STOPPED. */
    private RunLiveness liveness(RunRecord r) {
        RunsSnapshot s = runs == null ? null : runs.snapshotProperty().get();
        return s != null ? s.liveness(r) : new RunLiveness(r.state().name(), "");
    }

    private static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A column that sorts by the number (missing values last) and shows it formatted. */
    private static <T> TableColumn<T, T> number(String title, Function<T, Double> value,
                                                Function<T, String> shown, double width) {
        TableColumn<T, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator((a, b) -> RunsOrder.compareNumbers(value.apply(a), value.apply(b)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shown.apply(item));
            }
        });
        c.getStyleClass().add("number-column");
        c.setPrefWidth(width);
        return c;
    }
}
