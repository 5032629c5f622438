package org.bridge.ui.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.asyncFx;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainedStudentFixture;
import org.bridge.ui.app.WorkbenchApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Degradation tab runs a loaded student (headless Monocle): a trained run of the runs folder
 * is offered in the Student box; choosing it puts the student's cosine (perturbation vs the clean
 * face, at its resolution) under each of the 16 tiles, and moving a slider changes them.
 */
@ExtendWith(ApplicationExtension.class)
class StudentScoresTest {

    private static Path tmp;
    private static RunFolder run;

    @BeforeAll
    static void trainedRun() throws IOException {
        tmp = Files.createTempDirectory("bridge-degradation-student");
        System.setProperty("bridge.runs", tmp.resolve("runs").toString());
        System.setProperty("bridge.config", tmp.resolve("workbench.properties").toString());
        run = TrainedStudentFixture.write(new RunStore(tmp.resolve("runs")), "fixture", 16);
    }

    @AfterAll
    static void restore() throws IOException {
        System.clearProperty("bridge.runs");
        System.clearProperty("bridge.config");
        try (java.util.stream.Stream<Path> files = Files.walk(tmp)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(WorkbenchApp.createScene(BridgeLocations.fromSystem().sampleData()));
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChosenStudentsCosinesAppearUnderTheTilesAndFollowTheSliders(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        Tab degradation = tabs.getTabs().stream().filter(t -> "Degradation".equals(t.getText())).findFirst()
                .orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(degradation));
        waitFor(30, TimeUnit.SECONDS, () -> {
            List<ImageView> views = new ArrayList<>(robot.lookup(".perturbation").queryAllAs(ImageView.class));
            return views.size() == 16 && views.stream().allMatch(v -> v.getImage() != null);
        });
        DegradationTabController c = (DegradationTabController) robot.lookup("#degradationRoot").query()
                .getProperties().get(DegradationTabController.class);
        assertTrue(scores(c).stream().allMatch(String::isEmpty), "no student chosen, no scores");

        // The runs folder's trained run is offered next to "none".
        ComboBox<DegradationTabController.StudentChoice> box = robot.lookup("#studentBox").queryAs(ComboBox.class);
        waitFor(30, TimeUnit.SECONDS, () -> box.getItems().size() == 2);
        DegradationTabController.StudentChoice offered = box.getItems().get(1);
        assertEquals(run.dir().toAbsolutePath().normalize(), offered.runDir());
        assertTrue(offered.label().startsWith("S-16-c-O"), offered.label());
        robot.interact(() -> box.setValue(offered));

        waitFor(60, TimeUnit.SECONDS, () -> scores(c).size() == 16 && scores(c).stream().noneMatch(String::isEmpty));
        List<String> before = scores(c);
        for (String s : before) {
            double cos = Double.parseDouble(s.replace("cos ", ""));
            assertTrue(cos >= -1.001 && cos <= 1.001, s);
        }
        Label note = robot.lookup("#studentNote").queryAs(Label.class);
        assertTrue(note.getText().startsWith("S-16-c-O: cosine of each perturbation"), note.getText());

        // Strong brightness offsets on every perturbation move the student's features.
        Slider probability = robot.lookup("#" + DegradationTabController.sliderId("illumination.brightnessProbability"))
                .queryAs(Slider.class);
        Slider strength = robot.lookup("#" + DegradationTabController.sliderId("illumination.maxBrightness"))
                .queryAs(Slider.class);
        // Keyboard, not clicks: the knob list scrolls, so a slider may be out of view.
        robot.interact(probability::requestFocus);
        robot.type(KeyCode.END);
        robot.interact(strength::requestFocus);
        robot.type(KeyCode.END);
        assertEquals(probability.getMax(), probability.getValue());
        assertEquals(strength.getMax(), strength.getValue());
        waitFor(60, TimeUnit.SECONDS, () -> changed(before, scores(c)) >= 12);
        System.out.println("student cosines before " + before + "\n                 after " + scores(c));

        // Back to no student: the scores go.
        robot.interact(() -> box.setValue(box.getItems().get(0)));
        assertTrue(scores(c).stream().allMatch(String::isEmpty));
    }

    private static List<String> scores(DegradationTabController c) throws Exception {
        return asyncFx(c::scoreTexts).get(10, TimeUnit.SECONDS);
    }

    private static int changed(List<String> a, List<String> b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            n += a.get(i).equals(b.get(i)) || b.get(i).isEmpty() ? 0 : 1;
        }
        return n;
    }
}
