package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Results tab's comparison with a baseline in the real main window, headless, on fixture runs:
 * S-16-sc-E (two seeds, pairs well separated) and S-16-c-O (one seed, chance).
 */
@ExtendWith(ApplicationExtension.class)
class ComparisonTabTest {

    @TempDir static Path runs;

    @BeforeAll
    static void writeRuns() {
        RunStore store = new RunStore(runs);
        for (String split : new String[] {"A", "B"}) {
            new RunFolderFixture(store).student("S-16-sc-E", "E").separation(0.6).seed(1).write(split);
            new RunFolderFixture(store).student("S-16-sc-E", "E").separation(0.6).seed(2).write(split);
            new RunFolderFixture(store).student("S-16-c-O", "O").separation(0.0).seed(1).write(split);
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
    void pickingABaselineShowsEveryOtherStudentsDifferenceIntervalAndVerdict(FxRobot robot) throws Exception {
        WorkbenchOnRuns.openTab(robot, "Results");
        TableView<RunGroup> results = robot.lookup(".results-table").queryAs(TableView.class);
        waitFor(30, TimeUnit.SECONDS, () -> results.getItems().size() == 3);

        robot.clickOn("#baselineChoice");
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .anyMatch(c -> c.getText() != null && c.getText().startsWith("S-16-c-O")));
        robot.clickOn(robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getText() != null && c.getText().startsWith("S-16-c-O")).findFirst().orElseThrow());

        waitFor(60, TimeUnit.SECONDS, () -> shown(robot, "S-16-sc-E", 6).equals("holds"));
        assertTrue(shown(robot, "S-16-sc-E", 3).contains("\u00b1"), "two seeds: mean \u00b1 std");
        assertTrue(shown(robot, "S-16-sc-E", 4).startsWith("+"), shown(robot, "S-16-sc-E", 4));
        assertTrue(shown(robot, "S-16-sc-E", 5).startsWith("[+"), shown(robot, "S-16-sc-E", 5));
        assertEquals("baseline", shown(robot, "S-16-c-O", 6));
        assertEquals("1,2", shown(robot, "S-16-sc-E", 2));

        // A row of the results table as the baseline: its student, seeds pooled.
        TableRow<?> scSeed2 = robot.lookup(".results-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof RunGroup g && g.row().student().equals("S-16-sc-E")
                        && g.row().seed() == 2).findFirst().orElseThrow();
        robot.clickOn(scSeed2);
        robot.clickOn("#baselineFromSelectionButton");
        waitFor(60, TimeUnit.SECONDS, () -> shown(robot, "S-16-c-O", 6).equals("does not hold"));
        assertEquals("baseline", shown(robot, "S-16-sc-E", 6));
    }

    /** The text of column {@code column} in the comparison table's row of {@code student}; "" when not shown. */
    private static String shown(FxRobot robot, String student, int column) {
        for (TableRow<?> row : robot.lookup(".comparison-table .table-row-cell").queryAllAs(TableRow.class)) {
            if (row.getItem() instanceof ComparisonViewModel.Line l && l.student().student().equals(student)) {
                return row.getChildrenUnmodifiable().stream().filter(n -> n instanceof TableCell<?, ?>)
                        .map(n -> (TableCell<?, ?>) n).filter(c -> c.getTableColumn() != null
                                && c.getTableColumn().getTableView().getColumns().indexOf(c.getTableColumn()) == column)
                        .map(c -> c.getText() == null ? "" : c.getText()).findFirst().orElse("");
            }
        }
        return "";
    }
}
