package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.distill.Supervision;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.RunState;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;
import org.bridge.ui.runs.RunEvent;
import org.junit.jupiter.api.Test;

/** Progress bar, ETA and status line from the runner's events, on a fake clock. */
class TrainingProgressTest {

    private final ExperimentCell cell = new ExperimentCell("w", new StudentSpec(16, Supervision.c, TeacherId.O),
            "softmax", "A", 1);

    private LossPoint p(int epoch, int it, long global) {
        return new LossPoint("fine-tune", epoch, it, global, 2.5, 2.4, Double.NaN, 1e-3);
    }

    @Test
    void followsStagesThenEpochsAndEstimatesTheRemainingTime() {
        AtomicLong now = new AtomicLong();
        TrainingProgress tp = new TrainingProgress(now::get);
        tp.accept(new RunEvent.JobStarted("Run w", 1));
        assertTrue(tp.isRunning());
        tp.accept(new RunEvent.CellStarted(cell, Path.of("runs/w/x")));
        tp.accept(new RunEvent.Status(cell, "degrading public faces", 0.25));
        assertEquals(0.25, tp.fraction());
        assertEquals("[1/1] " + cell.id() + ": degrading public faces (25%)", tp.statusText());

        tp.accept(new RunEvent.Status(cell, "training S-16-c-O", 0));
        tp.accept(new RunEvent.Loss(cell, p(1, 1, 0)));
        assertEquals(TrainingProgress.INDETERMINATE, tp.fraction(), "iterations per epoch unknown yet");
        assertEquals("ETA after the first epoch", tp.etaText());
        for (int i = 2; i <= 10; i++) {
            tp.accept(new RunEvent.Loss(cell, p(1, i, i - 1)));
        }
        now.set(10_000_000_000L); // epoch 1 of 4 took 10 s
        tp.accept(new RunEvent.Epoch(cell, new EpochSummary("fine-tune", 1, 4, 2.5, 2.4, Double.NaN, 100, null)));
        assertEquals(0.25, tp.fraction());
        assertEquals("ETA estimating\u2026", tp.etaText(), "no rate measured yet");
        now.set(15_000_000_000L);
        tp.accept(new RunEvent.Loss(cell, p(2, 5, 14)));
        assertEquals(0.375, tp.fraction());
        // 0.125 of the training in 5 s: 0.625 left takes 25 s.
        assertEquals(25.0, tp.etaSeconds(), 1e-9);
        assertEquals("ETA 0m 25s", tp.etaText());
        assertEquals("[1/1] " + cell.id() + ": phase fine-tune, epoch 2/4, iteration 5/10, loss 2.5000", tp.statusText());

        tp.accept(new RunEvent.CellFinished(cell, Path.of("runs/w/x"), RunState.CANCELLED, "cancelled by the user"));
        assertEquals("", tp.etaText());
        tp.accept(new RunEvent.JobFinished("Run w", null));
        assertFalse(tp.isRunning());
        // One run: its outcome stays on the status line.
        assertEquals("[1/1] " + cell.id() + ": CANCELLED: cancelled by the user", tp.statusText());
    }

    @Test
    void aJobOfSeveralRunsCountsTheirOutcomes() {
        TrainingProgress tp = new TrainingProgress(() -> 0);
        tp.accept(new RunEvent.JobStarted("Run grid", 3));
        for (RunState s : new RunState[] {RunState.DONE, RunState.FAILED, RunState.DONE}) {
            tp.accept(new RunEvent.CellStarted(cell, Path.of("x")));
            tp.accept(new RunEvent.CellFinished(cell, Path.of("x"), s, "m"));
        }
        tp.accept(new RunEvent.JobFinished("Run grid", null));
        assertEquals("[3/3] " + cell.id() + ": Run grid finished: 2 DONE, 1 FAILED; last failure, " + cell.id() + ": m",
                tp.statusText());
    }

    @Test
    void twoFailedRunsSayWhyNotOnlyHowMany() {
        TrainingProgress tp = new TrainingProgress(() -> 0);
        tp.accept(new RunEvent.JobStarted("Run workbench", 2));
        for (int i = 0; i < 2; i++) {
            tp.accept(new RunEvent.CellStarted(cell, Path.of("x")));
            tp.accept(new RunEvent.CellFinished(cell, Path.of("x"), RunState.FAILED,
                    "the teacher weights @vladmandic/human@3.3.6 are not in /c and fetching them failed: npm was not found"));
        }
        tp.accept(new RunEvent.JobFinished("Run workbench", null));
        String status = tp.statusText();
        assertTrue(status.contains("2 FAILED") && status.contains("npm was not found"), status);
    }

    @Test
    void aFailedJobSaysWhy() {
        TrainingProgress tp = new TrainingProgress(() -> 0);
        tp.accept(new RunEvent.JobStarted("Run queued", 0));
        tp.accept(new RunEvent.JobFinished("Run queued", "face set not found: /x"));
        assertEquals("Run queued stopped: face set not found: /x", tp.statusText());
        assertEquals(0, tp.fraction());
    }
}
