package org.bridge.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

import org.bridge.data.BadImagePolicy;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.eval.FeatureExtractor;
import org.bridge.eval.FeatureTable;
import org.bridge.eval.PairScore;
import org.bridge.eval.Roc;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationScores;

/**
 * The development data for choosing hyper-parameters: the last public fold of pairs.txt of a
 * split (A: fold 5, B: fold 10). Its people are taken out of the student's training set and its
 * 600 pairs are scored like the target pairs. The target folds are never looked at, and since the
 * ten folds of pairs.txt share no person, the validation people are unseen identities, as the
 * target people are.
 */
public record ValidationFold(int fold, Set<String> people, List<FacePair> pairs) {

    public static ValidationFold of(LfwBridgeProtocol protocol, BridgeSplit split) {
        List<Integer> folds = split.publicFolds();
        int fold = folds.get(folds.size() - 1);
        Set<String> people = protocol.lfw().pairs().peopleOfFold(fold);
        List<FacePair> pairs = protocol.lfw().pairs().resolve(split.publicSet(), List.of(fold));
        return new ValidationFold(fold, Set.copyOf(people), List.copyOf(pairs));
    }

    /**
     * AUC, TPR at FPR 10% and the accuracy at the fold's own best threshold (optimistic by
     * construction, but the same for every candidate, so it ranks them).
     */
    public JsonObject evaluate(FeatureExtractor extractor) {
        return evaluate(extractor, null);
    }

    /**
     * As {@link #evaluate(FeatureExtractor)}, reporting feature extraction after each batch;
     * {@code progress} may throw to abandon the evaluation (e.g. a cancelled run).
     */
    public JsonObject evaluate(FeatureExtractor extractor, FeatureTable.Progress progress) {
        Set<FaceRecord> images = new LinkedHashSet<>();
        for (FacePair p : pairs) {
            images.add(p.a());
            images.add(p.b());
        }
        FeatureTable table = FeatureTable.extract(extractor, new ArrayList<>(images), new ImageDecoder(),
                BadImagePolicy.SKIP, progress);
        VerificationScores scores = VerificationScores.score("validation fold " + fold, pairs, table);
        List<PairScore> s = scores.scores();
        Roc roc = Roc.of(s);
        double threshold = Verification.bestThreshold(s);
        JsonObject o = new JsonObject();
        o.addProperty("fold", fold);
        o.addProperty("people", people.size());
        o.addProperty("pairs", s.size());
        o.addProperty("auc", roc.auc());
        o.addProperty("tpr_at_fpr_10", roc.tprAtFpr(0.10));
        o.addProperty("best_threshold_accuracy", Verification.accuracy(s, threshold));
        return o;
    }
}
