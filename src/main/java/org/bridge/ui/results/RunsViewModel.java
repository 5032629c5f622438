package org.bridge.ui.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;

import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.RunsSnapshot;

/**
 * The runs folder as the workbench's tabs see it: the results rows, every run with its state,
 * and the rows the user selected for the curve overlays and the Pairs view. The folder is the
 * only truth: this model holds the last snapshot read from it, read on a background thread and
 * published on the JavaFX thread, and re-read when {@link #refresh()} is called or when polling
 * sees a run start, finish or fail.
 */
public final class RunsViewModel {

    /** How often polling looks at the runs folder. */
    public static final long POLL_SECONDS = 3;

    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RunGroup> rows = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunGroup> selected = FXCollections.observableArrayList();
    private final ObservableList<RunGroup> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<RunsSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final Executor fxThread;
    private final ScheduledThreadPoolExecutor background;
    private ScheduledFuture<?> polling;
    /** Whether the window holding the tabs shows; kept here so the binding is not collected. */
    private BooleanBinding showing;
    /** Fingerprint of the folder as last read; touched only on the background thread. */
    private String readFingerprint;
    /** Which {@link #open} is current; the background thread compares it before publishing. */
    private volatile long generation;
    /** True while a snapshot is being published: the table's transient empty selection is not the user's. */
    private boolean publishing;

    public RunsViewModel() {
        this(Platform::runLater);
    }

    /** For tests: {@code fxThread} publishes results (e.g. {@code Runnable::run}). */
    public RunsViewModel(Executor fxThread) {
        this.fxThread = fxThread;
        this.background = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "runs-folder-reader");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        // The reader thread goes away while nothing is scheduled (e.g. a closed window's model).
        // The keep-alive must stay well above POLL_SECONDS: an idle thread waits that long for
        // the next scheduled poll, and a pool without a thread would not run it.
        background.setKeepAliveTime(60, TimeUnit.SECONDS);
        background.allowCoreThreadTimeOut(true);
    }

    /** Shows the runs under {@code folder}; reads it at once. */
    public void open(Path folder) {
        root.set(folder);
        generation++;
        refresh();
    }

    /** Re-reads the runs folder now (e.g. after a run finished), off the JavaFX thread. */
    public void refresh() {
        Path folder = root.get();
        if (folder == null) {
            return;
        }
        long gen = generation;
        reading.set(true);
        background.execute(() -> read(folder, gen, true));
    }

    /** Polls every {@link #POLL_SECONDS} seconds and re-reads when the folder changed. */
    public synchronized void startPolling() {
        if (polling == null) {
            polling = background.scheduleWithFixedDelay(() -> {
                Path folder = root.get();
                if (folder != null) {
                    read(folder, generation, false);
                }
            }, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Polls while {@code node} is in a window that is showing, and stops when it is closed (or
     * its scene replaced), so a closed window leaves no thread reading the disk.
     */
    public void pollWhileShowing(Node node) {
        showing = Bindings.selectBoolean(node.sceneProperty(), "window", "showing");
        showing.addListener((obs, old, now) -> {
            if (now) {
                startPolling();
            } else {
                stopPolling();
            }
        });
        if (showing.get()) {
            startPolling();
        }
    }

    public synchronized void stopPolling() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    public synchronized boolean isPolling() {
        return polling != null;
    }

    /** Runs on the background thread. */
    private void read(Path folder, long gen, boolean always) {
        RunStore store = new RunStore(folder);
        RunsSnapshot snap = null;
        String failure = null;
        try {
            String fp = RunsSnapshot.fingerprint(store);
            if (!always && fp.equals(readFingerprint)) {
                return;
            }
            snap = RunsSnapshot.read(store);
            readFingerprint = fp;
        } catch (RuntimeException e) {
            failure = "cannot read runs folder " + folder + ": " + e.getMessage();
            readFingerprint = null;
        }
        RunsSnapshot s = snap;
        String f = failure;
        fxThread.execute(() -> {
            if (gen != generation) {
                return; // another folder was opened meanwhile
            }
            reading.set(false);
            if (s != null) {
                publish(s);
            } else {
                problem.set(f);
            }
        });
    }

    private void publish(RunsSnapshot s) {
        Set<String> keys = new HashSet<>();
        for (RunGroup g : selected) {
            keys.add(g.key());
        }
        publishing = true;
        try {
            runs.setAll(s.runs());
            rows.setAll(s.rows());
        } finally {
            publishing = false;
        }
        List<RunGroup> still = new ArrayList<>();
        for (RunGroup g : s.rows()) {
            if (keys.contains(g.key())) {
                still.add(g);
            }
        }
        // Always replaced, even with the same keys: the runs may have new results, and the
        // curve views listen to this list.
        selected.setAll(still);
        problem.set(s.problems().isEmpty() ? "" : String.join("\n", s.problems()));
        snapshot.set(s);
    }

    /** The user's choice of rows (from the results table); ignored while a snapshot is published. */
    public void select(List<RunGroup> chosen) {
        if (publishing) {
            return;
        }
        if (!chosen.equals(selected)) {
            selected.setAll(chosen);
        }
    }

    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** Results rows (completed runs, splits combined), in folder order. */
    public ObservableList<RunGroup> rows() {
        return rows;
    }

    /** Every run folder with its state, including queued, running and failed runs. */
    public ObservableList<RunRecord> runs() {
        return runs;
    }

    /** The rows whose curves are overlaid; change it with {@link #select}. */
    public ObservableList<RunGroup> selectedRows() {
        return selectedView;
    }

    /** Why some folders could not be read, one line each; empty when all were read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The last snapshot published (null before the first read). */
    public ReadOnlyObjectProperty<RunsSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }
}
