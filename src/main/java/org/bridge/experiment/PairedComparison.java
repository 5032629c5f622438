package org.bridge.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.bridge.config.UserFacingException;

/**
 * Two students compared on the same target pairs: the difference of their verification accuracy
 * (LFW protocol: each fold's threshold chosen on the other folds of its half, mean over folds, as
 * {@link org.bridge.eval.Verification}) and of their TPR at FPR 10%, each with a 95% interval from
 * a paired bootstrap.
 *
 * <p>Resampling: each replicate draws, within every fold, as many pairs as the fold has, with
 * replacement, the same draw for both students; the whole protocol (thresholds included) is then
 * re-run on the drawn pairs. Pairs rather than folds, because ten folds are too few units for a
 * percentile interval; within folds, so every replicate keeps the protocol's fold structure.
 * Pairing removes what both students share (how hard a pair is), which is most of the variance.
 *
 * <p>Seeds pooled: a student's number is the mean over its seeds of each seed's accuracy (never an
 * ensemble of their scores); each replicate also redraws each student's seeds with replacement, so
 * the interval covers which training runs were made as well as which pairs were tested.
 *
 * <p>Only pairs that every seed of both students scored are used. Percentile interval of
 * {@value #REPLICATES} replicates drawn from a fixed seed, so a report is reproducible.
 */
public final class PairedComparison {

    public static final int REPLICATES = 1000;
    public static final long BOOTSTRAP_SEED = 20;
    static final double FPR_BUDGET = 0.10;

    /** What an interval says about "the first student is better than the second". */
    public enum Verdict {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), WITHIN_NOISE("within noise");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A difference (first minus second) with its 95% bootstrap interval. */
    public record Difference(double value, double low, double high) {

        /** Holds when the whole interval is above 0, does not hold when it is below, else within noise. */
        public Verdict verdict() {
            if (low > 0) {
                return Verdict.HOLDS;
            }
            if (high < 0) {
                return Verdict.DOES_NOT_HOLD;
            }
            return Verdict.WITHIN_NOISE;
        }

        /** In percentage points, e.g. {@code +1.23 [+0.40, +2.05]}. */
        public String formatted() {
            return String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", 100 * value, 100 * low, 100 * high);
        }
    }

    /**
     * @param accuracy     first minus second, verification accuracy
     * @param tprAtFpr10   first minus second, TPR at FPR 10%
     * @param pairs        pairs compared (scored by every seed of both)
     * @param firstSeeds   seeds of the first student
     * @param secondSeeds  seeds of the second student
     */
    public record Result(Difference accuracy, Difference tprAtFpr10, int pairs, int firstSeeds, int secondSeeds) {
    }

    /** How the replicates draw pairs; {@link #UNPAIRED} only to show in tests what pairing buys. */
    enum Resampling { PAIRED, UNPAIRED }

    private PairedComparison() {
    }

    /** {@code first} against {@code second}, reading every seed's pair-scores.csv. */
    public static Result compare(SeedGroup first, SeedGroup second) {
        return compare(scored(first), scored(second));
    }

    private static List<List<ScoredPair>> scored(SeedGroup g) {
        List<List<ScoredPair>> out = new ArrayList<>();
        for (RunGroup seed : g.seeds()) {
            out.add(ScoredPairs.of(seed));
        }
        return out;
    }

    /** Each student as one list of scored pairs per seed (both halves, told apart by {@link ScoredPair#split()}). */
    public static Result compare(List<List<ScoredPair>> first, List<List<ScoredPair>> second) {
        return compare(first, second, REPLICATES, BOOTSTRAP_SEED, Resampling.PAIRED);
    }

    static Result compare(List<List<ScoredPair>> first, List<List<ScoredPair>> second, int replicates, long seed,
                          Resampling resampling) {
        if (first.isEmpty() || second.isEmpty()) {
            throw new IllegalArgumentException("each student needs at least one seed");
        }
        List<List<ScoredPair>> all = new ArrayList<>(first);
        all.addAll(second);
        Pairs pairs = Pairs.common(all);
        List<Protocol> x = new ArrayList<>();
        List<Protocol> y = new ArrayList<>();
        for (int s = 0; s < all.size(); s++) {
            (s < first.size() ? x : y).add(new Protocol(pairs, all.get(s)));
        }
        int[] ones = new int[pairs.size()];
        Arrays.fill(ones, 1);
        double accPoint = meanAccuracy(x, ones, null) - meanAccuracy(y, ones, null);
        double tprPoint = meanTpr(x, ones, null) - meanTpr(y, ones, null);

        Random rnd = new Random(seed);
        double[] accDiff = new double[replicates];
        double[] tprDiff = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            int[] wx = pairs.draw(rnd);
            int[] wy = resampling == Resampling.PAIRED ? wx : pairs.draw(rnd);
            int[] sx = drawSeeds(x.size(), rnd);
            int[] sy = drawSeeds(y.size(), rnd);
            accDiff[b] = meanAccuracy(x, wx, sx) - meanAccuracy(y, wy, sy);
            tprDiff[b] = meanTpr(x, wx, sx) - meanTpr(y, wy, sy);
        }
        return new Result(interval(accPoint, accDiff), interval(tprPoint, tprDiff), pairs.size(), first.size(),
                second.size());
    }

    private static int[] drawSeeds(int n, Random rnd) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? 0 : rnd.nextInt(n);
        }
        return out;
    }

    private static double meanAccuracy(List<Protocol> seeds, int[] weights, int[] drawn) {
        double sum = 0;
        int n = drawn == null ? seeds.size() : drawn.length;
        for (int i = 0; i < n; i++) {
            sum += seeds.get(drawn == null ? i : drawn[i]).accuracy(weights);
        }
        return sum / n;
    }

    private static double meanTpr(List<Protocol> seeds, int[] weights, int[] drawn) {
        double sum = 0;
        int n = drawn == null ? seeds.size() : drawn.length;
        for (int i = 0; i < n; i++) {
            sum += seeds.get(drawn == null ? i : drawn[i]).tprAtFpr(weights, FPR_BUDGET);
        }
        return sum / n;
    }

    private static Difference interval(double point, double[] replicates) {
        double[] d = replicates.clone();
        Arrays.sort(d);
        int lo = (int) Math.floor(0.025 * d.length);
        int hi = Math.max(lo, (int) Math.ceil(0.975 * d.length) - 1);
        return new Difference(point, d[lo], d[hi]);
    }

    /** The pairs scored by every seed of both students, with their fold and ground truth. */
    static final class Pairs {
        final Map<String, Integer> index;
        final int[] fold;
        final boolean[] matched;
        /** Pair indices per fold, for drawing within folds. */
        final int[][] byFold;

        private Pairs(Map<String, Integer> index, int[] fold, boolean[] matched) {
            this.index = index;
            this.fold = fold;
            this.matched = matched;
            TreeMap<Integer, List<Integer>> folds = new TreeMap<>();
            for (int i = 0; i < fold.length; i++) {
                folds.computeIfAbsent(fold[i], k -> new ArrayList<>()).add(i);
            }
            byFold = new int[folds.size()][];
            int k = 0;
            for (List<Integer> f : folds.values()) {
                byFold[k++] = f.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        int size() {
            return fold.length;
        }

        static Pairs common(List<List<ScoredPair>> seeds) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, ScoredPair> first = new HashMap<>();
            for (List<ScoredPair> seed : seeds) {
                for (Map.Entry<String, ScoredPair> e : keyed(seed).entrySet()) {
                    counts.merge(e.getKey(), 1, Integer::sum);
                    ScoredPair was = first.putIfAbsent(e.getKey(), e.getValue());
                    if (was != null && was.matched() != e.getValue().matched()) {
                        throw new UserFacingException("pair " + e.getKey() + " is a matched pair in one run and not"
                                + " in another: the runs were not scored on the same pairs");
                    }
                }
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            List<ScoredPair> kept = new ArrayList<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() == seeds.size()) {
                    index.put(e.getKey(), kept.size());
                    kept.add(first.get(e.getKey()));
                }
            }
            if (kept.isEmpty()) {
                throw new UserFacingException("the two students share no scored target pair");
            }
            int[] fold = new int[kept.size()];
            boolean[] matched = new boolean[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                fold[i] = kept.get(i).fold();
                matched[i] = kept.get(i).matched();
            }
            return new Pairs(index, fold, matched);
        }

        /** A pair's identity: fold and faces, numbered when pairs.txt repeats a pair in a fold. */
        static Map<String, ScoredPair> keyed(List<ScoredPair> seed) {
            Map<String, ScoredPair> out = new LinkedHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (ScoredPair p : seed) {
                String base = p.fold() + ":" + p.personA() + "_" + p.imageA() + "/" + p.personB() + "_" + p.imageB();
                int k = seen.merge(base, 1, Integer::sum);
                out.put(k == 1 ? base : base + "#" + k, p);
            }
            return out;
        }

        /** How often each pair is drawn in one replicate: per fold, as many draws as the fold has pairs. */
        int[] draw(Random rnd) {
            int[] w = new int[fold.length];
            for (int[] f : byFold) {
                for (int k = 0; k < f.length; k++) {
                    w[f[rnd.nextInt(f.length)]]++;
                }
            }
            return w;
        }
    }

    /**
     * One seed's scores over the common pairs, arranged so the protocol can be re-run on a
     * weighted draw in linear time: per half, pairs sorted by score ascending; all pairs sorted
     * by score descending for the ROC. With every weight 1 it gives exactly
     * {@link org.bridge.eval.Verification}'s accuracy and {@link org.bridge.eval.Roc#tprAtFpr}.
     */
    static final class Protocol {
        private final Pairs pairs;
        private final double[] score;
        /** Per half: the half's folds, and its pairs in ascending score order. */
        private final List<int[]> halfFolds = new ArrayList<>();
        private final List<int[]> halfAscending = new ArrayList<>();
        private final int[] descending;

        Protocol(Pairs pairs, List<ScoredPair> seed) {
            this.pairs = pairs;
            this.score = new double[pairs.size()];
            String[] half = new String[pairs.size()];
            for (Map.Entry<String, ScoredPair> e : Pairs.keyed(seed).entrySet()) {
                Integer i = pairs.index.get(e.getKey());
                if (i != null) {
                    score[i] = e.getValue().score();
                    half[i] = e.getValue().split();
                }
            }
            Map<String, List<Integer>> halves = new TreeMap<>();
            for (int i = 0; i < half.length; i++) {
                halves.computeIfAbsent(half[i], k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> h : halves.entrySet()) {
                int[] folds = h.getValue().stream().mapToInt(i -> pairs.fold[i]).distinct().sorted().toArray();
                if (folds.length < 2) {
                    throw new UserFacingException("split " + h.getKey() + " has pairs of only fold " + folds[0]
                            + " in common: k-fold verification needs at least 2 folds");
                }
                halfFolds.add(folds);
                halfAscending.add(sortedBy(h.getValue(), true));
            }
            List<Integer> everything = new ArrayList<>();
            for (int i = 0; i < score.length; i++) {
                everything.add(i);
            }
            descending = sortedBy(everything, false);
        }

        private int[] sortedBy(List<Integer> indices, boolean ascending) {
            return indices.stream().sorted((a, b) -> ascending ? Double.compare(score[a], score[b])
                    : Double.compare(score[b], score[a])).mapToInt(Integer::intValue).toArray();
        }

        /** The protocol's accuracy on the pairs drawn {@code w[i]} times each: mean over folds. */
        double accuracy(int[] w) {
            double sum = 0;
            int folds = 0;
            for (int h = 0; h < halfFolds.size(); h++) {
                int[] sorted = halfAscending.get(h);
                for (int f : halfFolds.get(h)) {
                    double t = bestThreshold(sorted, f, w);
                    long correct = 0;
                    long total = 0;
                    for (int i : sorted) {
                        if (pairs.fold[i] == f && w[i] > 0) {
                            total += w[i];
                            if ((score[i] > t) == pairs.matched[i]) {
                                correct += w[i];
                            }
                        }
                    }
                    sum += (double) correct / total;
                    folds++;
                }
            }
            return sum / folds;
        }

        /** {@link org.bridge.eval.Verification#bestThreshold} over the drawn pairs of the half outside fold {@code test}. */
        private double bestThreshold(int[] sorted, int test, int[] w) {
            int m = 0;
            int[] train = new int[sorted.length];
            long positives = 0;
            for (int i : sorted) {
                if (pairs.fold[i] != test && w[i] > 0) {
                    train[m++] = i;
                    if (pairs.matched[i]) {
                        positives += w[i];
                    }
                }
            }
            long correct = positives;
            long bestCorrect = correct;
            double best = score[train[0]] - 1;
            int k = 0;
            while (k < m) {
                double v = score[train[k]];
                while (k < m && score[train[k]] == v) {
                    correct += pairs.matched[train[k]] ? -w[train[k]] : w[train[k]];
                    k++;
                }
                if (correct > bestCorrect) {
                    bestCorrect = correct;
                    best = k < m ? (v + score[train[k]]) / 2 : v + 1;
                }
            }
            return best;
        }

        /** {@link org.bridge.eval.Roc#tprAtFpr} over all drawn pairs, each counted {@code w[i]} times. */
        double tprAtFpr(int[] w, double maxFpr) {
            long p = 0;
            long n = 0;
            for (int i = 0; i < w.length; i++) {
                if (pairs.matched[i]) {
                    p += w[i];
                } else {
                    n += w[i];
                }
            }
            double budget = maxFpr * n + 1e-9;
            long tp = 0;
            long fp = 0;
            double best = 0;
            int k = 0;
            while (k < descending.length) {
                double v = score[descending[k]];
                while (k < descending.length && score[descending[k]] == v) {
                    int i = descending[k];
                    if (pairs.matched[i]) {
                        tp += w[i];
                    } else {
                        fp += w[i];
                    }
                    k++;
                }
                if (fp > budget) {
                    break;
                }
                best = Math.max(best, (double) tp / p);
            }
            return best;
        }
    }
}
