package org.bridge.experiment.report;

import org.bridge.experiment.StudentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fig. 4 and Fig. 6 as tables: the students' rows of {@link ResultsTable} pivoted so that each
 * row is one supervision and teacher (S-*-x-t, with its loss and seed) and each column one input
 * resolution p. The paper plots these as curves over p; a table of the same points lets a
 * reader compare resolutions at a glance. Fig. 4 cells are LFW verification accuracy, Fig. 6
 * cells top-1 / top-5 identification. A cell measured on one split only says which, since a
 * half of LFW is not comparable with full LFW.
 */
public final class ResolutionTable {

    public static final String FIG4_TITLE = "Fig. 4 by resolution: LFW verification accuracy (%)";
    public static final String FIG6_TITLE = "Fig. 6 by resolution: identification top-1 / top-5 (%)";

    private record Key(String experiment, String family, String loss, long seed) {
    }

    private final List<Integer> resolutions;
    private final Map<Key, Map<Integer, ResultsTable.Row>> cells;
    private final boolean severalExperiments;

    private ResolutionTable(List<Integer> resolutions, Map<Key, Map<Integer, ResultsTable.Row>> cells,
                            boolean severalExperiments) {
        this.resolutions = resolutions;
        this.cells = cells;
        this.severalExperiments = severalExperiments;
    }

    public static ResolutionTable of(ResultsTable students) {
        TreeSet<Integer> ps = new TreeSet<>();
        Map<Key, Map<Integer, ResultsTable.Row>> cells = new LinkedHashMap<>();
        for (ResultsTable.Row r : students.rows()) {
            StudentSpec s;
            try {
                s = StudentSpec.parse(r.student());
            } catch (IllegalArgumentException notAStudentName) {
                continue;
            }
            ps.add(s.resolution());
            String family = s.supervision().name() + "-" + s.teacher().name() + s.target().suffix();
            cells.computeIfAbsent(new Key(r.experiment(), family, r.loss(), r.seed()), k -> new LinkedHashMap<>())
                    .put(s.resolution(), r);
        }
        boolean several = cells.keySet().stream().map(Key::experiment).distinct().count() > 1;
        return new ResolutionTable(List.copyOf(ps), cells, several);
    }

    /** Resolutions with at least one finished student. */
    public List<Integer> resolutions() {
        return resolutions;
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    public TextTable fig4() {
        return table(FIG4_TITLE, r -> TextTable.pct(r.accuracy()) + " ± " + TextTable.pct(r.accuracyStd()),
                "Each cell: mean ± std over the 10 folds of the pairs its runs scored (full LFW when both splits "
                        + "are done; \"split A\" marks a half, 3,000 pairs). Cosine similarity of the students' "
                        + "128-D features, each fold's threshold chosen on the other folds.");
    }

    public TextTable fig6() {
        return table(FIG6_TITLE, r -> TextTable.pct(r.top1()) + " / " + TextTable.pct(r.top5()),
                "Each cell: top-1 / top-5 identification (softmax fine-tuned on the frozen student features), "
                        + "the mean over the splits done (\"split A\" marks one).");
    }

    private TextTable table(String title, java.util.function.Function<ResultsTable.Row, String> value, String note) {
        List<String> header = new ArrayList<>();
        if (severalExperiments) {
            header.add("Experiment");
        }
        header.add("Student (x-t)");
        header.add("Loss");
        header.add("Seed");
        int textCols = header.size();
        for (int p : resolutions) {
            header.add("p = " + p);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean leaks = false;
        for (Map.Entry<Key, Map<Integer, ResultsTable.Row>> e : cells.entrySet()) {
            Key k = e.getKey();
            List<String> row = new ArrayList<>();
            if (severalExperiments) {
                row.add(k.experiment());
            }
            row.add("S-p-" + k.family());
            row.add(k.loss());
            row.add(Long.toString(k.seed()));
            for (int p : resolutions) {
                ResultsTable.Row r = e.getValue().get(p);
                if (r == null) {
                    row.add("");
                } else {
                    boolean half = !r.splits().startsWith("A+B");
                    leaks |= r.protocol().leaks();
                    row.add(value.apply(r) + (half ? " (split " + r.splits() + ")" : "")
                            + (r.protocol().leaks() ? " [leak]" : ""));
                }
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>(List.of(note));
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        cells.values().forEach(m -> m.values().forEach(r -> origins.add(r.protocol().settingsChosenOn())));
        notes.add("Settings chosen on (pairs.txt development folds): " + String.join(" / ", origins) + ".");
        if (leaks) {
            notes.add("[leak]: the settings of this number were chosen on one of its own target folds of pairs.txt,"
                    + " so it is not held out; the students' table names the folds and the held-out alternative.");
        }
        return new TextTable(title, header, textCols, rows, notes);
    }
}
