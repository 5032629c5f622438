package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import org.bridge.config.AtomicFiles;
import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwFaceSet;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.eval.SplitEvaluation;
import org.bridge.eval.VerificationResult;
import org.bridge.experiment.StudentFeatureExtractor;
import org.bridge.experiment.TrainedStudent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "LFW verification with a trained student on the target half of its split (the people it "
                + "never saw): 10-fold protocol, thresholds chosen on the other folds; plus identification.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A trained student's run folder.")
    Path model;

    @Option(names = "--lfw", paramLabel = "DIR", description = "LFW folder (default: $BRIDGE_LFW or ../shared/data/lfw).")
    Path lfw;

    @Option(names = "--resolution", paramLabel = "P", description = "Input size (default: the student's own).")
    Integer resolution;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--flip-average", description = "Test-time flip averaging: each face's feature is the sum of the "
            + "unit features of its input and of the mirrored input (not the paper's protocol; two forward passes).")
    boolean flipAverage;

    @Override
    public Integer call() throws IOException {
        if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        TrainedStudent s = TrainedStudent.open(model);
        int p = resolution != null ? resolution : s.resolution();
        Path root = lfw != null ? lfw : BridgeLocations.fromSystem().lfwDir();
        if (!java.nio.file.Files.isRegularFile(root.resolve(LfwFaceSet.PAIRS))) {
            throw new UserFacingException("no LFW pairs.txt in " + root + " (give --lfw DIR or set BRIDGE_LFW)");
        }
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(LfwFaceSet.open(root));
        LfwBridgeProtocol.BridgeSplit split = protocol.split(LfwBridgeProtocol.Split.valueOf(s.split()));
        StudentFeatureExtractor extractor = flipAverage ? s.extractor(p).flipAveraged() : s.extractor(p);
        SplitEvaluation eval = SplitEvaluation.run(split, extractor, new ImageDecoder(), BadImagePolicy.SKIP,
                SoftmaxClassifier.Config.defaults(), (d, t) -> { });
        VerificationResult v = eval.verificationResult();
        System.out.printf(Locale.ROOT, "%s at %dx%d on the target folds %s of split %s (%d pairs):%n", extractor.name(), p, p,
                split.targetFolds(), s.split(), v.pairs());
        System.out.printf(Locale.ROOT, "  accuracy %.2f%% +- %.2f, AUC %.4f, TPR %.2f%% at FPR 10%%, %.2f%% at FPR 1%%%n",
                100 * v.accuracy(), 100 * v.accuracyStd(), v.auc(), 100 * v.tprAtFpr10(), 100 * v.tprAtFpr1());
        System.out.printf(Locale.ROOT, "  identification (%d subjects): top-1 %.2f%%, top-5 %.2f%%%n",
                eval.identification().softmax().classes(), 100 * eval.identification().softmax().top1(),
                100 * eval.identification().softmax().top5());
        if (json != null) {
            JsonObject o = v.toJson();
            o.addProperty("model", s.name());
            o.addProperty("flip_average", flipAverage);
            o.addProperty("split", s.split());
            o.addProperty("resolution", p);
            o.addProperty("top1", eval.identification().softmax().top1());
            o.addProperty("top5", eval.identification().softmax().top5());
            AtomicFiles.writeString(json, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
        }
        return 0;
    }
}
