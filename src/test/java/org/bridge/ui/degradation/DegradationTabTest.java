package org.bridge.ui.degradation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.asyncFx;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.ui.app.WorkbenchApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Degradation tab in the real main window, headless (Monocle), on the bundled sample faces. */
@ExtendWith(ApplicationExtension.class)
class DegradationTabTest {

    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(WorkbenchApp.createScene(BridgeLocations.fromSystem().sampleData()));
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    void slidersRedrawTheSixteenPerturbations(FxRobot robot) throws Exception {
        openDegradationTab(robot);
        waitForTiles(robot, ".perturbation", 16);
        List<int[]> before = pixels(robot, ".perturbation");
        List<int[]> cleanBefore = pixels(robot, ".clean-face");
        assertEquals(16, before.size());
        assertEquals(4, cleanBefore.size());
        assertEquals(80 * 80, before.get(0).length, "16 x 16 faces shown 5 x 5 per pixel");

        // As a user would: focus each slider by clicking it, then End pushes it to its maximum.
        Slider probability = robot.lookup("#" + DegradationTabController.sliderId("illumination.brightnessProbability"))
                .queryAs(Slider.class);
        Slider strength = robot.lookup("#" + DegradationTabController.sliderId("illumination.maxBrightness"))
                .queryAs(Slider.class);
        robot.clickOn(probability).type(KeyCode.END);
        robot.clickOn(strength).type(KeyCode.END);
        assertEquals(1.0, probability.getValue());
        assertEquals(128.0, strength.getValue());

        // Every perturbation now gets a brightness offset of up to +-128 grey levels.
        waitFor(20, TimeUnit.SECONDS, () -> changedTiles(before, pixels(robot, ".perturbation")) >= 15);
        Label status = robot.lookup(".degradation-status").queryAs(Label.class);
        waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("16 perturbations at 16 x 16 in"));
        // The clean crops have no random degradation: brightness leaves them alone.
        List<int[]> cleanAfter = pixels(robot, ".clean-face");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(cleanBefore.get(i), cleanAfter.get(i), "clean crop " + i);
        }
    }

    @Test
    void theResolutionChoiceResizesTheGrid(FxRobot robot) throws Exception {
        openDegradationTab(robot);
        waitForTiles(robot, ".perturbation", 16);
        ComboBox<?> resolution = robot.lookup("#resolutionChoice").queryAs(ComboBox.class);
        assertEquals(List.of(16, 32, 64, 96), resolution.getItems());
        robot.interact(() -> ((ComboBox<Integer>) resolution).setValue(32));
        // 32 x 32 faces, each pixel shown 2 x 2.
        waitFor(20, TimeUnit.SECONDS, () -> pixels(robot, ".perturbation").get(15).length == 64 * 64);
        Label title = robot.lookup("#gridTitle").queryAs(Label.class);
        assertTrue(title.getText().contains("at 32 x 32"), title.getText());
    }

    @Test
    void aPersonSearchWithoutMatchSaysSoAndShowsNoFace(FxRobot robot) throws Exception {
        openDegradationTab(robot);
        waitForTiles(robot, ".perturbation", 16);
        ComboBox<?> person = robot.lookup("#personBox").queryAs(ComboBox.class);
        assertTrue(person.getValue() != null, "a face is shown first");

        robot.clickOn("#personFilter").write("nobody-zz");
        Label status = robot.lookup(".degradation-status").queryAs(Label.class);
        waitFor(10, TimeUnit.SECONDS, () -> status.getText().equals("No person matches 'nobody-zz'."));
        assertEquals(null, person.getValue());
        assertTrue(robot.lookup(".perturbation").queryAllAs(ImageView.class).stream().allMatch(v -> v.getImage() == null),
                "no perturbation of the previous face stays");
        assertTrue(robot.lookup(".clean-face").queryAllAs(ImageView.class).stream().allMatch(v -> v.getImage() == null),
                "no clean crop of the previous face stays");
        assertEquals("High-resolution image", robot.lookup("#hrTitle").queryAs(Label.class).getText());

        // A search that matches brings a face back.
        robot.interact(() -> robot.lookup("#personFilter").queryAs(javafx.scene.control.TextField.class).setText(""));
        waitFor(10, TimeUnit.SECONDS, () -> person.getValue() != null);
        waitForTiles(robot, ".perturbation", 16);
    }

    @Test
    void aChosenRunWhoseDegradationDiffersIsNamedAndItsSettingsTakenInOneClick(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path runs) throws Exception {
        openDegradationTab(robot);
        waitForTiles(robot, ".perturbation", 16);
        // A run trained without Gaussian blur (as the tab's default has it at probability 0.5).
        org.bridge.degrade.DegradationParams d = org.bridge.degrade.DegradationParams.defaults();
        org.bridge.degrade.DegradationParams trained = d.withGaussianBlur(d.gaussianBlur().withProbability(0)).withCount(4);
        java.nio.file.Path run = runs.resolve("noblur").resolve("S-16-c-O_softmax_splitA_seed1");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Files.writeString(run.resolve("config.json"), "{\"experiment\": \"noblur\", \"degradation\": "
                + trained.toJson() + "}");
        DegradationTabController c = (DegradationTabController) robot.lookup("#degradationRoot").query()
                .getProperties().get(DegradationTabController.class);
        Label notice = robot.lookup("#runParamsNotice").queryAs(Label.class);
        javafx.scene.control.Button use = robot.lookup("#useRunParamsButton").queryButton();
        assertTrue(!use.isVisible() && notice.getText().isEmpty(), "no run chosen, nothing to compare");

        robot.interact(() -> c.useStudent(run));
        waitFor(10, TimeUnit.SECONDS, () -> notice.getText().contains("Gaussian blur (optics) chance 0.50 (run: 0.00)"));
        assertTrue(notice.getText().contains("noblur/S-16-c-O_softmax_splitA_seed1"), notice.getText());
        assertTrue(use.isVisible());

        robot.clickOn(use);
        waitFor(10, TimeUnit.SECONDS, () -> notice.getText().isEmpty());
        assertEquals(0.0, c.viewModel().knob(org.bridge.degrade.DegradationSetting.BLUR_PROBABILITY).get());
        assertEquals(trained.withCount(16), c.viewModel().params());
        assertTrue(!use.isVisible());
    }

    private static void openDegradationTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        Tab degradation = tabs.getTabs().stream().filter(t -> "Degradation".equals(t.getText())).findFirst()
                .orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(degradation));
    }

    private static void waitForTiles(FxRobot robot, String styleClass, int count) throws Exception {
        waitFor(30, TimeUnit.SECONDS, () -> {
            List<ImageView> views = new ArrayList<>(robot.lookup(styleClass).queryAllAs(ImageView.class));
            return views.size() == count && views.stream().allMatch(v -> v.getImage() != null);
        });
    }

    /** The ARGB pixels of every image view of a style class, in layout order, read on the FX thread. */
    private static List<int[]> pixels(FxRobot robot, String styleClass) throws Exception {
        List<ImageView> views = new ArrayList<>(robot.lookup(styleClass).queryAllAs(ImageView.class));
        return asyncFx(() -> {
            List<int[]> out = new ArrayList<>();
            for (ImageView v : views) {
                Image img = v.getImage();
                int w = (int) img.getWidth();
                int h = (int) img.getHeight();
                int[] buf = new int[w * h];
                img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), buf, 0, w);
                out.add(buf);
            }
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    private static int changedTiles(List<int[]> before, List<int[]> after) {
        int changed = 0;
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            if (!Arrays.equals(before.get(i), after.get(i))) {
                changed++;
            }
        }
        return changed;
    }
}
