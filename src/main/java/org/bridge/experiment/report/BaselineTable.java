package org.bridge.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bridge.config.UserFacingException;
import org.bridge.experiment.RunRecord;

/**
 * Any student against a chosen baseline, as the Results tab's comparison shows it: every student
 * (experiment, student, loss; seeds pooled) beside the baseline with its mean ± std accuracy and
 * the paired differences ({@link PairedComparison}) in accuracy and TPR at FPR 10% on the pairs
 * both scored, and in accuracy on the D(I)-degraded pairs when both measured them. Students of
 * different experiments compare as long as they scored the same pairs (e.g. an ablation file
 * against the Fig. 4 file on one split).
 */
public final class BaselineTable {

    public static final String TITLE = "Every student against a baseline: paired differences, 95% interval";

    /** One student's line: its comparisons with the baseline, or why there are none. */
    public record Line(SeedGroup student, boolean baseline, Optional<PairedComparison.Result> clean,
                       Optional<PairedComparison.Result> degraded, String note) {
    }

    private final SeedGroup baseline;
    private final List<Line> lines;

    private BaselineTable(SeedGroup baseline, List<Line> lines) {
        this.baseline = baseline;
        this.lines = lines;
    }

    public List<Line> lines() {
        return lines;
    }

    /**
     * @param baseline {@code STUDENT}, {@code EXPERIMENT/STUDENT} or {@code EXPERIMENT/STUDENT/LOSS}
     *                 (loss softmax when left out); must name exactly one student of {@code records}
     */
    public static BaselineTable of(List<RunRecord> records, String baseline) {
        List<SeedGroup> students = SeedGroup.of(RunGroup.of(records));
        SeedGroup base = find(students, baseline);
        List<Line> lines = new ArrayList<>();
        for (SeedGroup g : students) {
            if (g == base) {
                lines.add(new Line(g, true, Optional.empty(), Optional.empty(), "baseline"));
                continue;
            }
            try {
                PairedComparison.Result clean = PairedComparison.compare(g, base);
                Optional<PairedComparison.Result> degraded;
                try {
                    degraded = Optional.of(PairedComparison.compareDegraded(g, base));
                } catch (UserFacingException noDegradedPairs) {
                    degraded = Optional.empty();
                }
                lines.add(new Line(g, false, Optional.of(clean), degraded, ""));
            } catch (UserFacingException e) {
                lines.add(new Line(g, false, Optional.empty(), Optional.empty(), "not comparable: " + e.getMessage()));
            }
        }
        return new BaselineTable(base, lines);
    }

    static SeedGroup find(List<SeedGroup> students, String spec) {
        String[] parts = spec.split("/");
        if (parts.length > 3 || spec.isBlank()) {
            throw new UserFacingException("--baseline must be STUDENT, EXPERIMENT/STUDENT or EXPERIMENT/STUDENT/LOSS, not "
                    + spec);
        }
        String experiment = parts.length >= 2 ? parts[0] : null;
        String student = parts.length >= 2 ? parts[1] : parts[0];
        String loss = parts.length == 3 ? parts[2] : "softmax";
        List<SeedGroup> matches = students.stream().filter(g -> g.student().equals(student) && g.loss().equals(loss)
                && (experiment == null || g.experiment().equals(experiment))).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> known = students.stream().map(g -> g.experiment() + "/" + g.student() + "/" + g.loss()).toList();
        throw new UserFacingException((matches.isEmpty() ? "no finished student " : "more than one student ") + spec
                + (matches.isEmpty() ? "" : " (name its experiment: EXPERIMENT/STUDENT)") + "; the runs have: "
                + String.join(", ", known));
    }

    public TextTable toTextTable() {
        List<String> header = List.of("Model", "Loss", "Experiment", "Seeds", "Splits", "Accuracy (%)", "Difference (pp)",
                "95% interval (pp)", "Verdict", "TPR@FPR=10% difference (pp)", "D(I)-degraded difference (pp)", "Pairs");
        List<List<String>> rows = new ArrayList<>();
        for (Line l : lines) {
            SeedGroup g = l.student();
            List<String> r = new ArrayList<>(List.of(g.student(), g.loss(), g.experiment(), g.seedList(),
                    g.splits()));
            SeedsTable.add(r, g.accuracy(), 100, 2, false);
            if (l.clean().isPresent()) {
                PairedComparison.Result c = l.clean().get();
                r.add(String.format(Locale.ROOT, "%+.2f", 100 * c.accuracy().value()));
                r.add(String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * c.accuracy().low(), 100 * c.accuracy().high()));
                r.add(c.accuracy().verdict().text());
                r.add(c.tprAtFpr10().formatted());
                r.add(l.degraded().map(d -> d.accuracy().formatted()).orElse(""));
                r.add(Integer.toString(c.pairs()));
            } else {
                r.addAll(List.of("", "", l.note(), "", "", ""));
            }
            rows.add(r);
        }
        return new TextTable(TITLE + " (baseline " + baseline.experiment() + "/" + baseline.student() + ")", header, 5,
                rows, List.of("Difference = the row's student minus the baseline, in percentage points, on the pairs "
                        + "both scored (leaked folds left out); interval: paired bootstrap ("
                        + PairedComparison.REPLICATES + " replicates, pairs drawn within folds, seeds redrawn; fixed "
                        + "seed). Holds: the row is better (interval above 0); does not hold: worse; within noise: "
                        + "contains 0."));
    }

    public String format(String format) {
        return toTextTable().format(format);
    }
}
