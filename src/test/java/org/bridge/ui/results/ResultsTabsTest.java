package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.ScoredPair;
import org.bridge.ui.charts.RocChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Results, Verification, Identification and Pairs tabs in the real main window, headless
 * (Monocle), on a run folder made by the real runner: a teacher-free student trained briefly on
 * the bundled synthetic faces, split A.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsTabsTest {

    @TempDir static Path runs;
    @TempDir static Path exports;
    private static RunFolder run;

    @BeforeAll
    static void trainOneStudent() throws Exception {
        Path file = runs.resolve("tiny.json");
        Files.writeString(file, """
                {"name": "tiny", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 1, "finetuneEpochs": 1, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 4}}
                """);
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        Path store = runs.resolve("runs");
        try (ExperimentServices services = new ExperimentServices(BridgeLocations.fromSystem(), new RunStore(store))) {
            List<RunFolder> done = services.runner().run(spec, new RunListener() { }, new RunControl());
            run = done.get(0);
        }
        assertEquals(RunState.DONE, run.state(), run.stateMessage());
        WorkbenchOnRuns.pointAt(store);
    }

    @AfterAll
    static void restoreRunsFolder() {
        WorkbenchOnRuns.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchOnRuns.show(stage);
    }

    @Test
    void theRunIsInTheTableAndItsMarkdownExportHasItsNumbers(FxRobot robot) throws Exception {
        WorkbenchOnRuns.openTab(robot, "Results");
        TableView<RunGroup> table = robot.lookup(".results-table").queryAs(TableView.class);
        waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        RunGroup row = table.getItems().get(0);
        assertEquals("S-16-c-O", row.row().student());
        assertEquals("A", row.row().splits());
        TableView<?> runsTable = robot.lookup(".runs-table").queryAs(TableView.class);
        assertEquals(1, runsTable.getItems().size());

        Path md = exports.resolve("table.md");
        ResultsTabController.of(robot.lookup(".results-tab").query()).setSaveDialog((w, t, n, d, ext) -> {
            assertEquals("md", ext);
            return md;
        });
        robot.clickOn("#exportButton").clickOn("Markdown...");
        waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(md));
        String text = Files.readString(md, StandardCharsets.UTF_8);
        JsonObject results = run.readJson(RunFolder.RESULTS).orElseThrow();
        String accuracy = String.format(Locale.ROOT, "%.2f", 100 * results.get("accuracy").getAsDouble());
        assertTrue(text.startsWith("| Model | Dataset |"), text);
        assertTrue(text.contains("| S-16-c-O | sample | softmax | 1 | A | 300 | " + accuracy + " |"), text);
        Label status = robot.lookup(".results-status").queryAs(Label.class);
        waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("Exported 1 rows to " + md));
    }

    @Test
    void selectingTheRunDrawsItsRocAndCmcCurves(FxRobot robot) throws Exception {
        WorkbenchOnRuns.openTab(robot, "Results");
        selectFirstRow(robot);
        WorkbenchOnRuns.openTab(robot, "Verification");
        JFreeChart roc = robot.lookup("#rocChart").queryAs(ChartViewer.class).getChart();
        waitFor(30, TimeUnit.SECONDS, () -> roc.getXYPlot().getDataset().getSeriesCount() == 1);
        int rocPoints = Files.readAllLines(run.file(RunFolder.ROC)).size() - 1;
        assertEquals(rocPoints, roc.getXYPlot().getDataset().getItemCount(0));
        String legend = roc.getXYPlot().getDataset().getSeriesKey(0).toString();
        assertTrue(legend.startsWith("S-16-c-O A: ") && legend.contains("TPR@FPR=10%"), legend);

        robot.clickOn("#logX");
        assertTrue(robot.lookup("#logX").queryAs(CheckBox.class).isSelected());
        waitFor(10, TimeUnit.SECONDS, () -> RocChart.isLogX(roc));
        assertTrue(roc.getXYPlot().getDataset().getItemCount(0) < rocPoints, "FPR = 0 has no place on a log axis");

        WorkbenchOnRuns.openTab(robot, "Identification");
        JFreeChart cmc = robot.lookup("#cmcChart").queryAs(ChartViewer.class).getChart();
        waitFor(30, TimeUnit.SECONDS, () -> cmc.getXYPlot().getDataset().getSeriesCount() == 1);
        int ranks = Files.readAllLines(run.file(RunFolder.CMC)).size() - 1;
        assertEquals(Math.min(20, ranks), cmc.getXYPlot().getDataset().getItemCount(0));
        String cmcLegend = cmc.getXYPlot().getDataset().getSeriesKey(0).toString();
        assertTrue(cmcLegend.contains("top-1") && cmcLegend.contains("top-5"), cmcLegend);
    }

    @Test
    void aPairShowsItsScoreVerdictAndFaces(FxRobot robot) throws Exception {
        WorkbenchOnRuns.openTab(robot, "Results");
        selectFirstRow(robot);
        WorkbenchOnRuns.openTab(robot, "Pairs");
        ComboBox<?> runBox = robot.lookup("#runBox").queryAs(ComboBox.class);
        waitFor(10, TimeUnit.SECONDS, () -> runBox.getValue() != null);
        TableView<ScoredPair> pairs = robot.lookup(".pairs-table").queryAs(TableView.class);
        waitFor(30, TimeUnit.SECONDS, () -> pairs.getItems().size() == 300);

        robot.clickOn(row(robot, ".pairs-table", 0));
        ScoredPair first = pairs.getItems().get(0);
        assertEquals(first, pairs.getSelectionModel().getSelectedItem());
        // Sorted by signed margin: no pair was decided more wrongly than the first.
        assertTrue(pairs.getItems().stream().allMatch(p -> p.signedMargin() >= first.signedMargin()));
        assertTrue(Files.readString(run.file(RunFolder.PAIR_SCORES)).contains(String.format(Locale.ROOT,
                "%d,%d,%s,%d,%s,%d,%.6f", first.fold(), first.matched() ? 1 : 0, first.personA(), first.imageA(),
                first.personB(), first.imageB(), first.score())));

        Label score = robot.lookup("#scoreLabel").queryAs(Label.class);
        Label verdict = robot.lookup("#verdictLabel").queryAs(Label.class);
        assertTrue(score.getText().contains(String.format(Locale.ROOT, "Student cosine: %.4f", first.score())),
                score.getText());
        String said = first.predictedSame() ? "same person" : "different people";
        assertTrue(verdict.getText().startsWith("Verdict: " + said + (first.correct() ? ", correct" : ", WRONG")),
                verdict.getText());
        assertEquals("Teacher cosine: n/a (teacher O)", robot.lookup("#teacherLabel").queryAs(Label.class).getText());

        ImageView high = robot.lookup("#highA").queryAs(ImageView.class);
        ImageView input = robot.lookup("#inputA").queryAs(ImageView.class);
        waitFor(30, TimeUnit.SECONDS, () -> high.getImage() != null && input.getImage() != null);
        assertEquals(250, high.getImage().getWidth(), "the stored face at its own size");
        assertEquals(160, input.getImage().getWidth(), "16 x 16 input, each pixel 10 x 10");
    }


    private static void selectFirstRow(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup(".results-table").queryAs(TableView.class);
        waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        robot.clickOn(row(robot, ".results-table", 0));
        assertEquals(1, table.getSelectionModel().getSelectedItems().size());
    }

    private static Node row(FxRobot robot, String table, int index) throws Exception {
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(table + " .table-row-cell").queryAllAs(TableRow.class)
                .stream().anyMatch(r -> r.getIndex() == index && r.getItem() != null));
        return robot.lookup(table + " .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getIndex() == index && r.getItem() != null).findFirst().orElseThrow();
    }
}
