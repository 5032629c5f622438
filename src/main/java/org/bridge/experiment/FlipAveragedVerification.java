package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonObject;

import org.bridge.config.AtomicFiles;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.eval.FeatureSource;
import org.bridge.eval.FeatureTable;
import org.bridge.eval.Similarity;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;
import org.bridge.eval.Verification;

/**
 * Verification of a student's target pairs with test-time flip averaging
 * ({@link StudentFeatureExtractor#flipAveraged()}), recorded beside the paper-protocol numbers:
 * {@value #PAIR_SCORES} per pair and a {@value #KEY} block in results.json with the same keys as
 * the plain verification. The report pools the per-pair files of both splits into full LFW exactly
 * as it pools the plain ones.
 *
 * <p>Runs finished before this was measured get it on the next {@code run} of their experiment
 * ({@link #addTo}): evaluation only, from the saved model; training is never repeated.
 */
public final class FlipAveragedVerification {

    /** The results.json block. */
    public static final String KEY = "flip_average";
    /** Per-pair cosine scores of the flip-averaged features, same columns as pair-scores.csv. */
    public static final String PAIR_SCORES = "pair-scores-flip.csv";

    private FlipAveragedVerification() {
    }

    /** The per-pair CSV lines (without header) of {@code pairs} under {@code features}; pairs with a skipped image are left out. */
    public static List<String> pairScoreLines(List<FacePair> pairs, FeatureSource features) {
        List<String> lines = new ArrayList<>();
        for (FacePair p : pairs) {
            Optional<float[]> a = features.features(p.a());
            Optional<float[]> b = features.features(p.b());
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            lines.add(String.format(Locale.ROOT, "%d,%s,%s,%d,%s,%d,%.6f", p.fold(), p.matched() ? 1 : 0,
                    p.a().person(), p.a().number(), p.b().person(), p.b().number(), Similarity.cosine(a.get(), b.get())));
        }
        return lines;
    }

    /** The results.json block of one split's flip-averaged verification. */
    static JsonObject summary(VerificationResult v) {
        JsonObject o = new JsonObject();
        o.addProperty("accuracy", v.accuracy());
        o.addProperty("accuracy_std", v.accuracyStd());
        o.addProperty("auc", v.auc());
        o.addProperty("tpr_at_fpr_10", v.tprAtFpr10());
        o.addProperty("tpr_at_fpr_1", v.tprAtFpr1());
        o.addProperty("pairs", v.pairs());
        o.addProperty("skipped_pairs", v.skippedPairs());
        return o;
    }

    /**
     * Measures and records it for {@code split}: writes the per-pair file, and returns the block
     * to put into results.json (the caller writes results.json last, so a run is complete only
     * with both).
     */
    public static JsonObject measure(RunFolder folder, BridgeSplit split, StudentFeatureExtractor student, ImageDecoder decoder,
                              FeatureTable.Progress progress) {
        StudentFeatureExtractor flip = student.flipAveraged();
        Set<FaceRecord> needed = new LinkedHashSet<>();
        for (FacePair p : split.targetPairs()) {
            needed.add(p.a());
            needed.add(p.b());
        }
        FeatureTable table = FeatureTable.extract(flip, new ArrayList<>(needed), decoder, BadImagePolicy.SKIP, progress);
        VerificationScores scores = VerificationScores.score("split " + split.id() + " (" + flip.name() + ")",
                split.targetPairs(), table);
        List<String> lines = pairScoreLines(split.targetPairs(), table);
        try {
            AtomicFiles.writeString(folder.file(PAIR_SCORES), ScoredPairs.HEADER + "\n" + String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.file(PAIR_SCORES), e);
        }
        return summary(Verification.evaluate(scores));
    }

    /** True when a finished student run has no flip-averaged verification yet (finished before it was measured). */
    public static boolean isMissing(RunFolder folder) {
        return folder.isComplete()
                && folder.readJson(RunFolder.RESULTS).map(r -> !r.has(KEY)).orElse(false)
                && java.nio.file.Files.isRegularFile(folder.file(RunFolder.MODEL));
    }

    /** Adds it to a finished run from its saved model: evaluation only. Rewrites results.json atomically. */
    public static void addTo(RunFolder folder, BridgeSplit split, ImageDecoder decoder, FeatureTable.Progress progress) {
        TrainedStudent trained = TrainedStudent.open(folder.dir());
        JsonObject block = measure(folder, split, trained.extractor(trained.resolution()), decoder, progress);
        JsonObject results = folder.readJson(RunFolder.RESULTS).orElseThrow();
        results.add(KEY, block);
        folder.writeJson(RunFolder.RESULTS, results);
    }
}
