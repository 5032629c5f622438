package org.bridge.experiment.report;

import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.bridge.config.UserFacingException;

/**
 * The paper's claims checked on the runs: per resolution, each claim "A > B" is a
 * {@link PairedComparison} of student A against student B on the target pairs both scored, with
 * the difference, its 95% interval, the pairs and seeds behind it, and the verdict (holds / does
 * not hold / within noise). A claim whose students are not both done says "not measured"; the
 * list of claims is the same whatever is in the folder, followed by the sc claims with our pca
 * target ({@link #pcaClaims}) where both of their students were measured. Students are the softmax-loss ones; when
 * a student exists in several experiments, an experiment holding both sides is preferred.
 */
public final class ClaimsTable {

    public static final String TITLE = "The paper's claims: paired comparisons on the same target pairs, 95% interval";
    public static final String NOT_MEASURED = "not measured";

    /** Which number a claim compares. */
    public enum Metric {
        ACCURACY("accuracy"), TPR_AT_FPR_10("TPR@FPR=10%"), DEGRADED_ACCURACY("accuracy, D(I)-degraded pairs");

        final String text;

        Metric(String text) {
            this.text = text;
        }
    }

    /** "better > worse" on {@code metric}. */
    public record Claim(int resolution, String label, String better, String worse, Metric metric) {
    }

    /** One row: the claim, and either its comparison or why there is none. */
    public record Row(Claim claim, String experiment, Optional<PairedComparison.Result> result, String verdict) {
    }

    private final List<Row> rows;

    private ClaimsTable(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The claims at resolution {@code p}, in the paper's order. */
    public static List<Claim> claims(int p) {
        List<Claim> out = new ArrayList<>();
        for (String t : List.of("E", "V", "C")) {
            out.add(new Claim(p, "sc > dc (" + t + ")", name(p, "sc", t), name(p, "dc", t), Metric.ACCURACY));
            out.add(new Claim(p, "dc > c-O (" + t + ")", name(p, "dc", t), name(p, "c", "O"), Metric.ACCURACY));
            out.add(new Claim(p, "sc > c-O (" + t + ")", name(p, "sc", t), name(p, "c", "O"), Metric.ACCURACY));
        }
        out.add(new Claim(p, "E > V (sc)", name(p, "sc", "E"), name(p, "sc", "V"), Metric.ACCURACY));
        out.add(new Claim(p, "E > C (sc)", name(p, "sc", "E"), name(p, "sc", "C"), Metric.ACCURACY));
        String[] bridge = bridgeSides(p);
        out.add(new Claim(p, "bridge > no bridge (sc-E)", bridge[0], bridge[1], Metric.ACCURACY));
        out.add(new Claim(p, "bridge > no bridge (sc-E), degraded", bridge[0], bridge[1], Metric.DEGRADED_ACCURACY));
        out.add(new Claim(p, "TPR@FPR=10%: sc-E > c-O", name(p, "sc", "E"), name(p, "c", "O"), Metric.TPR_AT_FPR_10));
        return out;
    }

    /**
     * The sc claims again with our principal-components target (sc-t+pca) in place of the paper's
     * adapted features, e.g. "E > V (sc+pca)": whether a claim about the teacher or the supervision
     * holds when the regression target is ours. Reported only where both students were measured.
     */
    public static List<Claim> pcaClaims(int p) {
        String pca = MimicTarget.TEACHER_PCA.suffix();
        List<Claim> out = new ArrayList<>();
        for (String t : List.of("E", "V", "C")) {
            out.add(new Claim(p, "sc+pca > dc (" + t + ")", name(p, "sc", t) + pca, name(p, "dc", t), Metric.ACCURACY));
            out.add(new Claim(p, "sc+pca > c-O (" + t + ")", name(p, "sc", t) + pca, name(p, "c", "O"), Metric.ACCURACY));
        }
        out.add(new Claim(p, "E > V (sc+pca)", name(p, "sc", "E") + pca, name(p, "sc", "V") + pca, Metric.ACCURACY));
        out.add(new Claim(p, "E > C (sc+pca)", name(p, "sc", "E") + pca, name(p, "sc", "C") + pca, Metric.ACCURACY));
        return out;
    }

    /**
     * The two students of the bridge claim: sc-E regressing onto the adapted features f_a (step 1,
     * the paper's student) against sc-E regressing onto the teacher features' principal
     * components (no bridge). The one place that knows how the regression target is named.
     */
    static String[] bridgeSides(int p) {
        return new String[] {name(p, "sc", "E"), name(p, "sc", "E") + MimicTarget.TEACHER_PCA.suffix()};
    }

    private static String name(int p, String supervision, String teacher) {
        return "S-" + p + "-" + supervision + "-" + teacher;
    }

    /** Every claim at every resolution of the students in {@code records} (16 when there are none). */
    public static ClaimsTable of(List<RunRecord> records) {
        List<SeedGroup> students = SeedGroup.of(RunGroup.of(records)).stream()
                .filter(g -> "softmax".equals(g.loss())).toList();
        TreeSet<Integer> resolutions = new TreeSet<>();
        for (SeedGroup g : students) {
            resolutionOf(g.student()).ifPresent(resolutions::add);
        }
        if (resolutions.isEmpty()) {
            resolutions.add(16);
        }
        List<Row> rows = new ArrayList<>();
        for (int p : resolutions) {
            for (Claim c : claims(p)) {
                rows.add(row(c, students));
            }
            for (Claim c : pcaClaims(p)) {
                Row r = row(c, students);
                if (r.result().isPresent()) {
                    rows.add(r);
                }
            }
        }
        return new ClaimsTable(rows);
    }

    static Optional<Integer> resolutionOf(String student) {
        String[] parts = student.split("-");
        if (parts.length < 2 || !"S".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Row row(Claim c, List<SeedGroup> students) {
        List<SeedGroup> better = students.stream().filter(g -> g.student().equals(c.better())).toList();
        List<SeedGroup> worse = students.stream().filter(g -> g.student().equals(c.worse())).toList();
        if (better.isEmpty() || worse.isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (better.isEmpty()) {
                missing.add(c.better());
            }
            if (worse.isEmpty()) {
                missing.add(c.worse());
            }
            return new Row(c, "", Optional.empty(), NOT_MEASURED + " (no " + String.join(", no ", missing) + ")");
        }
        SeedGroup a = better.get(0);
        SeedGroup b = worse.get(0);
        for (SeedGroup x : better) {
            Optional<SeedGroup> same = worse.stream().filter(y -> y.experiment().equals(x.experiment())).findFirst();
            if (same.isPresent()) {
                a = x;
                b = same.get();
                break;
            }
        }
        String experiment = a.experiment().equals(b.experiment()) ? a.experiment() : a.experiment() + " / " + b.experiment();
        try {
            PairedComparison.Result r = c.metric() == Metric.DEGRADED_ACCURACY ? PairedComparison.compareDegraded(a, b)
                    : PairedComparison.compare(a, b);
            PairedComparison.Difference d = c.metric() == Metric.TPR_AT_FPR_10 ? r.tprAtFpr10() : r.accuracy();
            return new Row(c, experiment, Optional.of(r), d.verdict().text());
        } catch (UserFacingException e) {
            return new Row(c, experiment, Optional.empty(), NOT_MEASURED + " (" + e.getMessage() + ")");
        }
    }

    public TextTable toTextTable() {
        List<String> header = List.of("p", "Claim", "Better", "Worse", "Metric", "Difference (pp)", "95% interval (pp)",
                "Pairs", "Seeds", "Verdict", "Experiment");
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            Claim c = r.claim();
            String diff = "";
            String interval = "";
            String pairs = "";
            String seeds = "";
            if (r.result().isPresent()) {
                PairedComparison.Result res = r.result().get();
                PairedComparison.Difference d = c.metric() == Metric.TPR_AT_FPR_10 ? res.tprAtFpr10() : res.accuracy();
                diff = String.format(Locale.ROOT, "%+.2f", 100 * d.value());
                interval = String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * d.low(), 100 * d.high());
                pairs = Integer.toString(res.pairs());
                seeds = res.firstSeeds() + " vs " + res.secondSeeds();
            }
            out.add(List.of(Integer.toString(c.resolution()), c.label(), c.better(), c.worse(), c.metric().text, diff,
                    interval, pairs, seeds, r.verdict(), r.experiment()));
        }
        return new TextTable(TITLE, header, 5, out, List.of(
                "Difference = better minus worse, in percentage points, on the pairs both students scored, without "
                        + "the pairs of a fold their settings were chosen on (fold 5 of split B for settings chosen "
                        + "on A fold 5). Interval: "
                        + "paired bootstrap (" + PairedComparison.REPLICATES + " replicates, pairs drawn within folds, "
                        + "fold thresholds re-chosen, seeds redrawn; fixed seed). Holds: interval above 0; does not "
                        + "hold: below 0; within noise: contains 0. Degraded: the same target pairs with every face "
                        + "through the paper's full D(I), one fixed perturbation per face (pair-scores-degraded.csv)."));
    }

    public String format(String format) {
        return toTextTable().format(format);
    }
}
