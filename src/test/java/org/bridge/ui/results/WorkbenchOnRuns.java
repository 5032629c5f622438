package org.bridge.ui.results;

import java.nio.file.Path;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.ui.app.WorkbenchApp;
import org.testfx.api.FxRobot;

/**
 * What the Results-tab tests share: the workbench pointed at a runs folder (found as the CLI finds
 * it, through -Dbridge.runs), shown on the sample faces, and a tab opened by its title.
 */
final class WorkbenchOnRuns {

    private static final String RUNS = "bridge.runs";
    private static String before;

    private WorkbenchOnRuns() {
    }

    /** Points the workbench at {@code runs}; {@link #restore()} puts the previous value back. */
    static void pointAt(Path runs) {
        before = System.getProperty(RUNS);
        System.setProperty(RUNS, runs.toString());
    }

    static void restore() {
        if (before == null) {
            System.clearProperty(RUNS);
        } else {
            System.setProperty(RUNS, before);
        }
    }

    /** The whole workbench in a 1200 x 800 window. */
    static void show(Stage stage) throws Exception {
        stage.setScene(WorkbenchApp.createScene(BridgeLocations.fromSystem().sampleData()));
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
    }

    static void openTab(FxRobot robot, String title) {
        Node header = robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> title.equals(l.getText())).findFirst().orElseThrow();
        robot.clickOn(header);
    }
}
