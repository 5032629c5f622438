package org.bridge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.bridge.teacher.FetchProgress;

/**
 * A one-line progress bar for long extractions:
 * {@code detect [#########...........]  3120/7701  41.6 images/s  1:50 left}.
 *
 * <p>The first {@link #update} is the starting point (e.g. the images already cached), so the
 * rate counts only work done while the bar was shown. On a terminal the line is redrawn in place
 * (at most 5 times a second); in a log file a line is written at every 10% instead.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    /** What is counted, for the rate: images, or the steps of a teacher fetch. */
    private final String unit;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private int startDone = -1;
    private long startNanos;
    private long lastDraw;
    private int lastDecile = -1;
    private boolean finished;

    ProgressBar(String label, PrintStream out, boolean terminal, LongSupplier clock) {
        this(label, "images", out, terminal, clock);
    }

    ProgressBar(String label, String unit, PrintStream out, boolean terminal, LongSupplier clock) {
        this.label = label;
        this.unit = unit;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** A bar on standard error, redrawn in place when there is a console. */
    static ProgressBar onStderr(String label) {
        return new ProgressBar(label, System.err, System.console() != null, System::nanoTime);
    }

    /**
     * A bar on standard error for fetching teacher weights on first need (three steps per
     * package: npm pack, the sha-512 check, extraction); drawn only when something is fetched.
     */
    static FetchProgress teacherFetch() {
        ProgressBar bar = new ProgressBar("teachers", "steps", System.err, System.console() != null, System::nanoTime);
        return (stage, done, total) -> {
            if (done == 0) {
                System.err.println("teacher weights missing: fetching them (" + stage + ")");
            }
            bar.update(done, total);
        };
    }

    synchronized void update(int done, int total) {
        long now = clock.getAsLong();
        if (startDone < 0) {
            startDone = done;
            startNanos = now;
        }
        if (finished) {
            return;
        }
        boolean last = done >= total;
        if (terminal) {
            if (last || now - lastDraw >= REDRAW_NANOS) {
                out.print("\r" + line(done, total, now - startNanos) + (last ? "\n" : ""));
                out.flush();
                lastDraw = now;
            }
        } else {
            int decile = total > 0 ? (int) (10L * done / total) : 10;
            if (decile != lastDecile || last) {
                out.println(line(done, total, now - startNanos));
                lastDecile = decile;
            }
        }
        finished = last;
    }

    /** The bar's text after {@code elapsedNanos} since the first update. */
    String line(int done, int total, long elapsedNanos) {
        int filled = total > 0 ? (int) ((long) WIDTH * done / total) : WIDTH;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        int width = String.valueOf(total).length();
        String counts = String.format(Locale.ROOT, "%" + width + "d/%d", done, total);
        int work = done - Math.max(startDone, 0);
        double seconds = elapsedNanos / 1e9;
        String speed;
        if (done >= total && work == 0) {
            speed = "all cached";
        } else if (work <= 0 || seconds <= 0) {
            speed = "starting";
        } else {
            double rate = work / seconds;
            String left = done >= total ? "done in " + clockTime(seconds) : clockTime((total - done) / rate) + " left";
            speed = String.format(Locale.ROOT, "%.1f %s/s  %s", rate, unit, left);
        }
        return String.format(Locale.ROOT, "%-12s [%s] %s  %s", label, bar, counts, speed);
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
