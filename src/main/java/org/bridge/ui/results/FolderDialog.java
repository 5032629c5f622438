package org.bridge.ui.results;

import java.io.File;
import java.nio.file.Path;

import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Asks for a folder to write into; tests replace the platform's dialog, which cannot run headless. */
@FunctionalInterface
public interface FolderDialog {

    /** @return the chosen folder, or null when the user cancelled */
    Path ask(Window owner, String title);

    /** The platform's folder dialog, starting in the folder chosen last. */
    static FolderDialog directoryChooser() {
        File[] last = new File[1];
        return (owner, title) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (last[0] != null && last[0].isDirectory()) {
                chooser.setInitialDirectory(last[0]);
            }
            File f = chooser.showDialog(owner);
            if (f == null) {
                return null;
            }
            last[0] = f;
            return f.toPath();
        };
    }
}
