package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.AtomicFiles;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.eval.FeatureTable;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;

/**
 * Robustness beside accuracy: a student's target pairs scored again after every test face went
 * through the paper's full D(I) (landmark jitter, illumination, Gaussian and motion blur, sensor
 * noise, JPEG; {@link DegradationParams#defaults()}), one fixed perturbation per face
 * ({@link StudentFeatureExtractor#degradedBy}, seed {@value #SEED}). A setting chosen for clean
 * test faces (the milder training D(I), for instance) shows here what it costs on degraded ones.
 *
 * <p>Recorded in the run folder as {@value #FILE} (the verification numbers, the degradation and
 * its seed) and {@value #PAIR_SCORES} (per pair, the columns of pair-scores.csv), both written
 * before results.json for a new run. A run finished before this existed gets it on the next
 * {@code run} of its experiment (evaluation only, from the saved model).
 */
public final class DegradedPairsVerification {

    /** Summary file in the run folder. */
    public static final String FILE = "degraded-pairs.json";
    /** Per-pair cosine scores on the degraded faces, same columns as pair-scores.csv. */
    public static final String PAIR_SCORES = "pair-scores-degraded.csv";
    /** Seed of the test faces' perturbations: fixed, so every student is scored on the same faces. */
    public static final long SEED = 20200817L;

    private DegradedPairsVerification() {
    }

    /** The test-time degradation: the paper's full D(I). */
    public static DegradationParams params() {
        return DegradationParams.defaults();
    }

    /** Scores the split's target pairs on degraded faces and writes {@value #FILE} and {@value #PAIR_SCORES}. */
    public static VerificationResult measure(RunFolder folder, BridgeSplit split, StudentFeatureExtractor student,
                                             ImageDecoder decoder, FeatureTable.Progress progress) {
        StudentFeatureExtractor degraded = student.degradedBy(new Degradation(params()), SEED);
        Set<FaceRecord> needed = new LinkedHashSet<>();
        for (FacePair p : split.targetPairs()) {
            needed.add(p.a());
            needed.add(p.b());
        }
        FeatureTable table = FeatureTable.extract(degraded, new ArrayList<>(needed), decoder, BadImagePolicy.SKIP, progress);
        VerificationScores scores = VerificationScores.score("split " + split.id() + " (" + degraded.name() + ")",
                split.targetPairs(), table);
        VerificationResult v = Verification.evaluate(scores);
        List<String> lines = FlipAveragedVerification.pairScoreLines(split.targetPairs(), table);
        try {
            AtomicFiles.writeString(folder.file(PAIR_SCORES), ScoredPairs.HEADER + "\n" + String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.file(PAIR_SCORES), e);
        }
        folder.writeJson(FILE, summary(v));
        return v;
    }

    static JsonObject summary(VerificationResult v) {
        JsonObject o = FlipAveragedVerification.summary(v);
        o.addProperty("seed", SEED);
        o.add("degradation", JsonParser.parseString(params().toJson()));
        return o;
    }

    /** True when a finished student run with a saved model has no degraded-pairs verification yet. */
    public static boolean isMissing(RunFolder folder) {
        return folder.isComplete() && !java.nio.file.Files.isRegularFile(folder.file(FILE))
                && java.nio.file.Files.isRegularFile(folder.file(RunFolder.MODEL));
    }

    /** Adds it to a finished run from its saved model: evaluation only; results.json is not touched. */
    public static VerificationResult addTo(RunFolder folder, BridgeSplit split, ImageDecoder decoder,
                                    FeatureTable.Progress progress) {
        TrainedStudent trained = TrainedStudent.open(folder.dir());
        return measure(folder, split, trained.extractor(trained.resolution()), decoder, progress);
    }
}
