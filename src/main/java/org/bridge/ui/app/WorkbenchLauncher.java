package org.bridge.ui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        start(dataset, List.of());
    }

    /**
     * Opens the workbench, writes a PNG of each tab into {@code dir} ({@link WorkbenchSnapshots})
     * and closes it again; blocks until then.
     *
     * @param filter the Results filter choosing the rows to show; null or empty for all
     * @param width  window width for the pictures (the workbench opens at 1200 x 800)
     * @param height window height
     * @return 0 when every tab was written, else 1 (the reason is printed)
     */
    public static int snapshot(Path dataset, Path dir, String filter, int width, int height) {
        List<String> args = new ArrayList<>();
        args.add("--snapshot=" + dir.toAbsolutePath());
        args.add("--snapshot-size=" + width + "x" + height);
        if (filter != null && !filter.isBlank()) {
            args.add("--snapshot-filter=" + filter);
        }
        start(dataset, args);
        return WorkbenchApp.snapshotStatus();
    }

    private static void start(Path dataset, List<String> extra) {
        List<String> args = new ArrayList<>();
        if (dataset != null) {
            args.add("--dataset=" + dataset.toAbsolutePath());
        }
        args.addAll(extra);
        try {
            Application.launch(WorkbenchApp.class, args.toArray(new String[0]));
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
