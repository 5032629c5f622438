package org.bridge.ui.results;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import org.bridge.experiment.report.RunGroup;
import org.bridge.ui.charts.CmcChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Identification tab: CMC curves (top-k identification rate for k = 1..K) of the rows
 * selected in the Results tab, each legend entry with its top-1 and top-5.
 */
public final class IdentificationTabController {

    /** Ranks offered; 0 means all of them. */
    static final List<Integer> RANK_CHOICES = List.of(10, 20, 50, 0);

    @FXML private BorderPane root;
    @FXML private ComboBox<CmcChart.Classifier> classifierBox;
    @FXML private ComboBox<Integer> rankBox;
    @FXML private Button savePng;
    @FXML private Button saveSvg;
    @FXML private StackPane chartHolder;
    @FXML private Label emptyLabel;
    @FXML private Label chartStatus;

    private final JFreeChart chart = CmcChart.create();
    private CurveOverlay<CmcChart.Series> overlay;
    private List<CmcChart.Series> shown = List.of();
    private RunsViewModel runs;
    /** The classifier chosen, for the reader thread (the combo box belongs to the JavaFX thread). */
    private volatile CmcChart.Classifier classifier = CmcChart.Classifier.SOFTMAX;
    private SaveDialog saveDialog = SaveDialog.fileChooser();

    public static IdentificationTabController of(Node tabRoot) {
        return (IdentificationTabController) tabRoot.getProperties().get(IdentificationTabController.class);
    }

    @FXML
    private void initialize() {
        root.getProperties().put(IdentificationTabController.class, this);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("cmcChart");
        chartHolder.getChildren().add(0, viewer);
        classifierBox.getItems().setAll(CmcChart.Classifier.values());
        classifierBox.setValue(CmcChart.Classifier.SOFTMAX);
        rankBox.getItems().setAll(RANK_CHOICES);
        rankBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null ? "" : (k == 0 ? "all ranks" : "ranks 1-" + k);
            }

            @Override
            public Integer fromString(String s) {
                return null; // not editable
            }
        });
        rankBox.setValue(20);
        overlay = new CurveOverlay<>("cmc-reader", "CMC", g -> CmcChart.series(g, classifier),
                this::showCurves, chartStatus);
        // The classifier changes what is read; the rank limit only what is drawn.
        classifierBox.valueProperty().addListener((obs, old, now) -> {
            classifier = now;
            reread();
        });
        rankBox.valueProperty().addListener((obs, old, now) -> CmcChart.show(chart, shown, maxRank()));
        showCurves(List.of());
    }

    public void show(RunsViewModel model) {
        this.runs = model;
        model.selectedRows().addListener((ListChangeListener<RunGroup>) c -> reread());
        reread();
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
    }

    private void reread() {
        if (runs != null) {
            overlay.request(new ArrayList<>(runs.selectedRows()));
        }
    }

    private int maxRank() {
        Integer k = rankBox.getValue();
        return k == null ? 0 : k;
    }

    private void showCurves(List<CmcChart.Series> curves) {
        shown = curves;
        CmcChart.show(chart, curves, maxRank());
        emptyLabel.setVisible(curves.isEmpty());
        savePng.setDisable(curves.isEmpty());
        saveSvg.setDisable(curves.isEmpty());
    }

    @FXML
    private void savePng() {
        ChartSaving.save(saveDialog, root.getScene().getWindow(), chart, "cmc", "png", chartStatus);
    }

    @FXML
    private void saveSvg() {
        ChartSaving.save(saveDialog, root.getScene().getWindow(), chart, "cmc", "svg", chartStatus);
    }
}
