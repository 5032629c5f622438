package org.bridge.eval;

/** The similarity of one verification pair, whether it is a matched pair, and its 1-based fold. */
public record PairScore(int fold, boolean matched, double score) {

    public PairScore {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN (fold " + fold + ")");
        }
    }
}
