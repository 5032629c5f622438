package org.bridge.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bridge.data.BadImagePolicy;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.data.SkippedImages;

/**
 * Everything one model is measured on in one split of the LFW bridge protocol: the target pairs
 * (verification) and the identification subset, from one pass of feature extraction over the
 * images they need. Full LFW is then
 * {@code Verification.evaluate(List.of(splitB.verification(), splitA.verification()))}, each half
 * scored by the model trained on its own split's public set.
 */
public record SplitEvaluation(BridgeSplit split, VerificationScores verification,
                              IdentificationReport identification, SkippedImages skipped,
                              FeatureTable features) {

    public static SplitEvaluation run(BridgeSplit split, FeatureExtractor extractor, ImageDecoder decoder,
                                      BadImagePolicy policy, SoftmaxClassifier.Config softmax,
                                      FeatureTable.Progress progress) {
        Set<FaceRecord> needed = new LinkedHashSet<>();
        for (FacePair p : split.targetPairs()) {
            needed.add(p.a());
            needed.add(p.b());
        }
        needed.addAll(split.identification().gallery());
        needed.addAll(split.identification().probes());
        FeatureTable table = FeatureTable.extract(extractor, new ArrayList<>(needed), decoder, policy, progress);
        VerificationScores scores = VerificationScores.score("split " + split.id() + " (" + extractor.name() + ")",
                split.targetPairs(), table);
        IdentificationReport id = Identification.evaluate(split.identification(), table, softmax, table.skipped());
        return new SplitEvaluation(split, scores, id, table.skipped(), table);
    }

    /** Verification of this split alone (its target folds). */
    public VerificationResult verificationResult() {
        return Verification.evaluate(verification);
    }

    /** Full LFW: both splits' target halves, each with thresholds from its own folds. */
    public static VerificationResult fullLfw(SplitEvaluation a, SplitEvaluation b) {
        if (a.split().id() == b.split().id()) {
            throw new IllegalArgumentException("full LFW needs split A and split B, got " + a.split().id() + " twice");
        }
        List<VerificationScores> halves = new ArrayList<>(List.of(a.verification(), b.verification()));
        return Verification.evaluate(halves);
    }
}
