package org.bridge.experiment;

/**
 * One target pair as the student scored it, with the decision threshold of its fold (chosen on
 * the other folds of the same half, see {@link org.bridge.eval.Verification}): "same person" iff
 * {@code score > threshold}.
 *
 * @param split     the run's split (A or B): which model scored the pair
 * @param fold      the pair's 1-based fold in pairs.txt
 * @param matched   true when both faces show the same person
 * @param score     cosine similarity of the student's features of the two faces
 * @param threshold the fold's threshold from the run's results.json
 */
public record ScoredPair(String split, int fold, boolean matched, String personA, int imageA, String personB,
                         int imageB, double score, double threshold) {

    /** The student's verdict: same person iff the score is above the fold's threshold. */
    public boolean predictedSame() {
        return score > threshold;
    }

    public boolean correct() {
        return predictedSame() == matched;
    }

    /** Signed distance to the threshold: positive means "same". */
    public double margin() {
        return score - threshold;
    }

    /**
     * How safely the pair was decided: |score - threshold| when correct, minus that when wrong.
     * Sorting ascending puts the most confident errors first (they are the hardest cases), then
     * the near misses, then the safe decisions.
     */
    public double signedMargin() {
        double m = Math.abs(margin());
        return correct() ? m : -m;
    }
}
