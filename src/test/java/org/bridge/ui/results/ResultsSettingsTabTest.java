package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import com.google.gson.JsonObject;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunStore;
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
 * The Results tab comparing runs in the real main window, headless, on fixture runs: S-16-c-O with
 * seeds 1 and 2 at lr 0.002 and seed 3 at lr 0.001 (both splits), seed 1 with recorded losses.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsSettingsTabTest {

    @TempDir static Path runs;
    @TempDir static Path figures;

    @BeforeAll
    static void writeRuns() {
        RunStore store = new RunStore(runs);
        for (long seed = 1; seed <= 3; seed++) {
            JsonObject training = new JsonObject();
            training.addProperty("learningRate", seed == 3 ? 0.001 : 0.002);
            RunFolderFixture fx = new RunFolderFixture(store).seed(seed).separation(0.1 * seed)
                    .config("training", training);
            for (String split : List.of("A", "B")) {
                RunFolder f = fx.write(split);
                if (seed == 1) {
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        lines.add(String.format(Locale.ROOT, "c,1,%d,%d,%.3f,%.3f,NaN,0.002", i, i, 5.0 - i / 20.0,
                                5.0 - i / 20.0));
                    }
                    f.appendCsv(RunFolder.LOSSES, "phase,epoch,iteration,global_iteration,total,classification,"
                            + "regression,learning_rate", lines);
                }
            }
        }
        WorkbenchOnRuns.pointAt(runs);
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
    void differingSettingsAreColumnsSeedsPoolAndSelectedRowsOverlayTheirLosses(FxRobot robot) throws Exception {
        WorkbenchOnRuns.openTab(robot, "Results");
        TableView<RunGroup> results = robot.lookup(".results-table").queryAs(TableView.class);
        waitFor(30, TimeUnit.SECONDS, () -> results.getItems().size() == 3);

        // The learning rate differs between the runs: a column; the D(I) they share is not one.
        TableColumn<RunGroup, ?> lr = results.getColumns().stream()
                .filter(c -> "setting-training.learningRate".equals(c.getId())).findFirst().orElseThrow();
        assertEquals("lr", lr.getText());
        assertTrue(results.getColumns().stream().noneMatch(c -> c.getText().startsWith("D(I)")));
        assertTrue(robot.lookup(".results-table .column-header-background .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "lr".equals(l.getText())), "the lr header is shown");
        RunGroup seed3 = results.getItems().stream().filter(g -> g.row().seed() == 3).findFirst().orElseThrow();
        assertEquals("0.001", lr.getCellData(seed3));

        // Filter on the column.
        robot.clickOn("#filterField").write("lr=0.002");
        waitFor(10, TimeUnit.SECONDS, () -> results.getItems().size() == 2);

        // Pool over Seed: one row, the mean of seeds 1 and 2.
        ResultsTabController tab = ResultsTabController.of(robot.lookup(".results-tab").query());
        RunColumnsViewModel.Column seed = tab.columns().columns().stream().filter(c -> c.key().equals("seed"))
                .findFirst().orElseThrow();
        robot.interact(() -> robot.lookup("#poolChoice").queryComboBox().setValue(seed));
        TableView<RunColumnsViewModel.PooledRow> pooled = robot.lookup(".pooled-table").queryAs(TableView.class);
        waitFor(10, TimeUnit.SECONDS, () -> pooled.isVisible() && pooled.getItems().size() == 1);
        assertEquals("1, 2", pooled.getItems().get(0).value(seed));
        assertTrue(!results.isVisible());
        robot.interact(() -> robot.lookup("#poolChoice").queryComboBox().setValue(null));
        waitFor(10, TimeUnit.SECONDS, results::isVisible);

        // Select seed 1: its two runs' losses overlay in the Loss curves tab.
        robot.interact(() -> results.getSelectionModel().select(
                results.getItems().stream().filter(g -> g.row().seed() == 1).findFirst().orElseThrow()));
        robot.clickOn(robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> "Loss curves".equals(l.getText())).findFirst().orElseThrow());
        JFreeChart chart = robot.lookup("#lossChart").queryAs(ChartViewer.class).getChart();
        waitFor(30, TimeUnit.SECONDS, () -> chart.getXYPlot().getDataset().getSeriesCount() == 2);
        assertEquals(50, chart.getXYPlot().getDataset().getItemCount(0));

        // Export figures beside the table: into the folder picked, from the rows shown.
        tab.setFolderDialog((owner, title) -> figures);
        robot.clickOn("#exportFiguresButton");
        robot.clickOn(robot.lookup(".menu-item .label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().startsWith("All figures")).findFirst().orElseThrow());
        waitFor(60, TimeUnit.SECONDS, () -> Files.isRegularFile(figures.resolve("fig6.png")));
        for (String f : List.of("fig4.svg", "fig4.png", "fig5.svg", "fig5.png", "fig6.svg")) {
            assertTrue(Files.size(figures.resolve(f)) > 1000, f);
        }
        Label status = robot.lookup(".results-status").queryAs(Label.class);
        waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("Wrote 6 figure files"));
    }
}
