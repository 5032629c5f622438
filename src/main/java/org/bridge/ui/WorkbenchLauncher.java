package org.bridge.ui;

import java.nio.file.Path;

import javafx.application.Application;

/**
 * Starts the JavaFX workbench. A separate class from {@link WorkbenchApp} because the jar puts
 * JavaFX on the class path, where a main class that extends Application refuses to start.
 */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    /** Blocks until the window closes. {@code dataset} may be null for the bundled sample set. */
    public static void launch(Path dataset) {
        if (dataset != null) {
            Application.launch(WorkbenchApp.class, "--dataset=" + dataset.toAbsolutePath());
        } else {
            Application.launch(WorkbenchApp.class);
        }
    }
}
