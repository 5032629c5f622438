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
     * @param baseline {@code STUDENT}, {@code STUDENT/LOSS}, {@code EXPERIMENT/STUDENT} or
     *                 {@code EXPERIMENT/STUDENT/LOSS}
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
            throw new UserFacingException("--baseline must be STUDENT, STUDENT/LOSS, EXPERIMENT/STUDENT or "
                    + "EXPERIMENT/STUDENT/LOSS, not " + spec);
        }
        List<SeedGroup> matches = switch (parts.length) {
            case 1 -> matching(students, null, parts[0], "softmax");
            case 2 -> twoPartMatches(students, parts[0], parts[1]);
            default -> matching(students, parts[0], parts[1], parts[2]);
        };
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> known = students.stream().map(g -> g.experiment() + "/" + g.student() + "/" + g.loss()).toList();
        throw new UserFacingException((matches.isEmpty() ? "no finished student " : "more than one student ") + spec
                + (matches.isEmpty() ? "" : " (name its experiment: EXPERIMENT/STUDENT)") + "; the runs have: "
                + String.join(", ", known));
    }

    /** A/B is EXPERIMENT/STUDENT (softmax) or STUDENT/LOSS: every student either reading names. */
    private static List<SeedGroup> twoPartMatches(List<SeedGroup> students, String first, String second) {
        List<SeedGroup> out = new ArrayList<>(matching(students, first, second, "softmax"));
        matching(students, null, first, second).stream().filter(g -> !out.contains(g)).forEach(out::add);
        return out;
    }

    private static List<SeedGroup> matching(List<SeedGroup> students, String experiment, String student, String loss) {
        return students.stream().filter(g -> g.student().equals(student) && g.loss().equals(loss)
                && (experiment == null || g.experiment().equals(experiment))).toList();
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
