package org.bridge.ui.runs;

import java.util.function.Consumer;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;

/**
 * The runner's {@link RunListener}, called on the training thread: every call becomes a
 * {@link RunEvent} handed to a sink (a {@link BatchedDelivery} in the workbench). It never
 * blocks the training thread and never touches JavaFX.
 */
public final class RunFeed implements RunListener {

    private final Consumer<RunEvent> sink;

    public RunFeed(Consumer<RunEvent> sink) {
        this.sink = sink;
    }

    public void publish(RunEvent event) {
        sink.accept(event);
    }

    @Override
    public void cellStarted(RunCell cell, RunFolder folder) {
        sink.accept(new RunEvent.CellStarted(cell, folder.dir()));
    }

    @Override
    public void status(RunCell cell, String stage, double fraction) {
        sink.accept(new RunEvent.Status(cell, stage, fraction));
    }

    @Override
    public void loss(RunCell cell, LossPoint point) {
        sink.accept(new RunEvent.Loss(cell, point));
    }

    @Override
    public void epoch(RunCell cell, EpochSummary summary) {
        sink.accept(new RunEvent.Epoch(cell, summary));
    }

    @Override
    public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
        sink.accept(new RunEvent.CellFinished(cell, folder.dir(), state, message));
    }
}
