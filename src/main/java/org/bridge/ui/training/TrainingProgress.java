package org.bridge.ui.training;

import java.util.Locale;
import java.util.function.LongSupplier;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.ui.runs.RunEvent;

/**
 * Turns the runner's events into what the progress bar, ETA and status line show. Plain Java,
 * fed on the JavaFX thread with each batch of events.
 *
 * <p>During training the fraction is (epochs done + iteration / iterations per epoch) / epochs;
 * the iterations per epoch are known once the first epoch of this session ended, so until then
 * the bar is indeterminate and there is no ETA. The ETA extrapolates the rate since that moment.
 */
public final class TrainingProgress {

    /** ProgressBar's value for "unknown". */
    public static final double INDETERMINATE = -1;

    private final LongSupplier nanoClock;
    private boolean running;
    private String job = "";
    private int cells;
    private int cellIndex;
    private String cell = "";
    private String stage = "Idle";
    private double fraction = 0;
    private int iterationsPerEpoch;
    private int epochs;
    private int maxIterationThisEpoch;
    private LossPoint last;
    /** The current run ended (its ETA is gone until the next run trains). */
    private boolean cellFinished;
    private long rateStartNanos = -1;
    private double rateStartFraction;
    private double etaSeconds = Double.NaN;
    /** How the job's runs ended so far, by state, in the order states first occurred. */
    private final java.util.Map<org.bridge.experiment.RunState, Integer> outcomes = new java.util.LinkedHashMap<>();
    private String lastOutcome = "";
    /** The last failed run and why, so a job's summary never says only "2 FAILED". */
    private String lastFailure = "";

    public TrainingProgress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void accept(RunEvent event) {
        if (event instanceof RunEvent.JobStarted e) {
            running = true;
            job = e.label();
            cells = e.cells();
            cellIndex = 0;
            cell = "";
            outcomes.clear();
            lastOutcome = "";
            lastFailure = "";
            stage = "starting";
            fraction = INDETERMINATE;
            etaSeconds = Double.NaN;
        } else if (event instanceof RunEvent.CellStarted e) {
            cellIndex++;
            cell = e.cell().id();
            stage = "started";
            fraction = INDETERMINATE;
            iterationsPerEpoch = 0;
            epochs = 0;
            maxIterationThisEpoch = 0;
            last = null;
            cellFinished = false;
            rateStartNanos = -1;
            etaSeconds = Double.NaN;
        } else if (event instanceof RunEvent.Status e) {
            stage = e.stage();
            fraction = Double.isNaN(e.fraction()) ? INDETERMINATE : clamp(e.fraction());
        } else if (event instanceof RunEvent.Loss e) {
            loss(e.point());
        } else if (event instanceof RunEvent.Epoch e) {
            epoch(e.summary());
        } else if (event instanceof RunEvent.CellFinished e) {
            stage = e.state() + (e.message() == null || e.message().isEmpty() ? "" : ": " + e.message());
            outcomes.merge(e.state(), 1, Integer::sum);
            cellFinished = true;
            lastOutcome = stage;
            if (e.state() == org.bridge.experiment.RunState.FAILED) {
                lastFailure = e.cell().id() + ": " + e.message();
            }
            fraction = e.state() == org.bridge.experiment.RunState.DONE ? 1 : fraction;
            etaSeconds = Double.NaN;
        } else if (event instanceof RunEvent.ChildStarted e) {
            // The child trains in its own JVM: no losses reach this one, so no bar or ETA.
            cellIndex++;
            cell = e.label();
            stage = "training in its own process (progress: the queue, and its losses in the chart when selected)";
            fraction = INDETERMINATE;
            last = null;
            cellFinished = false;
            etaSeconds = Double.NaN;
        } else if (event instanceof RunEvent.ChildFinished e) {
            stage = e.label() + " " + e.state() + (e.exitCode() == 0 ? "" : " (exit code " + e.exitCode()
                    + ", see console.log in its folder)");
            outcomes.merge(e.state(), 1, Integer::sum);
            lastOutcome = stage;
            cellFinished = true;
        } else if (event instanceof RunEvent.JobFinished e) {
            running = false;
            if (e.failure() != null) {
                stage = job + " stopped: " + e.failure();
            } else if (outcomes.isEmpty()) {
                stage = job + " finished: nothing to run";
            } else if (outcomes.values().stream().mapToInt(Integer::intValue).sum() == 1) {
                stage = lastOutcome; // one run: say how it ended, with its message
            } else {
                java.util.List<String> parts = new java.util.ArrayList<>();
                outcomes.forEach((state, n) -> parts.add(n + " " + state));
                stage = job + " finished: " + String.join(", ", parts)
                        + (lastFailure.isEmpty() ? "" : "; last failure, " + lastFailure);
            }
            etaSeconds = Double.NaN;
            if (fraction == INDETERMINATE) {
                fraction = 0;
            }
        }
    }

    private void loss(LossPoint p) {
        last = p;
        maxIterationThisEpoch = Math.max(maxIterationThisEpoch, p.iteration());
        if (iterationsPerEpoch > 0 && epochs > 0) {
            fraction = clamp(((p.epoch() - 1) + Math.min(1.0, (double) p.iteration() / iterationsPerEpoch)) / epochs);
            updateEta();
        } else {
            fraction = INDETERMINATE;
        }
    }

    private void epoch(EpochSummary s) {
        epochs = s.epochs();
        iterationsPerEpoch = Math.max(iterationsPerEpoch, maxIterationThisEpoch);
        maxIterationThisEpoch = 0;
        fraction = clamp((double) s.epoch() / Math.max(1, s.epochs()));
        updateEta();
    }

    private void updateEta() {
        long now = nanoClock.getAsLong();
        if (rateStartNanos < 0) {
            rateStartNanos = now;
            rateStartFraction = fraction;
            etaSeconds = Double.NaN;
            return;
        }
        double seconds = (now - rateStartNanos) / 1e9;
        double done = fraction - rateStartFraction;
        etaSeconds = seconds > 0.5 && done > 0 ? (1 - fraction) * seconds / done : Double.NaN;
    }

    public boolean isRunning() {
        return running;
    }

    /** For the progress bar: 0..1, or {@link #INDETERMINATE}. */
    public double fraction() {
        return fraction;
    }

    /** Seconds left in training, NaN when unknown. */
    public double etaSeconds() {
        return etaSeconds;
    }

    public String etaText() {
        if (Double.isNaN(etaSeconds)) {
            if (!running || last == null || cellFinished) {
                return "";
            }
            // Between the first epoch's end and half a second of measured rate: say so rather than blank.
            return iterationsPerEpoch == 0 ? "ETA after the first epoch" : "ETA estimating\u2026";
        }
        long s = Math.round(etaSeconds);
        return s >= 3600 ? String.format(Locale.ROOT, "ETA %dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "ETA %dm %02ds", s / 60, s % 60);
    }

    /** One line: which run of the job, the stage and, while training, epoch/iteration/loss. */
    public String statusText() {
        StringBuilder b = new StringBuilder();
        if (!cell.isEmpty()) {
            b.append(cells > 0 ? "[" + cellIndex + "/" + cells + "] " : "").append(cell).append(": ");
        } else if (!job.isEmpty() && running) {
            b.append(job).append(": ");
        }
        if (running && last != null && stage.startsWith("training")) {
            b.append(String.format(Locale.ROOT, "phase %s, epoch %d%s, iteration %d%s, loss %.4f", last.phase(), last.epoch(),
                    epochs > 0 ? "/" + epochs : "", last.iteration(),
                    iterationsPerEpoch > 0 ? "/" + iterationsPerEpoch : "", last.total()));
        } else {
            b.append(stage);
            if (fraction >= 0 && fraction < 1 && running) {
                b.append(String.format(Locale.ROOT, " (%.0f%%)", 100 * fraction));
            }
        }
        return b.toString();
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
