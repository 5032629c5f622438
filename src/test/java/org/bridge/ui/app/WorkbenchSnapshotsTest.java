package org.bridge.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunStore;
import org.bridge.ui.results.VerificationTabController;
import org.bridge.ui.training.TrainingTabController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code bridge gui --snapshot}: the real main window (headless Monocle) on the bundled sample
 * faces and a runs folder of four finished runs (two students x splits A and B, written by
 * {@link RunFolderFixture}, each with a short losses.csv) takes one picture per tab, each with
 * its content loaded: recorded losses, curves, a pair's faces, a face's perturbations.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchSnapshotsTest {

    @TempDir static Path tmp;
    private static final List<String> PROPERTIES = List.of("bridge.runs", "bridge.config");
    private static final List<String> before = new ArrayList<>();
    private Stage stage;

    @BeforeAll
    static void finishedRuns() {
        RunStore store = new RunStore(tmp.resolve("runs"));
        for (String[] s : List.of(new String[] {"S-16-c-O", "O"}, new String[] {"S-16-sc-E", "E"})) {
            for (String split : List.of("A", "B")) {
                RunFolder f = new RunFolderFixture(store).experiment("shots").student(s[0], s[1]).write(split);
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    double loss = 5.0 * Math.exp(-i / 15.0);
                    lines.add(String.format(Locale.ROOT, "c,%d,%d,%d,%.6g,%.6g,NaN,0.001", 1 + i / 20, 1 + i % 20, i,
                            loss, loss * 0.9));
                }
                f.appendCsv(RunFolder.LOSSES,
                        "phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate", lines);
            }
        }
        for (String p : PROPERTIES) {
            before.add(System.getProperty(p));
        }
        System.setProperty("bridge.runs", store.root().toString());
        System.setProperty("bridge.config", tmp.resolve("workbench.properties").toString());
    }

    @AfterAll
    static void restore() {
        for (int i = 0; i < PROPERTIES.size(); i++) {
            if (before.get(i) == null) {
                System.clearProperty(PROPERTIES.get(i));
            } else {
                System.setProperty(PROPERTIES.get(i), before.get(i));
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        stage.setScene(WorkbenchApp.createScene(BridgeLocations.fromSystem().sampleData()));
        // Monocle's headless screen is 1280 x 800.
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    void everyTabIsWrittenWithItsContentLoaded(FxRobot robot) throws Exception {
        Path dir = tmp.resolve("shots");
        List<Path> printed = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        WorkbenchSnapshots.Outcome outcome = WorkbenchSnapshots.take(stage.getScene(),
                new WorkbenchSnapshots.Options(dir, "", Duration.ofMinutes(2)), printed::add, warnings::add)
                .get(15, TimeUnit.MINUTES);

        assertTrue(outcome.ok(), outcome.failure());
        assertEquals(List.of(), warnings);
        assertEquals(List.of("training.png", "verification.png", "identification.png", "pairs.png",
                "degradation.png", "results.png"), printed.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(printed, outcome.files());
        for (Path png : printed) {
            assertTrue(Files.size(png) > 10_000, png + " is only " + Files.size(png) + " bytes");
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " does not decode as an image");
            assertEquals(1200, img.getWidth(), png.toString());
            assertEquals(800, img.getHeight(), png.toString());
            assertTrue(colours(img) > 100, png + " has " + colours(img) + " colours");
        }

        // What the pictures show, read from the window they were taken of.
        var main = MainWindowController.of(stage.getScene());
        robot.interact(() -> {
            assertEquals(2, main.runs().selectedRows().size(), "both results rows overlaid");
            TrainingTabController training = (TrainingTabController) robot.lookup("#trainingRoot").query()
                    .getProperties().get(TrainingTabController.class);
            assertEquals(40, training.chart().total().getItemCount(), "the best run's recorded losses");
            var roc = VerificationTabController.of(main.tabs().getTabs().get(1).getContent()).chart();
            assertEquals(2, roc.getXYPlot().getDataset().getSeriesCount());
            TableView<?> pairs = robot.lookup(".pairs-table").queryAs(TableView.class);
            assertNotNull(pairs.getSelectionModel().getSelectedItem(), "a pair is open");
        });
    }

    @Test
    void aTabThatCannotLoadIsNamed(FxRobot robot) throws Exception {
        Path dir = tmp.resolve("filtered");
        WorkbenchSnapshots.Outcome outcome = WorkbenchSnapshots.take(stage.getScene(),
                new WorkbenchSnapshots.Options(dir, "no-such-student", Duration.ofSeconds(60)), p -> { }, w -> { })
                .get(5, TimeUnit.MINUTES);

        assertTrue(!outcome.ok());
        assertTrue(outcome.failure().startsWith("Verification tab: no results rows"), outcome.failure());
        assertTrue(outcome.failure().contains("'no-such-student'"), outcome.failure());
        assertEquals(List.of(dir.resolve("training.png")), outcome.files());
        assertTrue(Files.isRegularFile(dir.resolve("verification-failed.png")));
    }

    /** Distinct colours, up to a limit. */
    private static int colours(BufferedImage img) throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight() && seen.size() <= 1000; y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
