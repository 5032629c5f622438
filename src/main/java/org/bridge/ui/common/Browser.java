package org.bridge.ui.common;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;

import javafx.application.HostServices;

/**
 * Opens a page in the user's browser: through JavaFX's host services when the workbench runs as
 * an application, else through AWT's Desktop. The application hands its host services over at
 * start, so a tab can open pages without knowing the application class.
 */
public final class Browser {

    /** Null in tests that build only the scene. */
    private static volatile HostServices hostServices;

    private Browser() {
    }

    /** Called once by the application when it starts. */
    public static void useHostServices(HostServices services) {
        hostServices = services;
    }

    /** Opens {@code uri}; false when neither host services nor AWT's Desktop can. May block: call off the FX thread. */
    public static boolean open(URI uri) throws IOException {
        HostServices host = hostServices;
        if (host != null) {
            host.showDocument(uri.toString());
            return true;
        }
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            Desktop.getDesktop().browse(uri);
            return true;
        }
        return false;
    }
}
