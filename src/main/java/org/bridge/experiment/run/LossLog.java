package org.bridge.experiment.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bridge.distill.StudentTrainingListener;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;

/** Per-iteration losses to losses.csv (in batches) and to the listener. */
final class LossLog implements StudentTrainingListener {
    private final RunFolder folder;
    private final RunCell cell;
    private final RunListener listener;
    private final List<String> pending = new ArrayList<>();
    private boolean resumedRowsDropped;
    private String recovery;
    /** Start of the current epoch (or of training in this process): epoch wall times include the checkpoint. */
    private long epochMark = System.nanoTime();
    private long lastFlush = System.nanoTime();

    LossLog(RunFolder folder, RunCell cell, RunListener listener) {
        this.folder = folder;
        this.cell = cell;
        this.listener = listener;
    }

    @Override
    public void iterationDone(LossPoint p) {
        if (!resumedRowsDropped) {
            // The first iteration of this process: rows from it on belong to an interrupted epoch.
            folder.dropCsvRowsFrom(RunFolder.LOSSES, 3, p.globalIteration());
            resumedRowsDropped = true;
        }
        pending.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.6g,%.6g,%.6g", p.phase(), p.epoch(), p.iteration(),
                p.globalIteration(), p.total(), p.classification(), p.regression(), p.learningRate()));
        // In batches, but at least every second: a front end in another process follows losses.csv.
        if (pending.size() >= 200 || System.nanoTime() - lastFlush > 1_000_000_000L) {
            flush();
        }
        listener.loss(cell, p);
    }

    @Override
    public void checkpointRecovered(String message) {
        recovery = message;
        folder.setState(RunState.RUNNING, message);
        listener.status(cell, message, Double.NaN);
    }

    /** The status message with what happened to a damaged checkpoint, if anything did. */
    String withRecovery(String message) {
        return recovery == null ? message : message + " (" + recovery + ")";
    }

    @Override
    public void epochDone(EpochSummary summary) {
        flush();
        long now = System.nanoTime();
        double seconds = (now - epochMark) / 1e9;
        epochMark = now;
        // A resumed run redoes the epoch it was stopped in: its row is written once, at its end.
        folder.dropCsvRowsFrom(RunFolder.EPOCHS, 1, summary.epoch());
        folder.appendCsv(RunFolder.EPOCHS, RecordStage.EPOCHS_HEADER, List.of(String.format(Locale.ROOT,
                "%s,%d,%d,%.3f,%.1f,%.6g,%.6g,%.6g", summary.phase(), summary.epoch(), summary.epochs(), seconds,
                summary.samplesPerSecond(), summary.meanTotal(), summary.meanClassification(),
                summary.meanRegression())));
        // status.json tells other processes (report, the workbench, a second terminal) how far
        // a running cell is; without it a RUNNING run says nothing until it ends.
        folder.setState(RunState.RUNNING, String.format(Locale.ROOT, "%s: epoch %d of %d done (%.0f samples/s)",
                summary.phase(), summary.epoch(), summary.epochs(), summary.samplesPerSecond()));
        listener.epoch(cell, summary);
    }

    void flush() {
        lastFlush = System.nanoTime();
        if (!pending.isEmpty()) {
            folder.appendCsv(RunFolder.LOSSES,
                    "phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate", pending);
            pending.clear();
        }
    }
}
