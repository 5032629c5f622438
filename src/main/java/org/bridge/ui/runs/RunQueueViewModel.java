package org.bridge.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunProgress;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.ui.common.LatestOnlyWorker;

/**
 * The run queue as the workbench shows it: every run folder of the runs folder with its state,
 * read back from disk (so the queue survives a restart, and the list is never a second truth).
 * Folders are read on a background thread; the list changes on the JavaFX thread only.
 */
public final class RunQueueViewModel implements AutoCloseable {

    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Supplier<Path> runsDir;
    private final LatestOnlyWorker<Path, List<RunRow>> reader;

    /** Reads on a daemon thread and publishes with {@link Platform#runLater}. */
    public RunQueueViewModel(Supplier<Path> runsDir) {
        this(runsDir, Platform::runLater);
    }

    /** For tests: {@code fxThread} publishes the rows. */
    public RunQueueViewModel(Supplier<Path> runsDir, Executor fxThread) {
        this.runsDir = runsDir;
        this.reader = new LatestOnlyWorker<>("run-queue-reader", (root, superseded) -> read(root), fxThread,
                new LatestOnlyWorker.Listener<>() {
                    @Override
                    public void done(Path request, List<RunRow> result) {
                        rows.setAll(result);
                        problem.set("");
                    }

                    @Override
                    public void failed(Path request, Exception error) {
                        problem.set("cannot list runs in " + request + ": " + error.getMessage());
                    }
                });
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Reads the runs folder again (a newer request overtakes an older one still reading). */
    public void refresh() {
        reader.submit(runsDir.get());
    }

    /**
     * Every run folder under {@code root}, with its state and training progress (epoch x/y, and
     * the time left while it runs); a damaged folder is listed as unreadable.
     */
    public static List<RunRow> read(Path root) {
        List<RunRow> out = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (RunFolder f : new RunStore(root).list()) {
            String experiment = f.dir().getParent().getFileName().toString();
            try {
                RunRecord r = RunRecord.read(f);
                String progress = RunProgress.read(f, r.config(), r.state(), now).map(RunProgress::text).orElse("");
                out.add(new RunRow(experiment, f.id(), r.student(), r.state(), r.message(), f.dir(), progress));
            } catch (RuntimeException e) {
                out.add(new RunRow(experiment, f.id(), "", null, e.getMessage(), f.dir(), ""));
            }
        }
        return out;
    }

    @Override
    public void close() {
        reader.close();
    }
}
