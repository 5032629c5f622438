package org.bridge.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opens the real main window headless (Monocle) and checks the set-up controls work. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(WorkbenchApp.createScene(BridgeLocations.fromSystem().sampleData()));
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    void setUpControlsAreThereAndEnabled(FxRobot robot) {
        for (String id : List.of("#teacherO", "#teacherV", "#teacherC", "#teacherE",
                "#supervisionC", "#supervisionS", "#supervisionDC", "#supervisionSC")) {
            ToggleButton b = robot.lookup(id).queryAs(ToggleButton.class);
            assertTrue(b.isVisible() && !b.isDisabled(), id);
        }
        ComboBox<?> resolution = robot.lookup("#resolutionBox").queryAs(ComboBox.class);
        assertFalse(resolution.isDisabled());
        assertEquals(List.of(16, 32, 64, 96), resolution.getItems());

        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals(List.of("Training", "Verification", "Identification", "Pairs", "Degradation", "Results"),
                tabs.getTabs().stream().map(Tab::getText).toList());
    }

    @Test
    void choosingControlsRenamesTheStudentAndRefusesUndefinedCombinations(FxRobot robot) {
        Label name = robot.lookup("#studentName").queryAs(Label.class);
        Label problem = robot.lookup("#problemLabel").queryAs(Label.class);
        assertEquals("S-16-sc-E+pca", name.getText(), "the Fig. 4 file's student, named with its target");
        assertEquals("", problem.getText());

        robot.clickOn("#teacherO");
        assertTrue(name.getText().startsWith("S-16-sc-O"), name.getText());
        assertTrue(problem.getText().contains("needs a teacher"), problem.getText());

        robot.clickOn("#supervisionC");
        assertEquals("S-16-c-O", name.getText());
        assertEquals("", problem.getText());

        robot.clickOn("#teacherV").clickOn("#supervisionDC");
        assertEquals("S-16-dc-V", name.getText());
    }

    @Test
    void saysPlainlyThatTheSampleFacesAreSynthetic(FxRobot robot) throws Exception {
        Label notice = robot.lookup(".dataset-notice").queryAs(Label.class);
        waitFor(10, TimeUnit.SECONDS, () -> notice.getText().contains("SYNTHETIC"));
        Label dataset = robot.lookup("#datasetLabel").queryAs(Label.class);
        assertTrue(dataset.getText().contains("40 people, 480 images"), dataset.getText());
    }
}
