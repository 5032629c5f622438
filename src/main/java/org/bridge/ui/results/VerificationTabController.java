package org.bridge.ui.results;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import org.bridge.ui.charts.RocChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Verification tab: the ROC curves of the rows selected in the Results tab, overlaid, each
 * legend entry with its accuracy +- std and TPR at FPR 10%. Redrawn when the selection changes
 * and when a refresh brings new results for a selected row.
 */
public final class VerificationTabController {

    @FXML private BorderPane root;
    @FXML private CheckBox logX;
    @FXML private Button savePng;
    @FXML private Button saveSvg;
    @FXML private StackPane chartHolder;
    @FXML private Label emptyLabel;
    @FXML private Label chartStatus;

    private final JFreeChart chart = RocChart.create();
    private ChartViewer viewer;
    private CurveOverlay<RocChart.Series> overlay;
    private List<RocChart.Series> shown = List.of();
    private SaveDialog saveDialog = SaveDialog.fileChooser();

    public static VerificationTabController of(Node tabRoot) {
        return (VerificationTabController) tabRoot.getProperties().get(VerificationTabController.class);
    }

    @FXML
    private void initialize() {
        root.getProperties().put(VerificationTabController.class, this);
        viewer = new ChartViewer(chart);
        viewer.setId("rocChart");
        chartHolder.getChildren().add(0, viewer);
        overlay = new CurveOverlay<>("roc-reader", "ROC", RocChart::series, this::showCurves, chartStatus);
        logX.selectedProperty().addListener((obs, old, now) -> RocChart.show(chart, shown, now));
        showCurves(List.of());
    }

    /** Follows the selection of {@code runs} (called once by the main window). */
    public void show(RunsViewModel runs) {
        runs.selectedRows().addListener((ListChangeListener<org.bridge.experiment.report.RunGroup>) c -> overlay.request(new ArrayList<>(runs.selectedRows())));
        overlay.request(new ArrayList<>(runs.selectedRows()));
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
    }

    private void showCurves(List<RocChart.Series> curves) {
        shown = curves;
        RocChart.show(chart, curves, logX.isSelected());
        emptyLabel.setVisible(curves.isEmpty());
        savePng.setDisable(curves.isEmpty());
        saveSvg.setDisable(curves.isEmpty());
    }

    @FXML
    private void savePng() {
        ChartSaving.save(saveDialog, root.getScene().getWindow(), chart, "roc", "png", chartStatus);
    }

    @FXML
    private void saveSvg() {
        ChartSaving.save(saveDialog, root.getScene().getWindow(), chart, "roc", "svg", chartStatus);
    }
}
