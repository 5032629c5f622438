package org.bridge.ui.pairs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.ScoredPair;
import org.bridge.experiment.ScoredPairs;
import org.bridge.experiment.TeacherPairScores;
import org.bridge.teacher.TeacherWeights;
import org.bridge.ui.common.LatestOnlyWorker;
import org.bridge.ui.common.OpenedRuns;

/**
 * The Pairs tab: the target pairs of one results row with the student's cosine score, its fold's
 * threshold and the verdict; the chosen pair's two faces as stored next to the p x p inputs the
 * student saw. Sorted by signed margin so the most confident errors come first. The teacher's
 * cosine is computed only when asked for (it runs the teacher network).
 */
public final class PairsTabController {

    @FXML private BorderPane root;
    @FXML private ComboBox<RunGroup> runBox;
    @FXML private ComboBox<PairFilter.Kind> kindBox;
    @FXML private ComboBox<PairFilter.Outcome> outcomeBox;
    @FXML private Label pairsSummary;
    @FXML private TableView<ScoredPair> pairsTable;
    @FXML private Label faceATitle;
    @FXML private Label faceBTitle;
    @FXML private ImageView highA;
    @FXML private ImageView highB;
    @FXML private Label inputTitle;
    @FXML private ImageView inputA;
    @FXML private ImageView inputB;
    @FXML private Label scoreLabel;
    @FXML private Label thresholdLabel;
    @FXML private Label verdictLabel;
    @FXML private Label teacherLabel;
    @FXML private Button teacherButton;
    @FXML private Label pairsStatus;

    private final ObservableList<ScoredPair> pairs = FXCollections.observableArrayList();
    /** The rows offered; a copy of the model's, so a refresh can keep the choice by key. */
    private final ObservableList<RunGroup> choices = FXCollections.observableArrayList();
    /** True while the offered rows are replaced: the combo box's transient empty value is ignored. */
    private boolean replacingChoices;
    private final FilteredList<ScoredPair> filtered = new FilteredList<>(pairs);
    private final PairFacesLoader loader = new PairFacesLoader(BridgeLocations.fromSystem());
    private final TeacherPairScores teacherScores =
            new TeacherPairScores(new TeacherWeights(BridgeLocations.fromSystem().teacherCache()));
    private LatestOnlyWorker<RunGroup, List<ScoredPair>> pairsWorker;
    private LatestOnlyWorker<FaceRequest, PairFaces> facesWorker;
    private LatestOnlyWorker<FaceRequest, TeacherPairScores.Score> teacherWorker;
    private TableColumn<ScoredPair, ScoredPair> marginColumn;
    private OpenedRuns runs;
    /** The row whose pairs are listed (null when none). */
    private RunGroup listed;
    /** The pair whose faces are shown, so late answers for another pair are dropped. */
    private ScoredPair shownPair;

    /** A pair of a run: which run's folder, dataset and degradation to use for it. */
    record FaceRequest(RunRecord run, ScoredPair pair) {
    }

    public static PairsTabController of(Node tabRoot) {
        return (PairsTabController) tabRoot.getProperties().get(PairsTabController.class);
    }

    @FXML
    private void initialize() {
        root.getProperties().put(PairsTabController.class, this);
        pairsWorker = new LatestOnlyWorker<>("pair-scores-reader", (g, superseded) -> g.scoredPairs(),
                Platform::runLater, new LatestOnlyWorker.Listener<>() {
                    @Override
                    public void done(RunGroup g, List<ScoredPair> read) {
                        showPairs(g, read);
                    }

                    @Override
                    public void failed(RunGroup g, Exception e) {
                        showPairs(g, List.of());
                        status("Cannot read the pairs of " + g.label() + ": " + e.getMessage(), true);
                    }
                });
        facesWorker = new LatestOnlyWorker<>("pair-faces", (q, superseded) -> loader.load(q.run(), q.pair()),
                Platform::runLater, new LatestOnlyWorker.Listener<>() {
                    @Override
                    public void done(FaceRequest q, PairFaces faces) {
                        if (q.pair().equals(shownPair)) {
                            showFaces(faces);
                        }
                    }

                    @Override
                    public void failed(FaceRequest q, Exception e) {
                        if (q.pair().equals(shownPair)) {
                            clearImages();
                            status("Cannot show the faces: " + e.getMessage(), true);
                        }
                    }
                });
        teacherWorker = new LatestOnlyWorker<>("teacher-pair-score", (q, superseded) -> {
            var f = loader.faces(q.run());
            return teacherScores.score(f.teacher(), f.face(q.pair().personA(), q.pair().imageA()),
                    f.face(q.pair().personB(), q.pair().imageB()));
        }, Platform::runLater, new LatestOnlyWorker.Listener<>() {
            @Override
            public void done(FaceRequest q, TeacherPairScores.Score s) {
                if (q.pair().equals(shownPair)) {
                    teacherLabel.setText("Teacher cosine (" + teacherOf(q.run()) + "): "
                            + s.text());
                    teacherButton.setDisable(false);
                }
            }

            @Override
            public void failed(FaceRequest q, Exception e) {
                if (q.pair().equals(shownPair)) {
                    teacherLabel.setText("Teacher cosine: unavailable: " + e.getMessage());
                    teacherButton.setDisable(false);
                }
            }
        });

        runBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunGroup g) {
                return g == null ? "" : g.label() + "  [" + g.row().experiment() + "]";
            }

            @Override
            public RunGroup fromString(String s) {
                return null; // not editable
            }
        });
        runBox.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RunGroup g, boolean empty) {
                super.updateItem(g, empty);
                setText(empty || g == null ? null : runBox.getConverter().toString(g));
            }
        });
        runBox.setItems(choices);
        runBox.valueProperty().addListener((obs, old, now) -> {
            if (!replacingChoices) {
                listPairs(now);
            }
        });
        kindBox.getItems().setAll(PairFilter.Kind.values());
        kindBox.setValue(PairFilter.Kind.ALL);
        outcomeBox.getItems().setAll(PairFilter.Outcome.values());
        outcomeBox.setValue(PairFilter.Outcome.ALL);
        kindBox.valueProperty().addListener(obs -> applyFilter());
        outcomeBox.valueProperty().addListener(obs -> applyFilter());

        buildColumns();
        SortedList<ScoredPair> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(pairsTable.comparatorProperty());
        pairsTable.setItems(sorted);
        pairsTable.getSortOrder().setAll(List.of(marginColumn));
        pairsTable.setPlaceholder(new Label("Choose a run above (rows selected in the Results tab come first)."));
        pairsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ScoredPair p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().remove("wrong-pair");
                if (!empty && p != null && !p.correct()) {
                    getStyleClass().add("wrong-pair");
                }
            }
        });
        pairsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showPair(now));
        showPair(null);
    }

    /** Offers the rows of {@code model}, starting with the first one selected in the Results tab. */
    public void show(OpenedRuns model) {
        this.runs = model;
        choices.setAll(model.rows());
        model.selectedRows().addListener((ListChangeListener<RunGroup>) c -> followSelection());
        model.rows().addListener((ListChangeListener<RunGroup>) c -> keepChoice());
        followSelection();
    }

    /** The first selected row becomes the listed one, unless the listed one is among the selected. */
    private void followSelection() {
        List<RunGroup> sel = runs.selectedRows();
        if (sel.isEmpty()) {
            return;
        }
        RunGroup current = runBox.getValue();
        if (current == null || sel.stream().noneMatch(g -> g.key().equals(current.key()))) {
            runBox.setValue(sel.get(0));
        }
    }

    /** After a refresh, the same row (by key) stays chosen, with its new data. */
    private void keepChoice() {
        RunGroup current = runBox.getValue();
        RunGroup again = current == null ? null
                : runs.rows().stream().filter(g -> g.key().equals(current.key())).findFirst().orElse(null);
        replacingChoices = true;
        try {
            choices.setAll(runs.rows());
            runBox.setValue(again);
        } finally {
            replacingChoices = false;
        }
        if (!Objects.equals(again, current) || (again != null && !again.equals(listed))) {
            listPairs(again);
        }
    }

    private void listPairs(RunGroup g) {
        if (g == null) {
            listed = null;
            pairs.clear();
            updateSummary();
            return;
        }
        status("Reading the pairs of " + g.label() + "...", false);
        pairsWorker.submit(g);
    }

    private void showPairs(RunGroup g, List<ScoredPair> read) {
        listed = g;
        pairs.setAll(read);
        updateSummary();
        status(read.isEmpty() ? "" : "Click a pair to see its faces. Rows in red are wrong verdicts; sorted by "
                + "margin, the most confident errors come first.", false);
    }

    private void applyFilter() {
        filtered.setPredicate(PairFilter.of(kindBox.getValue(), outcomeBox.getValue()));
        updateSummary();
    }

    private void updateSummary() {
        long wrong = pairs.stream().filter(p -> !p.correct()).count();
        pairsSummary.setText(pairs.isEmpty() ? "" : String.format(Locale.ROOT,
                "%d of %d pairs shown; %d wrong verdicts (%.1f %% correct)", filtered.size(), pairs.size(), wrong,
                100.0 * (pairs.size() - wrong) / pairs.size()));
    }

    private void showPair(ScoredPair p) {
        shownPair = p;
        clearImages();
        if (p == null) {
            faceATitle.setText("Face A");
            faceBTitle.setText("Face B");
            scoreLabel.setText("");
            thresholdLabel.setText("");
            verdictLabel.setText("No pair chosen.");
            verdictLabel.getStyleClass().removeAll("verdict-correct", "verdict-wrong");
            teacherLabel.setText("");
            teacherButton.setDisable(true);
            return;
        }
        faceATitle.setText("A: " + p.personA() + " #" + p.imageA());
        faceBTitle.setText("B: " + p.personB() + " #" + p.imageB());
        inputTitle.setText("");
        scoreLabel.setText(String.format(Locale.ROOT, "Student cosine: %.4f   (split %s model, fold %d)", p.score(),
                p.split(), p.fold()));
        thresholdLabel.setText(String.format(Locale.ROOT, "Threshold of fold %d: %.4f   score - threshold: %+.4f", p.fold(),
                p.threshold(), p.margin()));
        verdictLabel.setText(verdictText(p));
        verdictLabel.getStyleClass().removeAll("verdict-correct", "verdict-wrong");
        verdictLabel.getStyleClass().add(p.correct() ? "verdict-correct" : "verdict-wrong");
        RunRecord run = runOf(p);
        if (run == null) {
            return;
        }
        String teacher = teacherOf(run);
        if ("O".equals(teacher)) {
            teacherLabel.setText("Teacher cosine: n/a (teacher O)");
            teacherButton.setDisable(true);
        } else {
            teacherLabel.setText("Teacher cosine (" + teacher + "): not computed; it runs the teacher network "
                    + "on both faces unless they are cached");
            teacherButton.setDisable(false);
        }
        status("Loading the faces (the first time, the run's dataset folder is listed)...", false);
        facesWorker.submit(new FaceRequest(run, p));
    }

    /** The run's teacher letter t (O when config.json names none). */
    static String teacherOf(RunRecord run) {
        return run.config().has("teacher") ? run.config().get("teacher").getAsString() : "O";
    }

    /** E.g. "Verdict: different people, WRONG (truth: same person)". */
    static String verdictText(ScoredPair p) {
        String said = p.predictedSame() ? "same person" : "different people";
        return p.correct() ? "Verdict: " + said + ", correct"
                : "Verdict: " + said + ", WRONG (truth: " + (p.matched() ? "same person" : "different people") + ")";
    }

    private RunRecord runOf(ScoredPair p) {
        if (listed == null) {
            return null;
        }
        return listed.runs().stream().filter(r -> r.split().equals(p.split())).findFirst().orElse(null);
    }

    @FXML
    private void computeTeacherScore() {
        ScoredPair p = shownPair;
        RunRecord run = p == null ? null : runOf(p);
        if (run == null) {
            return;
        }
        teacherButton.setDisable(true);
        teacherLabel.setText("Teacher cosine: computing (loading the teacher network the first time)...");
        teacherWorker.submit(new FaceRequest(run, p));
    }

    private void showFaces(PairFaces f) {
        highA.setImage(f.highA().toImage());
        highB.setImage(f.highB().toImage());
        inputA.setImage(f.inputA().toImage());
        inputB.setImage(f.inputB().toImage());
        inputTitle.setText(String.format(Locale.ROOT,
                "What the student saw: %d x %d inputs (base box, anti-aliased, no random degradation), each pixel "
                        + "shown %d x %d", f.resolution(), f.resolution(), f.enlargement(), f.enlargement()));
        status(f.a().file() + "  |  " + f.b().file(), false);
    }

    private void clearImages() {
        highA.setImage(null);
        highB.setImage(null);
        inputA.setImage(null);
        inputB.setImage(null);
    }

    private void status(String text, boolean problem) {
        pairsStatus.setText(text);
        pairsStatus.getStyleClass().remove("problem");
        if (problem) {
            pairsStatus.getStyleClass().add("problem");
        }
    }

    // ---- columns ----

    private void buildColumns() {
        marginColumn = number("Margin", ScoredPair::signedMargin, p -> String.format(Locale.ROOT, "%+.4f",
                p.signedMargin()), 75);
        pairsTable.getColumns().setAll(List.<TableColumn<ScoredPair, ?>>of(
                text("Face A", p -> p.personA() + " #" + p.imageA(), 170),
                text("Face B", p -> p.personB() + " #" + p.imageB(), 170),
                text("Truth", p -> p.matched() ? "same" : "different", 65),
                text("Verdict", p -> (p.predictedSame() ? "same" : "different") + (p.correct() ? "" : ", wrong"), 130),
                number("Score", ScoredPair::score, p -> String.format(Locale.ROOT, "%.4f", p.score()), 65),
                number("Threshold", ScoredPair::threshold, p -> String.format(Locale.ROOT, "%.4f", p.threshold()), 75),
                marginColumn,
                text("Split", ScoredPair::split, 45),
                number("Fold", p -> (double) p.fold(), p -> Integer.toString(p.fold()), 45)));
        marginColumn.setId("marginColumn");
    }

    private static TableColumn<ScoredPair, String> text(String title, Function<ScoredPair, String> value,
                                                        double width) {
        TableColumn<ScoredPair, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<ScoredPair, ScoredPair> number(String title, Function<ScoredPair, Double> value,
                                                              Function<ScoredPair, String> shown, double width) {
        TableColumn<ScoredPair, ScoredPair> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator((a, b) -> Double.compare(value.apply(a), value.apply(b)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ScoredPair item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shown.apply(item));
            }
        });
        c.getStyleClass().add("number-column");
        c.setPrefWidth(width);
        return c;
    }
}
