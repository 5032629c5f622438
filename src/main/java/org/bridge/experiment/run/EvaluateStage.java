package org.bridge.experiment.run;

import com.google.gson.JsonObject;

import org.bridge.data.BadImagePolicy;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.eval.SplitEvaluation;
import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.FlipAveragedVerification;
import org.bridge.experiment.StudentFeatureExtractor;
import org.bridge.experiment.ValidationFold;

/**
 * Stage 5, evaluation of the trained student: the validation fold when one was held out, then
 * verification and identification on the split's target half, the flip-averaged
 * verification, and the verification on degraded target pairs (written to its own files before
 * results.json). A cancel reaches it through its progress callbacks; the model and the complete
 * checkpoint stay, so the next run only evaluates.
 */
final class EvaluateStage {

    /** What evaluation measured; {@code validation} is null without a validation fold. */
    record Evaluated(JsonObject validation, SplitEvaluation target, JsonObject flipAverage) {
    }

    private static final String TARGET_PAIRS = "evaluating on the target pairs";
    private static final String FLIP = "flip-averaged verification";
    private static final String DEGRADED = "verification on degraded pairs";

    private EvaluateStage() {
    }

    static Evaluated evaluate(CellContext c, BridgeSplit split, StudentFeatureExtractor extractor,
                              ValidationFold validation) {
        c.control().throwIfCancelled();
        JsonObject validationResult = null;
        if (validation != null) {
            String stage = "validation fold " + validation.fold();
            c.status(stage, 0);
            validationResult = validation.evaluate(extractor, c.progress(stage)::update);
        }
        c.status(TARGET_PAIRS, 0);
        SplitEvaluation eval = SplitEvaluation.run(split, extractor, new ImageDecoder(), BadImagePolicy.SKIP,
                SoftmaxClassifier.Config.defaults(), c.progress(TARGET_PAIRS)::update);
        c.control().throwIfCancelled();
        c.status(FLIP, 0);
        JsonObject flip = FlipAveragedVerification.measure(c.folder(), split, extractor, new ImageDecoder(),
                c.progress(FLIP)::update);
        c.control().throwIfCancelled();
        c.status(DEGRADED, 0);
        DegradedPairsVerification.measure(c.folder(), split, extractor, new ImageDecoder(), c.progress(DEGRADED)::update);
        return new Evaluated(validationResult, eval, flip);
    }
}
