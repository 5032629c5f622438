package org.bridge.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;

/**
 * Passes every event on and writes the running cell's stage into its run folder
 * ({@value #FILE}: stage and fraction), so a front end in another process (the workbench
 * following a run it started in a child JVM) shows the same status line as this process's
 * console. Written when the stage changes and otherwise at most every {@value #MIN_MILLIS} ms.
 */
public final class RunStageFile implements RunListener {

    public static final String FILE = "stage.json";
    static final long MIN_MILLIS = 500;

    private final RunListener next;
    private final LongSupplier clock;
    private RunFolder folder;
    private String lastStage = "";
    private long lastWrite;

    private RunStageFile(RunListener next, LongSupplier clock) {
        this.next = next;
        this.clock = clock;
    }

    /** {@code next} with the stage of each cell also written into the cell's folder. */
    public static RunListener alongside(RunListener next) {
        return new RunStageFile(next, System::nanoTime);
    }

    @Override
    public void cellStarted(RunCell cell, RunFolder folder) {
        this.folder = folder;
        lastStage = "";
        next.cellStarted(cell, folder);
    }

    @Override
    public void status(RunCell cell, String stage, double fraction) {
        long now = clock.getAsLong();
        if (folder != null && (!stage.equals(lastStage) || now - lastWrite >= MIN_MILLIS * 1_000_000L || fraction >= 1)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", stage);
            s.put("fraction", Double.isNaN(fraction) ? null : fraction);
            try {
                folder.writeJson(FILE, s);
            } catch (RuntimeException e) {
                // The status line of another process is not worth failing a run for.
            }
            lastStage = stage;
            lastWrite = now;
        }
        next.status(cell, stage, fraction);
    }

    @Override
    public void loss(RunCell cell, LossPoint point) {
        next.loss(cell, point);
    }

    @Override
    public void epoch(RunCell cell, EpochSummary summary) {
        next.epoch(cell, summary);
    }

    @Override
    public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
        this.folder = null;
        next.cellFinished(cell, folder, state, message);
    }
}
