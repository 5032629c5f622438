package org.bridge.experiment.report;

import org.bridge.experiment.ScoredPair;

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
 * <p>Only pairs that every seed of both students scored are used, and none of a fold that a run's
 * settings were chosen on ({@link RunGroup#heldOutScoredPairs}). Percentile interval of
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

    /** As {@link #compare(SeedGroup, SeedGroup)}, on the target pairs after D(I) (pair-scores-degraded.csv). */
    public static Result compareDegraded(SeedGroup first, SeedGroup second) {
        return compare(degradedScored(first), degradedScored(second));
    }

    private static List<List<ScoredPair>> scored(SeedGroup g) {
        List<List<ScoredPair>> out = new ArrayList<>();
        for (RunGroup seed : g.seeds()) {
            out.add(seed.heldOutScoredPairs());
        }
        return out;
    }

    private static List<List<ScoredPair>> degradedScored(SeedGroup g) {
        List<List<ScoredPair>> out = new ArrayList<>();
        for (RunGroup seed : g.seeds()) {
            out.add(seed.heldOutDegradedScoredPairs());
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
     * weighted draw in a few sequential passes: per half, the pairs in ascending score order;
     * all pairs in descending order for the ROC. With every weight 1 it gives exactly
     * {@link org.bridge.eval.Verification}'s accuracy and {@link org.bridge.eval.Roc#tprAtFpr}.
     */
    static final class Protocol {
        /** Per half, in ascending score order: pair index, score, fold, ground truth. */
        private final int[][] order;
        private final double[][] score;
        private final int[][] fold;
        private final boolean[][] matched;
        /** Per half, its folds; per position, the slot of its fold in that list; per slot, its positions. */
        private final int[][] folds;
        private final int[][] foldSlot;
        private final int[][][] foldPositions;
        /** All pairs in descending score order, for the ROC. */
        private final int[] desc;
        private final double[] descScore;
        private final boolean[] descMatched;

        Protocol(Pairs pairs, List<ScoredPair> seed) {
            double[] byPair = new double[pairs.size()];
            String[] half = new String[pairs.size()];
            for (Map.Entry<String, ScoredPair> e : Pairs.keyed(seed).entrySet()) {
                Integer i = pairs.index.get(e.getKey());
                if (i != null) {
                    byPair[i] = e.getValue().score();
                    half[i] = e.getValue().split();
                }
            }
            Map<String, List<Integer>> halves = new TreeMap<>();
            for (int i = 0; i < half.length; i++) {
                halves.computeIfAbsent(half[i], k -> new ArrayList<>()).add(i);
            }
            int h = halves.size();
            order = new int[h][];
            score = new double[h][];
            fold = new int[h][];
            matched = new boolean[h][];
            folds = new int[h][];
            foldSlot = new int[h][];
            foldPositions = new int[h][][];
            int k = 0;
            for (Map.Entry<String, List<Integer>> e : halves.entrySet()) {
                int[] f = e.getValue().stream().mapToInt(i -> pairs.fold[i]).distinct().sorted().toArray();
                if (f.length < 2) {
                    throw new UserFacingException("split " + e.getKey() + " has pairs of only fold " + f[0]
                            + " in common: k-fold verification needs at least 2 folds");
                }
                folds[k] = f;
                order[k] = e.getValue().stream().sorted((a, b) -> Double.compare(byPair[a], byPair[b]))
                        .mapToInt(Integer::intValue).toArray();
                score[k] = Arrays.stream(order[k]).mapToDouble(i -> byPair[i]).toArray();
                fold[k] = Arrays.stream(order[k]).map(i -> pairs.fold[i]).toArray();
                matched[k] = new boolean[order[k].length];
                foldSlot[k] = new int[order[k].length];
                List<List<Integer>> positions = new ArrayList<>();
                for (int x = 0; x < f.length; x++) {
                    positions.add(new ArrayList<>());
                }
                for (int j = 0; j < order[k].length; j++) {
                    matched[k][j] = pairs.matched[order[k][j]];
                    foldSlot[k][j] = Arrays.binarySearch(f, fold[k][j]);
                    positions.get(foldSlot[k][j]).add(j);
                }
                foldPositions[k] = positions.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                        .toArray(int[][]::new);
                k++;
            }
            desc = descending(byPair);
            descScore = Arrays.stream(desc).mapToDouble(i -> byPair[i]).toArray();
            descMatched = new boolean[desc.length];
            for (int j = 0; j < desc.length; j++) {
                descMatched[j] = pairs.matched[desc[j]];
            }
        }

        /** Pair indices by descending score (ties in index order). */
        private static int[] descending(double[] byPair) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < byPair.length; i++) {
                all.add(i);
            }
            return all.stream().sorted((a, b) -> Double.compare(byPair[b], byPair[a])).mapToInt(Integer::intValue)
                    .toArray();
        }

        /** The protocol's accuracy on the pairs drawn {@code w[i]} times each: mean over folds. */
        double accuracy(int[] w) {
            double sum = 0;
            int count = 0;
            for (int h = 0; h < order.length; h++) {
                int n = order[h].length;
                int[] ws = new int[n];
                long halfPositives = 0;
                long[] foldPositives = new long[folds[h].length];
                for (int j = 0; j < n; j++) {
                    ws[j] = w[order[h][j]];
                    if (matched[h][j]) {
                        halfPositives += ws[j];
                        foldPositives[foldSlot[h][j]] += ws[j];
                    }
                }
                for (int k = 0; k < folds[h].length; k++) {
                    double t = bestThreshold(h, folds[h][k], ws, halfPositives - foldPositives[k]);
                    long correct = 0;
                    long total = 0;
                    for (int j : foldPositions[h][k]) {
                        total += ws[j];
                        if ((score[h][j] > t) == matched[h][j]) {
                            correct += ws[j];
                        }
                    }
                    sum += (double) correct / total;
                    count++;
                }
            }
            return sum / count;
        }

        /**
         * {@link org.bridge.eval.Verification#bestThreshold} over the drawn pairs of half {@code h}
         * outside fold {@code test} ({@code positives} of them matched): one ascending pass; a new
         * best is the midpoint between its score and the next drawn training score, set when that
         * score is reached.
         */
        private double bestThreshold(int h, int test, int[] ws, long positives) {
            double[] s = score[h];
            int[] fo = fold[h];
            boolean[] m = matched[h];
            int n = s.length;
            long correct = positives;
            long bestCorrect = correct;
            double best = Double.NaN;
            boolean pending = false;
            double bestScore = 0;
            int j = 0;
            while (j < n) {
                if (fo[j] == test || ws[j] == 0) {
                    j++;
                    continue;
                }
                double v = s[j];
                if (Double.isNaN(best) && !pending) {
                    best = v - 1; // below every drawn training score: accept all
                }
                if (pending) {
                    best = (bestScore + v) / 2;
                    pending = false;
                }
                // Every drawn training pair scoring v is rejected once the threshold passes v.
                while (j < n && s[j] == v) {
                    if (fo[j] != test && ws[j] > 0) {
                        correct += m[j] ? -ws[j] : ws[j];
                    }
                    j++;
                }
                if (correct > bestCorrect) {
                    bestCorrect = correct;
                    bestScore = v;
                    pending = true;
                }
            }
            return pending ? bestScore + 1 : best;
        }

        /** {@link org.bridge.eval.Roc#tprAtFpr} over all drawn pairs, each counted {@code w[i]} times. */
        double tprAtFpr(int[] w, double maxFpr) {
            long p = 0;
            long n = 0;
            for (int k = 0; k < desc.length; k++) {
                if (descMatched[k]) {
                    p += w[desc[k]];
                } else {
                    n += w[desc[k]];
                }
            }
            double budget = maxFpr * n + 1e-9;
            long tp = 0;
            long fp = 0;
            double best = 0;
            int k = 0;
            while (k < desc.length) {
                double v = descScore[k];
                while (k < desc.length && descScore[k] == v) {
                    if (descMatched[k]) {
                        tp += w[desc[k]];
                    } else {
                        fp += w[desc[k]];
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
