package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

class VerificationTest {

    private static PairScore s(int fold, boolean matched, double score) {
        return new PairScore(fold, matched, score);
    }

    /** Three folds of one matched and one mismatched pair; fold 3 is inverted. */
    private static final List<PairScore> TINY = List.of(
            s(1, true, 0.9), s(1, false, 0.1),
            s(2, true, 0.8), s(2, false, 0.3),
            s(3, true, 0.35), s(3, false, 0.5));

    @Test
    void thresholdMaximisesAccuracyLowestOnTies() {
        // Folds 2+3 sorted: 0.3n 0.35m 0.5n 0.8m; accepting all gets 2 right, threshold 0.325
        // gets 3, the next 3 (at 0.65) is a tie, and the lowest wins.
        assertEquals(0.325, Verification.bestThreshold(List.of(TINY.get(2), TINY.get(3), TINY.get(4), TINY.get(5))),
                1e-12);
        // Folds 1+2 separate perfectly between 0.3 and 0.8.
        assertEquals(0.55, Verification.bestThreshold(TINY.subList(0, 4)), 1e-12);
        // All matched: accept everything (threshold below the lowest score).
        assertTrue(Verification.bestThreshold(List.of(s(1, true, 0.2), s(1, true, 0.4))) < 0.2);
        // All mismatched: reject everything.
        assertTrue(Verification.bestThreshold(List.of(s(1, false, 0.2), s(1, false, 0.4))) > 0.4);
    }

    @Test
    void eachFoldIsJudgedWithTheThresholdOfTheOtherFolds() {
        VerificationResult r = Verification.evaluate(new VerificationScores("tiny", TINY, 0));
        // Fold 1: t = 0.325 -> both right. Fold 2: t = 0.225 (folds 1+3) -> 0.3 accepted, 1 of 2.
        // Fold 3: t = 0.55 -> 0.35 rejected (wrong), 0.5 rejected (right), 1 of 2.
        assertEquals(List.of(1, 2, 3), r.folds().stream().map(VerificationResult.FoldResult::fold).toList());
        assertEquals(0.325, r.folds().get(0).threshold(), 1e-12);
        assertEquals(0.225, r.folds().get(1).threshold(), 1e-12);
        assertEquals(0.55, r.folds().get(2).threshold(), 1e-12);
        assertEquals(List.of(1.0, 0.5, 0.5), r.folds().stream().map(VerificationResult.FoldResult::accuracy).toList());
        assertEquals(2.0 / 3, r.accuracy(), 1e-12);
        // Sample std: deviations 1/3, -1/6, -1/6 -> sqrt((1/9 + 2/36) / 2) = sqrt(1/12).
        assertEquals(Math.sqrt(1.0 / 12), r.accuracyStd(), 1e-12);
        assertEquals(6, r.pairs());
        // Pooled AUC: matched 0.9 0.8 0.35 vs mismatched 0.1 0.3 0.5: 3 + 3 + 2 = 8 of 9.
        assertEquals(8.0 / 9, r.auc(), 1e-12);
        // Each fold's own AUC: folds 1 and 2 rank their pair right, fold 3 wrong.
        assertEquals(List.of(1.0, 1.0, 0.0), r.folds().stream().map(VerificationResult.FoldResult::auc).toList());
    }

    @Test
    void aFoldWithOneKindOfPairHasNoAucInTheJson() {
        List<PairScore> scores = new ArrayList<>(TINY);
        scores.add(s(4, true, 0.7));
        VerificationResult r = Verification.evaluate(new VerificationScores("one-kind fold 4", scores, 0));
        assertTrue(Double.isNaN(r.folds().get(3).auc()));
        com.google.gson.JsonArray folds = r.toJson().getAsJsonArray("folds");
        assertEquals(0.0, folds.get(2).getAsJsonObject().get("auc").getAsDouble(), 1e-12);
        assertTrue(!folds.get(3).getAsJsonObject().has("auc"), folds.toString());
        r.toJsonString();
    }

    @Test
    void halvesScoredByDifferentModelsKeepTheirOwnThresholds() {
        // Half A (folds 1-2) scores around 0, half B (folds 3-4) around 10: each half separates
        // perfectly by itself, but one pooled threshold could not.
        List<PairScore> a = List.of(s(1, true, 0.6), s(1, false, 0.4), s(2, true, 0.7), s(2, false, 0.3));
        List<PairScore> b = List.of(s(3, true, 10.6), s(3, false, 10.4), s(4, true, 10.7), s(4, false, 10.3));
        VerificationResult full = Verification.evaluate(List.of(new VerificationScores("A", a, 1),
                new VerificationScores("B", b, 2)));
        assertEquals(1.0, full.accuracy(), 1e-12);
        assertEquals(0.0, full.accuracyStd(), 1e-12);
        assertEquals(8, full.pairs());
        assertEquals(3, full.skippedPairs());
        assertEquals(4, full.folds().size());
        assertTrue(full.folds().get(0).threshold() < 1 && full.folds().get(3).threshold() > 10);
        // Pooled ROC: B's mismatched (10.3, 10.4) outrank A's matched (0.6, 0.7).
        assertEquals(12.0 / 16, full.auc(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Verification.evaluate(List.of(
                new VerificationScores("A", a, 0), new VerificationScores("A again", a, 0))));
        assertThrows(IllegalArgumentException.class, () -> Verification.evaluate(
                new VerificationScores("one fold", a.subList(0, 2), 0)));
    }

    @Test
    void pairsAreScoredByCosineAndUnscorablePairsAreCounted() {
        FaceRecord x = new FaceRecord("X", 1, Path.of("X_1"));
        FaceRecord y = new FaceRecord("X", 2, Path.of("X_2"));
        FaceRecord z = new FaceRecord("Z", 1, Path.of("Z_1"));
        FaceRecord gone = new FaceRecord("Z", 2, Path.of("Z_2"));
        Map<FaceRecord, float[]> f = Map.of(x, new float[] {1, 0}, y, new float[] {1, 1}, z, new float[] {0, 3});
        FeatureSource source = r -> Optional.ofNullable(f.get(r));
        List<FacePair> pairs = new ArrayList<>(List.of(new FacePair(x, y, true, 1), new FacePair(x, z, false, 1),
                new FacePair(z, gone, true, 2)));
        VerificationScores scores = VerificationScores.score("t", pairs, source);
        assertEquals(2, scores.scores().size());
        assertEquals(1, scores.skippedPairs());
        assertEquals(Math.sqrt(0.5), scores.scores().get(0).score(), 1e-6);
        assertEquals(0.0, scores.scores().get(1).score(), 1e-12);
    }

    @Test
    void jsonHasTheKeysTheCliUses() {
        JsonObject j = Verification.evaluate(new VerificationScores("tiny", TINY, 0)).toJson();
        for (String key : List.of("accuracy", "accuracy_std", "auc", "tpr_at_fpr_10", "tpr_at_fpr_1", "pairs")) {
            assertTrue(j.has(key), key);
        }
        assertEquals(2.0 / 3, j.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(6, j.get("pairs").getAsInt());
        assertEquals(3, j.getAsJsonArray("folds").size());
        assertEquals(j.getAsJsonObject("roc").getAsJsonArray("fpr").size(),
                j.getAsJsonObject("roc").getAsJsonArray("tpr").size());
    }
}
