package org.bridge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.bridge.data.FacePair;

/**
 * The scored pairs of one target half, all scored by one model. Thresholds are chosen within a
 * half (a model's scores are only comparable with its own), so two halves scored by two models
 * stay two {@code VerificationScores} when combined into full LFW (see {@link Verification}).
 *
 * @param label        e.g. "split A" or the model name, for reports
 * @param scores       one per scored pair
 * @param skippedPairs pairs left out because an image had no feature (skipped as unreadable)
 */
public record VerificationScores(String label, List<PairScore> scores, int skippedPairs) {

    public VerificationScores {
        scores = List.copyOf(scores);
    }

    /** Cosine similarity of the two faces' features, for every pair whose two features exist. */
    public static VerificationScores score(String label, List<FacePair> pairs, FeatureSource features) {
        List<PairScore> out = new ArrayList<>(pairs.size());
        int skipped = 0;
        for (FacePair p : pairs) {
            Optional<float[]> a = features.features(p.a());
            Optional<float[]> b = features.features(p.b());
            if (a.isEmpty() || b.isEmpty()) {
                skipped++;
                continue;
            }
            out.add(new PairScore(p.fold(), p.matched(), Similarity.cosine(a.get(), b.get())));
        }
        return new VerificationScores(label, out, skipped);
    }

    /** The folds present, ascending. */
    public List<Integer> folds() {
        TreeSet<Integer> f = new TreeSet<>();
        for (PairScore s : scores) {
            f.add(s.fold());
        }
        return List.copyOf(f);
    }
}
