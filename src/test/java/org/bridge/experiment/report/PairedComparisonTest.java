package org.bridge.experiment.report;

import org.bridge.experiment.ScoredPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.bridge.config.UserFacingException;
import org.bridge.eval.PairScore;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;
import org.bridge.experiment.report.PairedComparison.Difference;
import org.bridge.experiment.report.PairedComparison.Resampling;
import org.bridge.experiment.report.PairedComparison.Result;
import org.bridge.experiment.report.PairedComparison.Verdict;
import org.junit.jupiter.api.Test;

/** The paired bootstrap of two students' accuracy and TPR difference, on synthetic scored pairs. */
class PairedComparisonTest {

    /**
     * Full LFW as the bridge protocol has it: split B's model scores folds 1-5, split A's folds
     * 6-10. Each pair has a difficulty shared by every student (its {@code base} score); a
     * student's score is {@code student(base)} plus its own noise of size {@code noise}.
     */
    static List<ScoredPair> scored(int perFold, long pairSeed, DoubleUnaryOperator student, double noise,
                                   long noiseSeed) {
        Random pairs = new Random(pairSeed);
        Random own = new Random(noiseSeed);
        List<ScoredPair> out = new ArrayList<>();
        for (int fold = 1; fold <= 10; fold++) {
            for (int i = 0; i < perFold; i++) {
                boolean matched = i % 2 == 0;
                double base = (matched ? 0.6 : 0.4) + 0.15 * pairs.nextGaussian();
                double s = student.applyAsDouble(base) + noise * own.nextGaussian();
                out.add(new ScoredPair(fold <= 5 ? "B" : "A", fold, matched, "P" + fold + "_" + i, 1,
                        "Q" + fold + "_" + i, 2, s, 0));
            }
        }
        return out;
    }

    static VerificationResult protocol(List<ScoredPair> pairs) {
        List<VerificationScores> halves = new ArrayList<>();
        for (String split : List.of("A", "B")) {
            List<PairScore> s = pairs.stream().filter(p -> p.split().equals(split))
                    .map(p -> new PairScore(p.fold(), p.matched(), p.score())).toList();
            halves.add(new VerificationScores(split, s, 0));
        }
        return Verification.evaluate(halves);
    }

    @Test
    void theDifferenceIsThatOfTheProtocolsAccuracyAndTpr() {
        List<ScoredPair> x = scored(60, 1, b -> b, 0.05, 2);
        List<ScoredPair> y = scored(60, 1, b -> b, 0.15, 3);
        Result r = PairedComparison.compare(List.of(x), List.of(y));
        VerificationResult vx = protocol(x);
        VerificationResult vy = protocol(y);
        assertEquals(vx.accuracy() - vy.accuracy(), r.accuracy().value(), 1e-12);
        assertEquals(vx.tprAtFpr10() - vy.tprAtFpr10(), r.tprAtFpr10().value(), 1e-12);
        assertEquals(600, r.pairs());
    }

    @Test
    void eachReplicateIsTheProtocolRunOnThePairsItDrew() {
        List<ScoredPair> x = scored(30, 1, b -> b, 0.1, 2);
        PairedComparison.Pairs pairs = PairedComparison.Pairs.common(List.of(x));
        PairedComparison.Protocol protocol = new PairedComparison.Protocol(pairs, x);
        Random rnd = new Random(5);
        for (int rep = 0; rep < 20; rep++) {
            int[] w = pairs.draw(rnd);
            List<ScoredPair> drawn = new ArrayList<>();
            for (int i = 0; i < w.length; i++) {
                for (int c = 0; c < w[i]; c++) {
                    drawn.add(x.get(i));
                }
            }
            VerificationResult v = protocol(drawn);
            assertEquals(v.accuracy(), protocol.accuracy(w), 1e-12, "replicate " + rep);
            assertEquals(v.tprAtFpr10(), protocol.tprAtFpr(w, 0.10), 1e-12, "replicate " + rep);
        }
    }

    @Test
    void identicalStudentsDifferByZeroWithAnIntervalAroundZero() {
        List<ScoredPair> x = scored(60, 1, b -> b, 0.1, 2);
        Result r = PairedComparison.compare(List.of(x), List.of(x));
        assertEquals(0, r.accuracy().value());
        assertTrue(r.accuracy().low() <= 0 && r.accuracy().high() >= 0, r.accuracy().formatted());
        assertEquals(Verdict.WITHIN_NOISE, r.accuracy().verdict());
        assertEquals(Verdict.WITHIN_NOISE, r.tprAtFpr10().verdict());

        // Two seeds of the same student on each side: still centred on 0.
        List<ScoredPair> x2 = scored(60, 1, b -> b, 0.1, 5);
        Result seeds = PairedComparison.compare(List.of(x, x2), List.of(x, x2));
        assertEquals(0, seeds.accuracy().value(), 1e-12);
        assertTrue(seeds.accuracy().low() <= 0 && seeds.accuracy().high() >= 0);
        assertEquals(2, seeds.firstSeeds());
    }

    @Test
    void aClearlyBetterStudentHoldsAndTheReverseDoesNot() {
        List<ScoredPair> better = scored(60, 1, b -> b, 0.02, 2);
        List<ScoredPair> worse = scored(60, 1, b -> b, 0.3, 3);
        Result r = PairedComparison.compare(List.of(better), List.of(worse));
        assertTrue(r.accuracy().low() > 0, r.accuracy().formatted());
        assertEquals(Verdict.HOLDS, r.accuracy().verdict());
        assertEquals(Verdict.HOLDS, r.tprAtFpr10().verdict());
        assertTrue(r.accuracy().low() <= r.accuracy().value() && r.accuracy().value() <= r.accuracy().high());
        Result back = PairedComparison.compare(List.of(worse), List.of(better));
        assertEquals(Verdict.DOES_NOT_HOLD, back.accuracy().verdict());
    }

    @Test
    void moreKindsOfPairsNarrowTheInterval() {
        Difference few = PairedComparison.compare(List.of(scored(30, 1, b -> b, 0.05, 2)),
                List.of(scored(30, 1, b -> b, 0.12, 3))).accuracy();
        Difference many = PairedComparison.compare(List.of(scored(300, 1, b -> b, 0.05, 2)),
                List.of(scored(300, 1, b -> b, 0.12, 3))).accuracy();
        double wFew = few.high() - few.low();
        double wMany = many.high() - many.low();
        // Ten times the pairs: about a third of the width (1 / sqrt(10)).
        assertTrue(wMany < 0.6 * wFew, "width " + wMany + " with 3000 pairs vs " + wFew + " with 300");
    }

    @Test
    void pairingRemovesTheDifficultyBothStudentsShare() {
        // Both students see the same pairs, hard or easy; y is x except for one pair in 30 that y
        // gets confidently wrong. Each accuracy varies with which pairs are drawn; the difference
        // hardly does, since a draw of hard pairs is as hard for both.
        List<ScoredPair> x = scored(100, 1, b -> b, 0.0, 2);
        List<ScoredPair> y = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            ScoredPair p = x.get(i);
            double s = i % 30 == 0 ? (p.matched() ? 0.0 : 1.0) : p.score();
            y.add(new ScoredPair(p.split(), p.fold(), p.matched(), p.personA(), p.imageA(), p.personB(), p.imageB(),
                    s, 0));
        }
        Difference paired = PairedComparison.compare(List.of(x), List.of(y), 1000, 20, Resampling.PAIRED).accuracy();
        Difference unpaired = PairedComparison.compare(List.of(x), List.of(y), 1000, 20, Resampling.UNPAIRED)
                .accuracy();
        double wPaired = paired.high() - paired.low();
        double wUnpaired = unpaired.high() - unpaired.low();
        assertTrue(wPaired < 0.5 * wUnpaired, "paired width " + wPaired + ", unpaired " + wUnpaired);
        assertEquals(paired.value(), unpaired.value(), 1e-12);
    }

    @Test
    void reproducibleFromTheFixedBootstrapSeed() {
        List<ScoredPair> x = scored(40, 1, b -> b, 0.05, 2);
        List<ScoredPair> y = scored(40, 1, b -> b, 0.1, 3);
        assertEquals(PairedComparison.compare(List.of(x), List.of(y)), PairedComparison.compare(List.of(x), List.of(y)));
    }

    @Test
    void onlyPairsEveryRunScoredAreCompared() {
        List<ScoredPair> x = scored(20, 1, b -> b, 0.05, 2);
        List<ScoredPair> y = new ArrayList<>(scored(20, 1, b -> b, 0.1, 3));
        y.remove(0); // y skipped a pair (an unreadable image)
        assertEquals(199, PairedComparison.compare(List.of(x), List.of(y)).pairs());

        List<ScoredPair> other = scored(20, 1, b -> b, 0.1, 3).stream()
                .map(p -> new ScoredPair(p.split(), p.fold(), p.matched(), "Z" + p.personA(), 1, p.personB(), 2,
                        p.score(), 0)).toList();
        assertThrows(UserFacingException.class, () -> PairedComparison.compare(List.of(x), List.of(other)));
    }

    @Test
    void verdictsFollowTheInterval() {
        assertEquals(Verdict.HOLDS, new Difference(0.02, 0.001, 0.03).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, new Difference(-0.02, -0.03, -0.001).verdict());
        assertEquals(Verdict.WITHIN_NOISE, new Difference(0.01, -0.001, 0.02).verdict());
        assertEquals("+1.00 [-0.10, +2.00]", new Difference(0.01, -0.001, 0.02).formatted());
    }
}
