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
        try {
            if (dataset != null) {
                Application.launch(WorkbenchApp.class, "--dataset=" + dataset.toAbsolutePath());
            } else {
                Application.launch(WorkbenchApp.class);
            }
        } catch (RuntimeException | LinkageError e) {
            // JavaFX reports a missing display or GTK as an unchecked error deep in its start-up.
            throw new org.bridge.config.UserFacingException("the workbench window could not open ("
                    + rootMessage(e) + "). It needs a display (DISPLAY set, or Xvfb) and GTK 3"
                    + " (Debian: apt-get install libgtk-3-0). Every workbench action also runs from"
                    + " the command line: java -jar target/bridge.jar --help", e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
