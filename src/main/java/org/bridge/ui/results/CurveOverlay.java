package org.bridge.ui.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.scene.control.Label;

import org.bridge.experiment.report.RunGroup;
import org.bridge.ui.common.LatestOnlyWorker;

/**
 * Reads the curves of the selected results rows on a background thread (only the latest
 * selection counts) and hands them to the chart on the JavaFX thread. A row whose files cannot
 * be read is left out and named in the status line; the others are still drawn.
 *
 * @param <S> one curve, as the chart takes it
 */
final class CurveOverlay<S> implements AutoCloseable {

    /** The curves read and the rows that could not be read. */
    record Curves<S>(List<S> series, List<String> problems) {
    }

    private final LatestOnlyWorker<List<RunGroup>, Curves<S>> worker;
    private final Label status;
    private final String what;

    /**
     * @param read reads one row's curve (from its run folders)
     * @param show puts the curves into the chart
     * @param what the curves' name for the status line, e.g. "ROC"
     */
    CurveOverlay(String threadName, String what, Function<RunGroup, S> read, Consumer<List<S>> show, Label status) {
        this.status = status;
        this.what = what;
        this.worker = new LatestOnlyWorker<>(threadName, (rows, superseded) -> {
            List<S> series = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (RunGroup g : rows) {
                if (superseded.getAsBoolean()) {
                    return null;
                }
                try {
                    series.add(read.apply(g));
                } catch (RuntimeException e) {
                    problems.add(g.label() + ": " + e.getMessage());
                }
            }
            return new Curves<>(series, problems);
        }, Platform::runLater, new LatestOnlyWorker.Listener<>() {
            @Override
            public void done(List<RunGroup> rows, Curves<S> curves) {
                show.accept(curves.series());
                report(rows, curves);
            }

            @Override
            public void failed(List<RunGroup> rows, Exception error) {
                show.accept(List.of());
                setStatus("Cannot read the " + what + " curves: " + error.getMessage(), true);
            }
        });
    }

    /** Reads and shows the curves of {@code rows}; an earlier request still running is dropped. */
    void request(List<RunGroup> rows) {
        if (!rows.isEmpty()) {
            setStatus("Reading " + rows.size() + " " + what + " curve" + (rows.size() == 1 ? "" : "s") + "...", false);
        }
        worker.submit(List.copyOf(rows));
    }

    private void report(List<RunGroup> rows, Curves<S> curves) {
        if (rows.isEmpty()) {
            setStatus("", false);
        } else if (curves.problems().isEmpty()) {
            setStatus(curves.series().size() + " " + what + " curve" + (curves.series().size() == 1 ? "" : "s")
                    + " shown.", false);
        } else {
            setStatus("Not shown: " + String.join("; ", curves.problems()), true);
        }
    }

    private void setStatus(String text, boolean problem) {
        status.setText(text);
        status.getStyleClass().remove("problem");
        if (problem) {
            status.getStyleClass().add("problem");
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
