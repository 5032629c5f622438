package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainingUiServer;
import org.bridge.nd.Nd4jRuntime;
import org.bridge.ui.app.WorkbenchApp;
import org.bridge.ui.runs.RunRow;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Training tab's "DL4J training UI" button (headless Monocle): disabled, with the reason on
 * its holder's tooltip, for a run that recorded no DL4J statistics; for one that did, it starts
 * DL4J's UI server off the JavaFX thread and the status line gives the page's address. The
 * "Record DL4J statistics" box sits in the set-up.
 */
@ExtendWith(ApplicationExtension.class)
class Dl4jUiButtonTest {

    private static Path tmp;
    private static RunFolder withStats;
    private static RunFolder without;

    @BeforeAll
    static void runs() throws IOException {
        tmp = Files.createTempDirectory("bridge-dl4j-ui-button");
        System.setProperty("bridge.runs", tmp.resolve("runs").toString());
        System.setProperty("bridge.config", tmp.resolve("workbench.properties").toString());
        RunStore store = new RunStore(tmp.resolve("runs"));
        without = new RunFolderFixture(store).experiment("plain").write("A");
        withStats = new RunFolderFixture(store).experiment("recorded").write("A");
        Nd4jRuntime.init();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setListeners(TrainingUiServer.statsListener(withStats, 1));
        for (int i = 0; i < 3; i++) {
            net.fit(new DataSet(Nd4j.rand(4, 4), Nd4j.eye(2).getRows(0, 1, 0, 1)));
        }
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty("org.deeplearning4j.ui.port", String.valueOf(s.getLocalPort()));
        }
    }

    @AfterAll
    static void restore() throws IOException {
        TrainingUiServer.stop();
        System.clearProperty("bridge.runs");
        System.clearProperty("bridge.config");
        System.clearProperty("org.deeplearning4j.ui.port");
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
    void theButtonIsOnlyForRunsWithStatisticsAndSaysWhy(FxRobot robot) throws Exception {
        Button button = robot.lookup("#dl4jUiButton").queryButton();
        Node holder = robot.lookup("#dl4jUiHolder").query();
        TableView<RunRow> queue = robot.lookup("#queueTable").queryTableView();
        waitFor(20, TimeUnit.SECONDS, () -> queue.getItems().size() == 2);
        assertTrue(button.isDisabled(), "no run selected, none in the chart");
        assertTrue(tooltip(holder).contains("Select a run"), tooltip(holder));

        select(robot, queue, without);
        assertTrue(button.isDisabled());
        assertTrue(tooltip(holder).contains("recorded no DL4J statistics"), tooltip(holder));

        select(robot, queue, withStats);
        assertFalse(button.isDisabled());
        assertTrue(tooltip(holder).startsWith("Open DL4J's training UI"), tooltip(holder));

        robot.clickOn(button);
        Label status = robot.lookup("#runStatus").queryAs(Label.class);
        String port = System.getProperty("org.deeplearning4j.ui.port");
        waitFor(60, TimeUnit.SECONDS, () -> status.getText().contains("http://localhost:" + port + "/train/overview"));
        assertTrue(status.getText().contains("DL4J training UI for " + withStats.id()), status.getText());

        // The set-up's box switches recording on for the next job.
        TrainingTabController c = (TrainingTabController) robot.lookup("#trainingRoot").query().getProperties()
                .get(TrainingTabController.class);
        CheckBox box = robot.lookup("#dl4jStatsBox").queryAs(CheckBox.class);
        assertFalse(c.setup().runOptions().recordsDl4jStats());
        robot.interact(box::fire);
        assertTrue(c.setup().runOptions().recordsDl4jStats());
    }

    private static void select(FxRobot robot, TableView<RunRow> table, RunFolder run) {
        robot.interact(() -> {
            for (RunRow r : table.getItems()) {
                if (r.folder().equals(run.dir())) {
                    table.getSelectionModel().select(r);
                }
            }
        });
    }

    private static String tooltip(Node holder) {
        Object t = holder.getProperties().get("javafx.scene.control.Tooltip");
        return t instanceof Tooltip tip ? tip.getText() : String.valueOf(t);
    }
}
