package org.bridge.experiment.report;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Two recognisers' closed-set top-1 on the same probes, each over its seeds: the difference
 * (first minus second) with a 95% interval from a paired bootstrap, as {@link PairedComparison}
 * does for verification. Each replicate draws the probes with replacement (the same draw for
 * both) and each side's seeds with replacement; a side's top-1 is the mean over its drawn seeds.
 * The gallery, and each classifier trained on it, stays fixed. Percentile interval of
 * {@value PairedComparison#REPLICATES} replicates from a fixed seed, so the answer is reproducible.
 */
public final class IdentificationComparison {

    private IdentificationComparison() {
    }

    /** One side: the rank of each probe's true class, one array per seed, all over the same probes. */
    public record Side(List<int[]> seedRanks) {

        public Side {
            if (seedRanks.isEmpty()) {
                throw new IllegalArgumentException("each side needs at least one seed");
            }
            seedRanks = seedRanks.stream().map(int[]::clone).toList();
        }

        int probes() {
            return seedRanks.get(0).length;
        }

        /** Top-1 of each seed, as fractions. */
        public double[] top1PerSeed() {
            return seedRanks.stream().mapToDouble(r -> top1(r, null)).toArray();
        }
    }

    /** The first side's top-1 minus the second's, with its 95% interval and verdict. */
    public static PairedComparison.Difference compare(Side first, Side second) {
        return compare(first, second, PairedComparison.REPLICATES, PairedComparison.BOOTSTRAP_SEED);
    }

    static PairedComparison.Difference compare(Side first, Side second, int replicates, long seed) {
        int n = first.probes();
        for (Side s : List.of(first, second)) {
            for (int[] r : s.seedRanks()) {
                if (r.length != n) {
                    throw new IllegalArgumentException("every seed must rank the same probes: " + r.length + " vs " + n);
                }
            }
        }
        double point = mean(first.top1PerSeed()) - mean(second.top1PerSeed());
        Random random = new Random(seed);
        double[] diffs = new double[replicates];
        int[] weights = new int[n];
        for (int b = 0; b < replicates; b++) {
            Arrays.fill(weights, 0);
            for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
            }
            diffs[b] = drawnSeedsTop1(first, weights, random) - drawnSeedsTop1(second, weights, random);
        }
        Arrays.sort(diffs);
        int lo = (int) Math.floor(0.025 * diffs.length);
        int hi = Math.max(lo, (int) Math.ceil(0.975 * diffs.length) - 1);
        return new PairedComparison.Difference(point, diffs[lo], diffs[hi]);
    }

    private static double drawnSeedsTop1(Side side, int[] weights, Random random) {
        int k = side.seedRanks().size();
        double sum = 0;
        for (int s = 0; s < k; s++) {
            sum += top1(side.seedRanks().get(random.nextInt(k)), weights);
        }
        return sum / k;
    }

    /** Fraction of probes ranked first, each probe counted {@code weights[i]} times (null: once). */
    private static double top1(int[] ranks, int[] weights) {
        double hits = 0;
        double total = 0;
        for (int i = 0; i < ranks.length; i++) {
            int w = weights == null ? 1 : weights[i];
            total += w;
            if (ranks[i] == 1) {
                hits += w;
            }
        }
        return hits / total;
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }
}
