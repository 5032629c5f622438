package org.bridge.experiment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One student of one experiment trained with one loss, over all its seeds: the unit that is
 * compared ({@link PairedComparison}) and summarised as mean ± std over seeds. Each seed is a
 * results row ({@link RunGroup}: its split A and/or split B run).
 *
 * @param experiment the experiment the runs belong to
 * @param student    the student's name, e.g. {@code S-16-sc-E}
 * @param loss       the classification loss
 * @param seeds      one results row per seed, in folder order
 */
public record SeedGroup(String experiment, String student, String loss, List<RunGroup> seeds) {

    public SeedGroup {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a student needs at least one seed");
        }
    }

    /** The rows grouped by experiment, student and loss, in the order the first seed of each appears. */
    public static List<SeedGroup> of(List<RunGroup> rows) {
        Map<String, List<RunGroup>> groups = new LinkedHashMap<>();
        for (RunGroup g : rows) {
            ResultsTable.Row r = g.row();
            groups.computeIfAbsent(r.experiment() + "|" + r.student() + "|" + r.loss(), k -> new ArrayList<>()).add(g);
        }
        List<SeedGroup> out = new ArrayList<>();
        for (List<RunGroup> g : groups.values()) {
            ResultsTable.Row r = g.get(0).row();
            out.add(new SeedGroup(r.experiment(), r.student(), r.loss(), g));
        }
        return out;
    }

    /** Identity across refreshes: experiment, student and loss. */
    public String key() {
        return experiment + "|" + student + "|" + loss;
    }

    /** The seed numbers, e.g. {@code [1, 2, 3]}. */
    public List<Long> seedNumbers() {
        return seeds.stream().map(g -> g.row().seed()).toList();
    }

    /** e.g. {@code 1,2,3}. */
    public String seedList() {
        StringBuilder sb = new StringBuilder();
        for (long s : seedNumbers()) {
            sb.append(sb.length() > 0 ? "," : "").append(s);
        }
        return sb.toString();
    }

    /** The splits of the rows, e.g. {@code A+B (full LFW)}; the distinct values joined when the seeds differ. */
    public String splits() {
        return String.join(" / ", seeds.stream().map(g -> g.row().splits()).distinct().toList());
    }

    /** e.g. {@code S-16-sc-E (3 seeds)}, or just the name with one seed; the loss when not softmax. */
    public String label() {
        String base = "softmax".equals(loss) || loss.isEmpty() ? student : student + " " + loss;
        return seeds.size() == 1 ? base : base + " (" + seeds.size() + " seeds)";
    }

    public Spread accuracy() {
        return spread(r -> r.accuracy());
    }

    public Spread auc() {
        return spread(r -> r.auc());
    }

    public Spread tprAtFpr10() {
        return spread(r -> r.tprAtFpr10());
    }

    /**
     * Accuracy over the target folds that no setting was chosen on (see {@link ResultsTable.Protocol}):
     * the accuracy itself when the settings' folds are outside the targets.
     */
    public Spread heldOutAccuracy() {
        return spread(r -> r.protocol().heldOutAccuracy());
    }

    /** {@link #heldOutAccuracy} with test-time flip averaging (NaN for a seed that did not measure it). */
    public Spread heldOutFlipAccuracy() {
        return spread(r -> r.flipHeldOutAccuracy());
    }

    /** The pairs behind {@link #heldOutAccuracy}, the distinct counts joined when the seeds differ. */
    public String heldOutPairs() {
        return String.join(" / ", seeds.stream().map(g -> Integer.toString(g.row().protocol().heldOutPairs()))
                .distinct().toList());
    }

    /** Where the seeds' settings were chosen, loudly when on their own target folds ({@code LEAK: ...}). */
    public String settingsChosenOn() {
        return String.join(" / ", seeds.stream().map(g -> g.row().protocol().label()).distinct().toList());
    }

    /** Identification top-1 over seeds (each seed's is the mean over its splits, as in the tables). */
    public Spread top1() {
        return spread(r -> r.top1());
    }

    public Spread top5() {
        return spread(r -> r.top5());
    }

    private Spread spread(ToDoubleFunction<ResultsTable.Row> metric) {
        double[] v = seeds.stream().mapToDouble(g -> metric.applyAsDouble(g.row())).toArray();
        return Spread.of(v);
    }

    /**
     * Mean and sample standard deviation (n - 1) of a metric over the seeds; the std is NaN with
     * one seed (there is no spread to show).
     */
    public record Spread(double mean, double std, int n) {

        static Spread of(double[] values) {
            double mean = 0;
            for (double x : values) {
                mean += x;
            }
            mean /= values.length;
            if (values.length < 2) {
                return new Spread(mean, Double.NaN, values.length);
            }
            double ss = 0;
            for (double x : values) {
                ss += (x - mean) * (x - mean);
            }
            return new Spread(mean, Math.sqrt(ss / (values.length - 1)), values.length);
        }
    }
}
