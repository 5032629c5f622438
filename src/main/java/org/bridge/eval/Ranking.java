package org.bridge.eval;

/**
 * Top-k accuracy and the cumulative match characteristic (CMC) of class scores. The rank of a
 * probe is 1 + the number of other classes scoring at least as high as its true class: ties are
 * counted against the probe (pessimistic), so a classifier that scores every class the same
 * gets rank K, not rank 1.
 */
public final class Ranking {

    private Ranking() {
    }

    /** 1-based rank of class {@code truth} in {@code scores}. */
    public static int rank(double[] scores, int truth) {
        double s = scores[truth];
        int rank = 1;
        for (int c = 0; c < scores.length; c++) {
            if (c != truth && scores[c] >= s) {
                rank++;
            }
        }
        return rank;
    }

    /**
     * CMC: element {@code r - 1} is the fraction of probes whose rank is at most r, for
     * r = 1..{@code maxRank}.
     */
    public static double[] cmc(double[][] scores, int[] truth, int maxRank) {
        if (scores.length != truth.length) {
            throw new IllegalArgumentException(scores.length + " score rows for " + truth.length + " labels");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no probes");
        }
        int[] hist = new int[maxRank + 1];
        for (int i = 0; i < scores.length; i++) {
            int r = rank(scores[i], truth[i]);
            if (r <= maxRank) {
                hist[r]++;
            }
        }
        double[] cmc = new double[maxRank];
        int cumulative = 0;
        for (int r = 1; r <= maxRank; r++) {
            cumulative += hist[r];
            cmc[r - 1] = (double) cumulative / scores.length;
        }
        return cmc;
    }
}
