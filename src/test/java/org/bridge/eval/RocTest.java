package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RocTest {

    private static PairScore m(double s) {
        return new PairScore(1, true, s);
    }

    private static PairScore n(double s) {
        return new PairScore(1, false, s);
    }

    /** Matched 0.9 0.8 0.6 0.4; mismatched 0.7 0.6 0.3 0.2 (one matched/mismatched tie at 0.6). */
    private static final List<PairScore> SMALL = List.of(m(0.9), n(0.7), m(0.8), n(0.6), m(0.6), m(0.4), n(0.3),
            n(0.2));

    @Test
    void curveOfASmallExampleWithATie() {
        Roc roc = Roc.of(SMALL);
        // By hand: thresholds 0.9 0.8 0.7 0.6 0.4 0.3 0.2; the tie at 0.6 is one diagonal step.
        double[][] expected = {{0, 0}, {0, .25}, {0, .5}, {.25, .5}, {.5, .75}, {.5, 1}, {.75, 1}, {1, 1}};
        assertEquals(expected.length, roc.points().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], roc.points().get(i).fpr(), 1e-12, "fpr of point " + i);
            assertEquals(expected[i][1], roc.points().get(i).tpr(), 1e-12, "tpr of point " + i);
        }
        // Mann-Whitney by hand: 4 + 4 + (2 + 0.5 for the tie) + 2 = 12.5 of 16 pairs.
        assertEquals(12.5 / 16, roc.auc(), 1e-12);
    }

    @Test
    void tprAtFprIsTheBestOperatingPointWithinTheBudget() {
        Roc roc = Roc.of(SMALL);
        assertEquals(0.5, roc.tprAtFpr(0.0), 1e-12);
        assertEquals(0.5, roc.tprAtFpr(0.10), 1e-12);
        assertEquals(0.5, roc.tprAtFpr(0.25), 1e-12);
        assertEquals(0.5, roc.tprAtFpr(0.49), 1e-12);
        assertEquals(1.0, roc.tprAtFpr(0.50), 1e-12);
    }

    @Test
    void fprBudgetIsExactInCountsAtLfwSize() {
        // 3000 negatives: FPR 1% allows exactly 30 false positives. The 30th negative scores
        // above positive #2000, the 31st above positive #2900 (scores descend).
        List<PairScore> s = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            s.add(m(10000 - i));
        }
        for (int k = 1; k <= 3000; k++) {
            double score = k <= 30 ? 10000 - 2000 + 0.5 : (k == 31 ? 10000 - 2900 + 0.5 : -k);
            s.add(n(score));
        }
        Roc roc = Roc.of(s);
        assertEquals(2900.0 / 3000, roc.tprAtFpr(0.01), 1e-12);
        assertEquals(2000.0 / 3000, roc.tprAtFpr(0.0099), 1e-12);
    }

    @Test
    void aucEqualsThePairwiseProbabilityWithTies() {
        Random r = new Random(3);
        List<PairScore> s = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Coarse scores make many ties.
            s.add(new PairScore(1, r.nextBoolean(), r.nextInt(20) / 4.0));
        }
        double wins = 0;
        int pairs = 0;
        for (PairScore a : s) {
            for (PairScore b : s) {
                if (a.matched() && !b.matched()) {
                    pairs++;
                    wins += a.score() > b.score() ? 1 : (a.score() == b.score() ? 0.5 : 0);
                }
            }
        }
        assertEquals(wins / pairs, Roc.of(s).auc(), 1e-12);
    }

    @Test
    void needsBothClasses() {
        assertThrows(IllegalArgumentException.class, () -> Roc.of(List.of(m(1), m(2))));
    }
}
