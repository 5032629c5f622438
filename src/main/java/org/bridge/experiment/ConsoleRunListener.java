package org.bridge.experiment;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.bridge.distill.StudentTrainingListener.EpochSummary;

/**
 * The console's view of a run of any kind: one status line, rewritten in place; epochs and
 * results on their own lines.
 */
public final class ConsoleRunListener implements RunListener {
    private String lastStage = "";
    private long lastPrint;
    /**
     * Redirected output (a child's console.log, CI logs) gets whole lines, at most one per
     * stage every 30 s: carriage-return rewriting piles hundreds of updates into one line there.
     */
    private final boolean terminal;
    private final PrintStream out;
    private final LongSupplier clock;

    public ConsoleRunListener() {
        this(System.out, System.console() != null, System::nanoTime);
    }

    public ConsoleRunListener(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void cellStarted(RunCell cell, RunFolder folder) {
        out.println("== " + cell.id() + "  (" + folder.dir() + ")");
    }

    @Override
    public void status(RunCell cell, String stage, double fraction) {
        long now = clock.getAsLong();
        if (!terminal) {
            if (!stage.equals(lastStage) || now - lastPrint > 30_000_000_000L || fraction >= 1) {
                out.printf(Locale.ROOT, "  %s %s%n", stage, Double.isNaN(fraction) ? ""
                        : String.format(Locale.ROOT, "%.1f%%", 100 * fraction));
                lastStage = stage;
                lastPrint = now;
            }
            return;
        }
        if (!stage.equals(lastStage) || now - lastPrint > 500_000_000L || fraction >= 1) {
            out.printf(Locale.ROOT, "\r  %-60s %s", stage, Double.isNaN(fraction) ? ""
                    : String.format(Locale.ROOT, "%5.1f%%", 100 * fraction));
            out.flush();
            if (!stage.equals(lastStage) && !lastStage.isEmpty()) {
                out.println();
            }
            lastStage = stage;
            lastPrint = now;
        }
    }

    @Override
    public void epoch(RunCell cell, EpochSummary s) {
        out.printf(Locale.ROOT, "%n  epoch %d/%d (%s): %s, %.0f samples/s%n",
                s.epoch(), s.epochs(), s.phase(), describeLosses(s), s.samplesPerSecond());
        lastStage = "";
    }

    /**
     * The epoch's mean losses. A term the supervision does not have (no regression for c, no
     * classifier for s) is left out rather than printed as NaN, which reads like a diverged run.
     */
    static String describeLosses(EpochSummary s) {
        StringBuilder parts = new StringBuilder();
        if (!Double.isNaN(s.meanClassification())) {
            parts.append(String.format(Locale.ROOT, "class %.4f", s.meanClassification()));
        }
        if (!Double.isNaN(s.meanRegression())) {
            parts.append(parts.length() > 0 ? ", " : "")
                    .append(String.format(Locale.ROOT, "regression %.4f", s.meanRegression()));
        }
        String total = String.format(Locale.ROOT, "loss %.4f", s.meanTotal());
        return parts.length() == 0 ? total : total + " (" + parts + ")";
    }

    @Override
    public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
        out.println();
        // A student's numbers; the table kinds' results have their own shape (the report shows them).
        String summary = folder.readJson(RunFolder.RESULTS)
                .filter(r -> r.has("accuracy") && r.has("auc") && r.has("top1"))
                .map(r -> String.format(Locale.ROOT, " accuracy %.2f%% (AUC %.4f, top-1 %.2f%%)",
                        100 * r.get("accuracy").getAsDouble(), r.get("auc").getAsDouble(),
                        100 * r.get("top1").getAsDouble()))
                .orElse("");
        out.println("   " + state + ": " + message + summary);
    }
}
