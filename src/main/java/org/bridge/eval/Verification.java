package org.bridge.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LFW-style k-fold verification. For every fold, the decision threshold is the one that
 * maximises accuracy on the other folds of the same half (never on the fold itself); the fold's
 * accuracy is then measured with it. The result reports the mean and the sample standard
 * deviation (n - 1) of the fold accuracies, as LFW's protocol does, and the ROC, AUC and TPR at
 * FPR 10% and 1% over all scores pooled.
 *
 * <p>Decision rule: "same person" iff {@code score > threshold}. Candidate thresholds are the
 * midpoints between consecutive distinct training scores, plus the lowest training score minus 1
 * (accept everything) and the highest plus 1 (reject everything). Among equally accurate
 * candidates the lowest threshold wins.
 */
public final class Verification {

    private Verification() {
    }

    /** One half (or any scored set with at least two folds). */
    public static VerificationResult evaluate(VerificationScores half) {
        return evaluate(List.of(half));
    }

    /**
     * Several halves scored by different models, e.g. full LFW = split B's scores of folds 1-5 +
     * split A's scores of folds 6-10. Each fold's threshold comes from the other folds of its own
     * half. The halves must not share a fold number.
     */
    public static VerificationResult evaluate(List<VerificationScores> halves) {
        Set<Integer> seen = new HashSet<>();
        List<VerificationResult.FoldResult> folds = new ArrayList<>();
        List<PairScore> pooled = new ArrayList<>();
        int skipped = 0;
        for (VerificationScores half : halves) {
            List<Integer> halfFolds = half.folds();
            if (halfFolds.size() < 2) {
                throw new IllegalArgumentException(half.label() + ": k-fold verification needs at least 2 folds, got "
                        + halfFolds);
            }
            for (int f : halfFolds) {
                if (!seen.add(f)) {
                    throw new IllegalArgumentException("fold " + f + " appears in two halves");
                }
                List<PairScore> train = new ArrayList<>();
                List<PairScore> test = new ArrayList<>();
                for (PairScore s : half.scores()) {
                    (s.fold() == f ? test : train).add(s);
                }
                double t = bestThreshold(train);
                folds.add(new VerificationResult.FoldResult(f, t, accuracy(test, t), test.size(), foldAuc(test)));
            }
            pooled.addAll(half.scores());
            skipped += half.skippedPairs();
        }
        folds.sort(Comparator.comparingInt(VerificationResult.FoldResult::fold));
        double mean = 0;
        for (VerificationResult.FoldResult f : folds) {
            mean += f.accuracy();
        }
        mean /= folds.size();
        double ss = 0;
        for (VerificationResult.FoldResult f : folds) {
            ss += (f.accuracy() - mean) * (f.accuracy() - mean);
        }
        double std = Math.sqrt(ss / (folds.size() - 1));
        Roc roc = Roc.of(pooled);
        return new VerificationResult(mean, std, roc.auc(), roc.tprAtFpr(0.10), roc.tprAtFpr(0.01), pooled.size(),
                skipped, folds, roc);
    }

    /** A fold's own AUC, e.g. of a development fold; NaN when it lacks one of the two kinds of pair. */
    private static double foldAuc(List<PairScore> fold) {
        boolean matched = fold.stream().anyMatch(PairScore::matched);
        boolean mismatched = fold.stream().anyMatch(s -> !s.matched());
        return matched && mismatched ? Roc.of(fold).auc() : Double.NaN;
    }

    /** The threshold maximising accuracy on {@code scores} (rule and tie-break in the class comment). */
    public static double bestThreshold(List<PairScore> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to choose a threshold on");
        }
        List<PairScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparingDouble(PairScore::score));
        int positives = 0;
        for (PairScore s : sorted) {
            if (s.matched()) {
                positives++;
            }
        }
        // Threshold below every score: all accepted, so exactly the matched pairs are right.
        int correct = positives;
        int bestCorrect = correct;
        double best = sorted.get(0).score() - 1;
        int i = 0;
        while (i < sorted.size()) {
            double v = sorted.get(i).score();
            // Move the threshold above every score equal to v: those pairs become rejected.
            while (i < sorted.size() && sorted.get(i).score() == v) {
                correct += sorted.get(i).matched() ? -1 : 1;
                i++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = i < sorted.size() ? (v + sorted.get(i).score()) / 2 : v + 1;
            }
        }
        return best;
    }

    /** Fraction of pairs decided correctly by "same iff score > threshold". */
    public static double accuracy(List<PairScore> scores, double threshold) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores");
        }
        int correct = 0;
        for (PairScore s : scores) {
            if ((s.score() > threshold) == s.matched()) {
                correct++;
            }
        }
        return (double) correct / scores.size();
    }
}
