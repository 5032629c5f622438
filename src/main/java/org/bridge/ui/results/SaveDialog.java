package org.bridge.ui.results;

import java.io.File;
import java.nio.file.Path;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save a file. The workbench uses the platform's save dialog; tests replace it,
 * because a native dialog cannot be driven in a headless run.
 */
@FunctionalInterface
public interface SaveDialog {

    /**
     * @param extension without the dot, e.g. {@code md}
     * @return the chosen file, or null when the user cancelled
     */
    Path ask(Window owner, String title, String initialName, String description, String extension);

    /** The platform's save dialog, starting in the folder last saved to. */
    static SaveDialog fileChooser() {
        File[] last = new File[1];
        return (owner, title, initialName, description, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(initialName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
            if (last[0] != null && last[0].isDirectory()) {
                chooser.setInitialDirectory(last[0]);
            }
            File f = chooser.showSaveDialog(owner);
            if (f == null) {
                return null;
            }
            last[0] = f.getParentFile();
            // Some platforms return the typed name without the filter's extension.
            String name = f.getName();
            return name.contains(".") ? f.toPath() : f.toPath().resolveSibling(name + "." + extension);
        };
    }
}
