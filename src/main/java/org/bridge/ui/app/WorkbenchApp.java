package org.bridge.ui.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;
import org.bridge.ui.common.Browser;

/** The workbench window: FXML from {@code fxml/}, CSS from {@code styles/}. */
public final class WorkbenchApp extends Application {

    public static final String MAIN_FXML = "/fxml/MainWindow.fxml";
    public static final String STYLESHEET = "/styles/workbench.css";

    /** Exit status of a {@code --snapshot} start: 0 when every tab was written. */
    private static volatile int snapshotStatus;

    @Override
    public void start(Stage stage) throws IOException {
        Browser.useHostServices(getHostServices());
        String datasetArg = getParameters().getNamed().get("dataset");
        Path dataset = datasetArg != null ? Paths.get(datasetArg) : BridgeLocations.fromSystem().sampleData();
        stage.setTitle("Bridge: low-resolution face recognition workbench");
        Scene scene = createScene(dataset);
        if (datasetArg != null) {
            MainWindowController.of(scene).trainOn(dataset);
        }
        stage.setScene(scene);
        String snapshotDir = getParameters().getNamed().get("snapshot");
        String size = getParameters().getNamed().get("snapshot-size");
        String[] wh = size != null ? size.split("x") : new String[] {"1200", "800"};
        stage.setWidth(Integer.parseInt(wh[0]));
        stage.setHeight(Integer.parseInt(wh[1]));
        stage.show();
        if (snapshotDir != null) {
            takeSnapshots(stage.getScene(), Paths.get(snapshotDir), getParameters().getNamed().get("snapshot-filter"));
        }
    }

    /** Writes every tab as a PNG, prints each file, then closes the workbench (issue 6). */
    private static void takeSnapshots(Scene scene, Path dir, String filter) {
        WorkbenchSnapshots.take(scene, new WorkbenchSnapshots.Options(dir, filter, WorkbenchSnapshots.DEFAULT_TIMEOUT),
                file -> System.out.println(file), warning -> System.err.println("warning: " + warning))
                .whenComplete((outcome, error) -> {
                    if (error != null) {
                        System.err.println("gui --snapshot: " + error);
                        snapshotStatus = 1;
                    } else if (!outcome.ok()) {
                        System.err.println("gui --snapshot: " + outcome.failure());
                        snapshotStatus = 1;
                    }
                    Platform.exit();
                });
    }

    /** Exit status of the last {@code --snapshot} start (0 when all tabs were written). */
    static int snapshotStatus() {
        return snapshotStatus;
    }

    /** Builds the main scene; tests call this directly. */
    public static Scene createScene(Path dataset) throws IOException {
        FXMLLoader loader = new FXMLLoader(resource(MAIN_FXML));
        Parent root = loader.load();
        MainWindowController controller = loader.getController();
        controller.openDataset(dataset);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(resource(STYLESHEET).toExternalForm());
        return scene;
    }

    private static URL resource(String path) {
        URL url = WorkbenchApp.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the build; was fxml/ or styles/ left out?");
        }
        return url;
    }
}
