package org.bridge.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

import javafx.application.Application;
import javafx.application.HostServices;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.bridge.config.BridgeLocations;

/** The workbench window: FXML from {@code fxml/}, CSS from {@code styles/}. */
public final class WorkbenchApp extends Application {

    public static final String MAIN_FXML = "/fxml/MainWindow.fxml";
    public static final String STYLESHEET = "/styles/workbench.css";

    /** The running application's host services (opening the browser); null in tests that build only the scene. */
    private static volatile HostServices hostServices;

    @Override
    public void start(Stage stage) throws IOException {
        hostServices = getHostServices();
        String datasetArg = getParameters().getNamed().get("dataset");
        Path dataset = datasetArg != null ? Paths.get(datasetArg) : BridgeLocations.fromSystem().sampleData();
        stage.setTitle("Bridge: low-resolution face recognition workbench");
        stage.setScene(createScene(dataset));
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
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

    /** How to open a page in the user's browser when the workbench runs as an application. */
    public static java.util.Optional<HostServices> hostServices() {
        return java.util.Optional.ofNullable(hostServices);
    }

    private static URL resource(String path) {
        URL url = WorkbenchApp.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the build; was fxml/ or styles/ left out?");
        }
        return url;
    }
}
