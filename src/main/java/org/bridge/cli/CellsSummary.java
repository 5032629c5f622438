package org.bridge.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;

/**
 * The last lines of {@code run} and {@code run-queued}: how many cells ended in which state, each
 * failed cell with its message and folder, and the exit code that goes with it.
 */
final class CellsSummary {

    /** Exit code when at least one cell FAILED (the others were run); --help of run and run-queued says so. */
    static final int CELLS_FAILED = 3;

    private CellsSummary() {
    }

    /** Prints the summary; returns the number of FAILED cells. */
    static long print(List<RunRecord> records, PrintStream out) {
        Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
        for (RunRecord r : records) {
            counts.merge(r.state(), 1, Integer::sum);
        }
        int failed = counts.getOrDefault(RunState.FAILED, 0);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d of %d cell%s failed", failed,
                records.size(), records.size() == 1 ? "" : "s"));
        for (RunState s : RunState.values()) {
            if (s != RunState.FAILED && counts.containsKey(s)) {
                line.append(", ").append(counts.get(s)).append(' ').append(s.name().toLowerCase(Locale.ROOT));
            }
        }
        out.println(line);
        for (RunRecord r : records) {
            if (r.state() == RunState.FAILED) {
                out.println("  FAILED " + r.folder().id() + ": " + r.message() + "  (" + r.folder().dir() + ")");
            }
        }
        return failed;
    }

    /** {@link #CELLS_FAILED} when a cell failed, else {@code otherwise}. */
    static int exitCode(long failed, int otherwise) {
        return failed > 0 ? CELLS_FAILED : otherwise;
    }
}
