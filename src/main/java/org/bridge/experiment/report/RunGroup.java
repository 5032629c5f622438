package org.bridge.experiment.report;

import org.bridge.experiment.RunRecord;
import org.bridge.experiment.ScoredPair;
import org.bridge.experiment.ScoredPairs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the results table together with the completed runs it was computed from: a
 * student (with its loss and seed) and its split A and/or split B run. The workbench needs both
 * at once, the numbers for the table and the run folders for curves and pairs, and
 * {@link ResultsTable.Row} holds only the numbers.
 *
 * @param key  experiment, student, loss and seed: the identity of the row across refreshes
 * @param row  the row as {@link ResultsTable} computes it (full LFW when both splits are done)
 * @param runs the completed runs of the row, by split
 */
public record RunGroup(String key, ResultsTable.Row row, List<RunRecord> runs) {

    public RunGroup {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a results row needs at least one run");
        }
    }

    /** The rows of every completed run, grouped exactly as {@link ResultsTable#of} groups them. */
    public static List<RunGroup> of(List<RunRecord> records) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : records) {
            if (r.results().isPresent() && r.isStudent()) {
                groups.computeIfAbsent(keyOf(r), k -> new ArrayList<>()).add(r);
            }
        }
        List<RunGroup> out = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> e : groups.entrySet()) {
            List<RunRecord> runs = new ArrayList<>(e.getValue());
            runs.sort(Comparator.comparing(RunRecord::split));
            List<ResultsTable.Row> rows = ResultsTable.of(runs).rows();
            if (rows.size() != 1) {
                // ResultsTable and this class must agree on what makes a row.
                throw new IllegalStateException("runs " + e.getKey() + " gave " + rows.size() + " table rows");
            }
            out.add(new RunGroup(e.getKey(), rows.get(0), runs));
        }
        return out;
    }

    /** What makes two runs one row: the same experiment, student, loss and seed. */
    public static String keyOf(RunRecord r) {
        return r.experiment() + "|" + r.student() + "|" + r.loss() + "|" + r.seed();
    }

    /** True when both target halves were evaluated, i.e. the verification numbers are full LFW. */
    public boolean isFullLfw() {
        return runs.size() == 2;
    }

    /** A short name for legends and choosers, e.g. {@code S-16-c-O A+B} or {@code S-16-c-O A (arcface, seed 2)}. */
    public String label() {
        StringBuilder sb = new StringBuilder(row.student()).append(' ');
        for (int i = 0; i < runs.size(); i++) {
            sb.append(i > 0 ? "+" : "").append(runs.get(i).split());
        }
        boolean plainLoss = "softmax".equals(row.loss());
        if (!plainLoss || row.seed() != 1) {
            sb.append(" (").append(row.loss());
            if (row.seed() != 1) {
                sb.append(", seed ").append(row.seed());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Records in the order given, limited to the rows in {@code groups}: for exporting a filtered table. */
    public static List<RunRecord> recordsOf(List<RunGroup> groups) {
        List<RunRecord> out = new ArrayList<>();
        for (RunGroup g : groups) {
            out.addAll(g.runs());
        }
        return out;
    }

    /** The scored pairs of every run of this row, split A's first. */
    public List<ScoredPair> scoredPairs() {
        List<ScoredPair> out = new ArrayList<>();
        for (RunRecord r : runs) {
            out.addAll(ScoredPairs.of(r));
        }
        return out;
    }

    /** The D(I)-degraded target pairs of every run of this row, split A's first. */
    public List<ScoredPair> degradedScoredPairs() {
        List<ScoredPair> out = new ArrayList<>();
        for (RunRecord r : runs) {
            out.addAll(ScoredPairs.ofDegraded(r));
        }
        return out;
    }

    /**
     * As {@link #scoredPairs}, without the pairs of any fold the run's settings were chosen on
     * ({@code settingsChosenOn}): the pairs a comparison may use and still be held out.
     */
    public List<ScoredPair> heldOutScoredPairs() {
        return heldOut(ScoredPairs::of);
    }

    /** As {@link #degradedScoredPairs}, held out as {@link #heldOutScoredPairs} is. */
    public List<ScoredPair> heldOutDegradedScoredPairs() {
        return heldOut(ScoredPairs::ofDegraded);
    }

    private List<ScoredPair> heldOut(java.util.function.Function<RunRecord, List<ScoredPair>> read) {
        List<ScoredPair> out = new ArrayList<>();
        for (RunRecord r : runs) {
            java.util.Set<Integer> chosenOn = r.settingsChosenOn().leakedInto(List.of(r.split()));
            for (ScoredPair p : read.apply(r)) {
                if (!chosenOn.contains(p.fold())) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
