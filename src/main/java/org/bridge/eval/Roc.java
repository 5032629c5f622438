package org.bridge.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The ROC curve of verification scores: a pair is accepted as "same person" when its score is
 * at least the threshold. One point per distinct score (from the highest down), plus (0, 0);
 * the last point is (1, 1). Tied scores are one threshold, so a tie between a matched and a
 * mismatched pair is one diagonal step, and the trapezoid area then counts the tie as half a
 * correct ordering, exactly like the Mann-Whitney statistic.
 */
public final class Roc {

    /** One operating point: accepting every score >= {@code threshold} gives these rates. */
    public record Point(double threshold, double fpr, double tpr, int falsePositives, int truePositives) {
    }

    private final List<Point> points;
    private final int positives;
    private final int negatives;

    private Roc(List<Point> points, int positives, int negatives) {
        this.points = List.copyOf(points);
        this.positives = positives;
        this.negatives = negatives;
    }

    public static Roc of(Collection<PairScore> scores) {
        List<PairScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparingDouble(PairScore::score).reversed());
        int p = 0;
        int n = 0;
        for (PairScore s : sorted) {
            if (s.matched()) {
                p++;
            } else {
                n++;
            }
        }
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("a ROC curve needs matched and mismatched pairs, got " + p + " and " + n);
        }
        List<Point> pts = new ArrayList<>();
        pts.add(new Point(Double.POSITIVE_INFINITY, 0, 0, 0, 0));
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < sorted.size()) {
            double t = sorted.get(i).score();
            while (i < sorted.size() && sorted.get(i).score() == t) {
                if (sorted.get(i).matched()) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            pts.add(new Point(t, (double) fp / n, (double) tp / p, fp, tp));
        }
        return new Roc(pts, p, n);
    }

    /** From (0, 0) to (1, 1), FPR and TPR non-decreasing. */
    public List<Point> points() {
        return points;
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return negatives;
    }

    /** Area under the curve by the trapezoid rule. */
    public double auc() {
        double area = 0;
        for (int k = 1; k < points.size(); k++) {
            Point a = points.get(k - 1);
            Point b = points.get(k);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }

    /**
     * TPR at a false-positive budget: the largest TPR among the curve's operating points whose
     * FPR does not exceed {@code maxFpr}. These are the rates a real threshold achieves; there is
     * no interpolation between points, so the value never promises more than a threshold gives.
     */
    public double tprAtFpr(double maxFpr) {
        // Compare counts, not rounded fractions: FPR <= maxFpr  <=>  FP <= maxFpr * N.
        double budget = maxFpr * negatives + 1e-9;
        double best = 0;
        for (Point pt : points) {
            if (pt.falsePositives() <= budget) {
                best = Math.max(best, pt.tpr());
            }
        }
        return best;
    }
}
