package org.bridge.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.distill.Student;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.TrainingResult;
import org.bridge.eval.IdentificationResult;
import org.bridge.eval.Roc;
import org.bridge.eval.SplitEvaluation;
import org.bridge.eval.VerificationResult;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.FlipAveragedVerification;
import org.bridge.experiment.RunFolder;

/**
 * Stage 6, the record: per-pair scores, ROC and CMC curves, and results.json last, so a run folder
 * is complete only with all of them.
 */
final class RecordStage {

    static final String EPOCHS_HEADER =
            "phase,epoch,epochs,seconds,samples_per_second,mean_total,mean_classification,mean_regression";

    /** How long the cell took: in this process, per phase, and how many epochs it trained. */
    record Timing(double trainSeconds, JsonObject phaseSeconds, TrainingResult training) {
    }

    private RecordStage() {
    }

    static void record(CellContext c, BridgeSplit split, EvaluateStage.Evaluated e, Student student, Timing timing) {
        SplitEvaluation eval = e.target();
        writeCurves(c.folder(), split, eval);
        VerificationResult v = eval.verificationResult();
        IdentificationResult id = eval.identification().softmax();
        JsonObject r = identity(c.cell());
        r.addProperty("accuracy", v.accuracy());
        r.addProperty("accuracy_std", v.accuracyStd());
        r.addProperty("auc", v.auc());
        r.addProperty("tpr_at_fpr_10", v.tprAtFpr10());
        r.addProperty("tpr_at_fpr_1", v.tprAtFpr1());
        r.addProperty("pairs", v.pairs());
        r.addProperty("skipped_pairs", v.skippedPairs());
        r.add("folds", folds(v));
        r.addProperty("top1", id.top1());
        r.addProperty("top5", id.top5());
        r.add("identification", eval.identification().toJson());
        StudentNetwork.ParameterCount params = StudentNetwork.countParameters(student.graph());
        r.addProperty("params", params.trainableToMimic());
        r.addProperty("params_classifier", params.classifier());
        r.addProperty("params_projection", params.projection());
        r.addProperty("train_seconds", timing.trainSeconds());
        r.add("train_phase_seconds", timing.phaseSeconds());
        r.add("epoch_seconds", epochSeconds(c.folder()));
        r.addProperty("epochs", timing.training().epochsCompleted());
        r.addProperty("skipped_images", eval.skipped().count());
        if (e.validation() != null) {
            r.add("validation", e.validation());
        }
        r.add(FlipAveragedVerification.KEY, e.flipAverage());
        c.folder().writeJson(RunFolder.RESULTS, r);
    }

    /** Per-pair scores (for the Pairs view and for combining splits into full LFW), ROC and CMC. */
    private static void writeCurves(RunFolder folder, BridgeSplit split, SplitEvaluation eval) {
        List<String> lines = FlipAveragedVerification.pairScoreLines(split.targetPairs(), eval.features());
        folder.writeCsv(RunFolder.PAIR_SCORES, "fold,matched,person_a,image_a,person_b,image_b,score", lines);
        List<String> roc = new ArrayList<>();
        for (Roc.Point pt : eval.verificationResult().roc().points()) {
            roc.add(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", pt.fpr(), pt.tpr(), pt.threshold()));
        }
        folder.writeCsv(RunFolder.ROC, "fpr,tpr,threshold", roc);
        double[] curve = eval.identification().softmax().cmc();
        double[] ncm = eval.identification().nearestClassMean().cmc();
        List<String> cmc = new ArrayList<>();
        for (int k = 0; k < curve.length; k++) {
            cmc.add(String.format(Locale.ROOT, "%d,%.6f,%.6f", k + 1, curve[k], ncm[k]));
        }
        folder.writeCsv(RunFolder.CMC, "rank,softmax,nearest_class_mean", cmc);
    }

    private static JsonObject identity(ExperimentCell cell) {
        JsonObject r = new JsonObject();
        r.addProperty("student", cell.student().name());
        r.addProperty("teacher", cell.student().teacher().name());
        r.addProperty("resolution", cell.student().resolution());
        r.addProperty("supervision", cell.student().supervision().name());
        r.addProperty("loss", cell.loss());
        r.addProperty("split", cell.split());
        r.addProperty("seed", cell.seed());
        return r;
    }

    private static JsonArray folds(VerificationResult v) {
        JsonArray folds = new JsonArray();
        for (VerificationResult.FoldResult f : v.folds()) {
            JsonObject o = new JsonObject();
            o.addProperty("fold", f.fold());
            o.addProperty("threshold", f.threshold());
            o.addProperty("accuracy", f.accuracy());
            folds.add(o);
        }
        return folds;
    }

    /**
     * The wall time of every epoch, from epochs.csv: unlike train_seconds (this process only) it
     * covers the epochs of earlier, interrupted processes of a resumed run. Only epochs trained
     * since epochs.csv existed are counted, which {@code timed_epochs} says.
     */
    static JsonObject epochSeconds(RunFolder folder) {
        JsonObject o = new JsonObject();
        int n = 0;
        double sum = 0;
        try {
            if (Files.isRegularFile(folder.file(RunFolder.EPOCHS))) {
                for (String line : Files.readAllLines(folder.file(RunFolder.EPOCHS))) {
                    String[] c = line.split(",");
                    if (c.length > 3 && !line.startsWith("phase,")) {
                        try {
                            sum += Double.parseDouble(c[3]);
                            n++;
                        } catch (NumberFormatException malformed) {
                            // not counted
                        }
                    }
                }
            }
        } catch (IOException e) {
            // reported as no timed epochs
        }
        o.addProperty("timed_epochs", n);
        o.addProperty("seconds", sum);
        return o;
    }
}
