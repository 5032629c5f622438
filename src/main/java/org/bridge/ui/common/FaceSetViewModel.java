package org.bridge.ui.common;

import java.nio.file.Path;
import java.util.concurrent.Executor;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.bridge.config.UserFacingException;
import org.bridge.data.FaceDataset;
import org.bridge.data.FolderFaceSetReader;

/**
 * The face set opened in the workbench, as observable state shared by the tabs that show its
 * faces. The folder is listed with {@link FolderFaceSetReader} on a background thread (LFW has
 * 5,749 person folders); the properties change only on the JavaFX thread.
 */
public final class FaceSetViewModel {

    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FaceDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    private final Executor background;
    private final Executor fxThread;
    /** Which {@link #open} call is current; touched only on the JavaFX thread. */
    private long opened;

    /** Reads on a daemon thread and publishes with {@link Platform#runLater}. */
    public FaceSetViewModel() {
        this(FaceSetViewModel::startDaemon, Platform::runLater);
    }

    /** For tests: {@code background} does the folder walk, {@code fxThread} publishes the result. */
    public FaceSetViewModel(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    /** Starts reading {@code folder}; a later call wins over an earlier one still reading. */
    public void open(Path folder) {
        long generation = ++opened;
        root.set(folder);
        dataset.set(null);
        problem.set("");
        reading.set(true);
        background.execute(() -> {
            FaceDataset read = null;
            String error = null;
            try {
                read = FolderFaceSetReader.read(folder);
            } catch (UserFacingException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = "cannot read face set " + folder + ": " + e;
            }
            FaceDataset result = read;
            String failure = error;
            fxThread.execute(() -> {
                if (generation != opened) {
                    return; // another face set was opened meanwhile
                }
                reading.set(false);
                if (result != null) {
                    dataset.set(result);
                } else {
                    problem.set(failure);
                }
            });
        });
    }

    /** The folder last opened (set at once, before it has been read). */
    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** The face set once read; null while reading or when it could not be read. */
    public ReadOnlyObjectProperty<FaceDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** Why the folder could not be read; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    private static void startDaemon(Runnable r) {
        Thread t = new Thread(r, "face-set-reader");
        t.setDaemon(true);
        t.start();
    }
}
