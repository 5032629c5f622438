package org.bridge.experiment.report;

import org.bridge.experiment.ClassificationLoss;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.SettingsChosenOn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;
import org.bridge.eval.Verification;

/**
 * The paper's tables from run folders: one row per student (and loss and seed), combining its
 * split A and split B runs. When both splits are done the verification numbers are "full LFW":
 * all 6,000 pairs, each half scored by the model trained on the other half's people, thresholds
 * chosen per fold on the other folds of the same half. With one split the row says which.
 * Identification is the mean over the splits present (softmax fine-tuned on frozen features).
 * The flip-averaged columns ({@link FlipAveragedVerification}, not the paper's protocol) pool the
 * same way, and are empty unless every run of the row measured them.
 */
public final class ResultsTable {

    /** One row of a results table. */
    public record Row(String experiment, String student, String loss, long seed, String splits, String dataset,
                     double accuracy, double accuracyStd, double auc, double tprAtFpr10, double tprAtFpr1,
                     double top1, double top5, double params, double trainMinutes, int pairs,
                     double flipAccuracy, double flipAuc, Protocol protocol, double flipHeldOutAccuracy) {
    }

    /**
     * Where a row's settings were chosen ({@link SettingsChosenOn}) and which of those pairs.txt
     * folds are target folds of the row's own runs: such a number is not held out.
     *
     * @param settingsChosenOn   e.g. {@code A fold 5}, {@code undeclared}
     * @param leakedFolds        development folds among the row's target folds; empty when clean
     * @param heldOutAlternative the row's numbers without its leaked folds and, if any, its clean split(s)
     *                           alone, e.g. {@code without fold 5: ...; split A alone: ...}; empty when
     *                           the row is clean
     * @param heldOutAccuracy    verification accuracy over the row's target folds that no setting was
     *                           chosen on (the accuracy itself when clean; NaN when no half keeps 2 folds)
     * @param heldOutPairs       the pairs behind {@code heldOutAccuracy}
     */
    public record Protocol(String settingsChosenOn, List<Integer> leakedFolds, String heldOutAlternative,
                           double heldOutAccuracy, int heldOutPairs) {

        public Protocol {
            leakedFolds = List.copyOf(leakedFolds);
        }

        public boolean leaks() {
            return !leakedFolds.isEmpty();
        }

        /** What a table shows: where the settings came from, and loudly when they leak. */
        public String label() {
            return leaks() ? "LEAK: " + settingsChosenOn + " (target fold " + folds(leakedFolds) + " of these pairs)"
                    : settingsChosenOn;
        }
    }

    private final List<Row> rows;

    private ResultsTable(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Rows of every completed student run in {@code runs} (runs of other kinds have their own tables). */
    public static ResultsTable of(List<RunRecord> runs) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.results().isEmpty() || !r.isStudent()) {
                continue;
            }
            groups.computeIfAbsent(r.experiment() + "|" + r.student() + "|" + r.loss() + "|" + r.seed(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (List<RunRecord> g : groups.values()) {
            g.sort(Comparator.comparing(RunRecord::split));
            RunRecord first = g.get(0);
            List<VerificationScores> halves = new ArrayList<>();
            List<VerificationScores> flipHalves = new ArrayList<>();
            double top1 = 0;
            double top5 = 0;
            double minutes = 0;
            StringBuilder splits = new StringBuilder();
            for (RunRecord r : g) {
                halves.add(r.pairScores());
                r.flipAveragedPairScores().ifPresent(flipHalves::add);
                top1 += r.metric("top1") / g.size();
                top5 += r.metric("top5") / g.size();
                minutes += trainSeconds(r) / 60;
                splits.append(r.split());
            }
            VerificationResult v = Verification.evaluate(halves);
            Protocol protocol = protocolOf(g, halves, v);
            VerificationResult flip = flipHalves.size() == g.size() ? Verification.evaluate(flipHalves) : null;
            double flipHeldOut = flip == null ? Double.NaN : protocolOf(g, flipHalves, flip).heldOutAccuracy();
            rows.add(new Row(first.experiment(), first.student(), first.loss(), first.seed(),
                    splits.length() == 2 ? ("lfw".equals(first.datasetKind()) ? "A+B (full LFW)" : "A+B") : splits.toString(), first.datasetKind(),
                    v.accuracy(), v.accuracyStd(), v.auc(), v.tprAtFpr10(), v.tprAtFpr1(), top1, top5,
                    first.metric("params"), minutes, v.pairs(),
                    flip == null ? Double.NaN : flip.accuracy(), flip == null ? Double.NaN : flip.auc(), protocol,
                    flipHeldOut));
        }
        return new ResultsTable(rows);
    }

    /**
     * A run's training time over all its processes: train_seconds times the last process only,
     * so a resumed run takes the sum of its recorded epoch times (epoch_seconds) when that is larger.
     */
    static double trainSeconds(RunRecord r) {
        double process = r.metric("train_seconds");
        double epochs = r.results().map(o -> o.has("epoch_seconds") && o.get("epoch_seconds").isJsonObject()
                ? o.getAsJsonObject("epoch_seconds") : null)
                .filter(e -> e.has("timed_epochs") && e.get("timed_epochs").getAsInt() > 0 && e.has("seconds"))
                .map(e -> e.get("seconds").getAsDouble()).orElse(Double.NaN);
        return Double.isNaN(epochs) ? process : Double.isNaN(process) ? epochs : Math.max(process, epochs);
    }

    /**
     * The runs' settings origin, the folds of it that are their own target folds, and the held-out
     * numbers: every half without its leaked folds, and the clean splits alone.
     */
    private static Protocol protocolOf(List<RunRecord> runs, List<VerificationScores> halves, VerificationResult all) {
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        java.util.TreeSet<Integer> leaked = new java.util.TreeSet<>();
        List<VerificationScores> heldOut = new ArrayList<>();
        List<VerificationScores> clean = new ArrayList<>();
        StringBuilder cleanSplits = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            SettingsChosenOn chosen = runs.get(i).settingsChosenOn();
            origins.add(chosen.describe());
            java.util.Set<Integer> own = chosen.leakedInto(List.of(runs.get(i).split()));
            leaked.addAll(own);
            if (own.isEmpty()) {
                clean.add(halves.get(i));
                cleanSplits.append(runs.get(i).split());
            }
            withoutFolds(halves.get(i), own).ifPresent(heldOut::add);
        }
        if (leaked.isEmpty()) {
            return new Protocol(String.join(" / ", origins), List.of(), "", all.accuracy(), all.pairs());
        }
        List<String> alternatives = new ArrayList<>();
        double heldOutAccuracy = Double.NaN;
        int heldOutPairs = 0;
        if (!heldOut.isEmpty()) {
            VerificationResult h = Verification.evaluate(heldOut);
            heldOutAccuracy = h.accuracy();
            heldOutPairs = h.pairs();
            alternatives.add("without fold " + folds(List.copyOf(leaked)) + ": " + summary(h));
        }
        if (!clean.isEmpty() && clean.size() < heldOut.size()) {
            alternatives.add("split " + cleanSplits + " alone: " + summary(Verification.evaluate(clean)));
        }
        return new Protocol(String.join(" / ", origins), List.copyOf(leaked), String.join("; ", alternatives),
                heldOutAccuracy, heldOutPairs);
    }

    /** A half without the pairs of {@code folds}; empty when fewer than two folds are left to score it. */
    private static java.util.Optional<VerificationScores> withoutFolds(VerificationScores half,
                                                                       java.util.Set<Integer> folds) {
        if (folds.isEmpty()) {
            return java.util.Optional.of(half);
        }
        List<org.bridge.eval.PairScore> kept = half.scores().stream().filter(s -> !folds.contains(s.fold())).toList();
        VerificationScores out = new VerificationScores(half.label(), kept, half.skippedPairs());
        return out.folds().size() < 2 ? java.util.Optional.empty() : java.util.Optional.of(out);
    }

    private static String summary(VerificationResult r) {
        return "accuracy " + pct(r.accuracy()) + "%, AUC " + num(r.auc(), 4) + " (" + r.pairs() + " pairs)";
    }

    private static String folds(List<Integer> folds) {
        return String.join(",", folds.stream().map(String::valueOf).toList());
    }

    /**
     * One sentence per row whose settings were chosen on one of its own target folds, numbered as
     * the rows' markers: which folds, and the held-out number of the row's clean split if any.
     */
    public List<String> leakNotes() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.protocol().leaks()) {
                continue;
            }
            Protocol p = r.protocol();
            out.add("[leak " + (out.size() + 1) + "] " + r.student() + " (" + r.loss() + ", seed " + r.seed() + "), "
                    + r.splits() + ": settings chosen on " + p.settingsChosenOn() + "; pairs.txt fold "
                    + folds(p.leakedFolds()) + " is among the target pairs of this number, so it is not held out. "
                    + (p.heldOutAlternative().isEmpty()
                    ? "No fold of this row is held out; choose the settings on a fold outside its target folds."
                    : "Held out: " + p.heldOutAlternative() + "." + flipHeldOutNote(r)));
        }
        return out;
    }

    /** The row's held-out number with test-time flip averaging, when its runs measured it. */
    private static String flipHeldOutNote(Row r) {
        return Double.isNaN(r.flipHeldOutAccuracy()) ? ""
                : " Flip-averaged (two views per face), held out: accuracy " + pct(r.flipHeldOutAccuracy()) + "%.";
    }

    public static final String TABLE4_TITLE = "Table IV: one student trained with each classification loss";

    /**
     * Table IV: every student (experiment, seed) trained with more than one classification loss, one
     * row per loss in the paper's order. The losses are compared on the same pairs: each row pools
     * only the splits that every loss of that student has finished (a loss done on split A alone
     * makes the softmax row split A too), so a half-finished grid never sets full LFW against one
     * split. Empty when no student has two losses.
     */
    public static ResultsTable byLoss(List<RunRecord> runs) {
        Map<String, List<RunRecord>> students = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (!r.results().isEmpty() && r.isStudent()) {
                students.computeIfAbsent(r.experiment() + "|" + r.student() + "|" + r.seed(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Row> out = new ArrayList<>();
        for (List<RunRecord> g : students.values()) {
            Map<String, java.util.Set<String>> splitsByLoss = new LinkedHashMap<>();
            for (RunRecord r : g) {
                splitsByLoss.computeIfAbsent(r.loss(), k -> new java.util.TreeSet<>()).add(r.split());
            }
            if (splitsByLoss.size() < 2) {
                continue;
            }
            java.util.Set<String> common = new java.util.TreeSet<>(splitsByLoss.values().iterator().next());
            splitsByLoss.values().forEach(common::retainAll);
            List<Row> rows = new ArrayList<>(of(g.stream().filter(r -> common.contains(r.split())).toList()).rows());
            rows.sort(Comparator.comparingInt(r -> ClassificationLoss.tableOrder(r.loss())));
            out.addAll(rows);
        }
        return new ResultsTable(out);
    }

    private static final String[] HEADER = {"Model", "Dataset", "Loss", "Seed", "Splits", "Pairs", "Accuracy (%)", "Std",
        "AUC", "TPR@FPR=10% (%)", "TPR@FPR=1% (%)", "Top-1 (%)", "Top-5 (%)", "Params", "Train (min)",
        "Accuracy flip-avg. (%)", "AUC flip-avg.", "Settings chosen on"};

    /** {@code leak} numbers the row's leak note (0: none), marked beside its splits. */
    private static String[] cells(Row r, int leak) {
        return new String[] {r.student(), r.dataset(), r.loss(), Long.toString(r.seed()),
            r.splits() + (leak > 0 ? " [leak " + leak + "]" : ""), Integer.toString(r.pairs()),
            pct(r.accuracy()), pct(r.accuracyStd()), num(r.auc(), 4), pct(r.tprAtFpr10()), pct(r.tprAtFpr1()),
            pct(r.top1()), pct(r.top5()), Double.isNaN(r.params()) ? "" : String.format(Locale.ROOT, "%.0f", r.params()),
            num(r.trainMinutes(), 1), pct(r.flipAccuracy()), num(r.flipAuc(), 4), r.protocol().label()};
    }

    /** Each row's cells, leak markers numbered in row order. */
    private List<String[]> cellRows() {
        List<String[]> out = new ArrayList<>();
        int leaks = 0;
        for (Row r : rows) {
            out.add(cells(r, r.protocol().leaks() ? ++leaks : 0));
        }
        return out;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (String[] c : cellRows()) {
            for (int i = 0; i < c.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(c[i].contains(",") ? "\"" + c[i] + "\"" : c[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", HEADER)).append(" |\n|");
        for (int i = 0; i < HEADER.length; i++) {
            sb.append(i < 5 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] c : cellRows()) {
            sb.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        for (String n : leakNotes()) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    /** A booktabs table, as the paper's tables are set. */
    public String toLatex() {
        StringBuilder sb = new StringBuilder("\\begin{tabular}{lllllrrrrrrrrrrrrl}\n\\toprule\n");
        sb.append(String.join(" & ", escape(HEADER))).append(" \\\\\n\\midrule\n");
        for (String[] c : cellRows()) {
            sb.append(String.join(" & ", escape(c))).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        for (String n : leakNotes()) {
            sb.append("\\par\\noindent{\\footnotesize ").append(escape(new String[] {n})[0]).append("}\n");
        }
        return sb.toString();
    }

    private static String[] escape(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("_", "\\_")
                    .replace("&", "\\&").replace("#", "\\#");
        }
        return out;
    }

    public String format(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "md", "markdown" -> toMarkdown();
            case "csv" -> toCsv();
            case "tex", "latex" -> toLatex();
            default -> throw new IllegalArgumentException("format must be md, csv or tex, not " + format);
        };
    }
}
