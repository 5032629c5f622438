package org.bridge.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Closed-set identification numbers of one classifier (fractions). {@code cmc[r - 1]} is the
 * fraction of probes whose true class is within the top r (r = 1..classes); top-1 and top-5 are
 * its first and fifth entries (top-5 = 1 when there are at most 5 classes). {@code ranks[i]} is
 * the rank of probe i's true class and {@code probeSubjects[i]} its subject, in probe order, so
 * two results on the same probes can be compared probe by probe (empty when not kept).
 */
public record IdentificationResult(String method, int classes, int probes, double top1, double top5, double[] cmc,
                                   int[] ranks, List<String> probeSubjects) {

    public IdentificationResult {
        cmc = cmc.clone();
        ranks = ranks.clone();
        probeSubjects = List.copyOf(probeSubjects);
        if (ranks.length != probeSubjects.size()) {
            throw new IllegalArgumentException(ranks.length + " ranks for " + probeSubjects.size() + " probe subjects");
        }
    }

    /** A result without the per-probe ranks. */
    public IdentificationResult(String method, int classes, int probes, double top1, double top5, double[] cmc) {
        this(method, classes, probes, top1, top5, cmc, new int[0], List.of());
    }

    @Override
    public double[] cmc() {
        return cmc.clone();
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    /** Scores every probe with {@code scorer}; every probe label must be one of its classes. */
    public static IdentificationResult evaluate(String method, ClassScorer scorer, LabeledFeatures probes) {
        List<String> classes = scorer.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        double[][] scores = new double[probes.size()][];
        int[] truth = new int[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            Integer t = index.get(probes.labels().get(i));
            if (t == null) {
                throw new IllegalArgumentException("probe of " + probes.labels().get(i) + ", a class the "
                        + method + " classifier does not know");
            }
            truth[i] = t;
            scores[i] = scorer.scores(probes.features().get(i));
        }
        double[] cmc = Ranking.cmc(scores, truth, classes.size());
        int[] ranks = new int[scores.length];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = Ranking.rank(scores[i], truth[i]);
        }
        return new IdentificationResult(method, classes.size(), probes.size(), cmc[0], cmc[Math.min(5, cmc.length) - 1],
                cmc, ranks, probes.labels());
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("method", method);
        o.addProperty("classes", classes);
        o.addProperty("probes", probes);
        o.addProperty("top1", top1);
        o.addProperty("top5", top5);
        o.addProperty("top1_error", 1 - top1);
        o.addProperty("top5_error", 1 - top5);
        JsonArray c = new JsonArray();
        for (double v : cmc) {
            c.add(v);
        }
        o.add("cmc", c);
        if (ranks.length > 0) {
            JsonArray r = new JsonArray();
            for (int v : ranks) {
                r.add(v);
            }
            o.add("probe_ranks", r);
            JsonArray who = new JsonArray();
            probeSubjects.forEach(who::add);
            o.add("probe_subjects", who);
        }
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentificationResult r && method.equals(r.method) && classes == r.classes
                && probes == r.probes && top1 == r.top1 && top5 == r.top5 && Arrays.equals(cmc, r.cmc)
                && Arrays.equals(ranks, r.ranks) && probeSubjects.equals(r.probeSubjects);
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + Arrays.hashCode(cmc);
    }

    @Override
    public String toString() {
        return String.format("%s: top-1 %.4f, top-5 %.4f (%d probes, %d classes)", method, top1, top5, probes, classes);
    }
}
