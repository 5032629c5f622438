package org.bridge.eval;

import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Verification numbers of one model (or of two halves combined). Fractions, not percent.
 *
 * @param accuracy     mean of the fold accuracies
 * @param accuracyStd  sample standard deviation (n - 1) of the fold accuracies
 * @param auc          area under the ROC of all scores pooled
 * @param tprAtFpr10   TPR at FPR <= 10% (see {@link Roc#tprAtFpr})
 * @param tprAtFpr1    TPR at FPR <= 1%
 * @param pairs        scored pairs
 * @param skippedPairs pairs left out because an image was skipped
 */
public record VerificationResult(double accuracy, double accuracyStd, double auc, double tprAtFpr10,
                                 double tprAtFpr1, int pairs, int skippedPairs, List<FoldResult> folds, Roc roc) {

    /**
     * One fold: the threshold chosen on the other folds, the accuracy it gives here, and the
     * fold's own AUC (threshold-free; NaN when the fold lacks matched or mismatched pairs).
     */
    public record FoldResult(int fold, double threshold, double accuracy, int pairs, double auc) {
    }

    public VerificationResult {
        folds = List.copyOf(folds);
    }

    /**
     * The JSON the CLI writes: {@code accuracy}, {@code accuracy_std}, {@code auc},
     * {@code tpr_at_fpr_10}, {@code tpr_at_fpr_1}, {@code pairs}, {@code skipped_pairs}, per fold
     * {@code folds[{fold, threshold, accuracy, pairs, auc}]} and the curve {@code roc{fpr[], tpr[]}}.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("accuracy", accuracy);
        o.addProperty("accuracy_std", accuracyStd);
        o.addProperty("auc", auc);
        o.addProperty("tpr_at_fpr_10", tprAtFpr10);
        o.addProperty("tpr_at_fpr_1", tprAtFpr1);
        o.addProperty("pairs", pairs);
        o.addProperty("skipped_pairs", skippedPairs);
        JsonArray fs = new JsonArray();
        for (FoldResult f : folds) {
            JsonObject j = new JsonObject();
            j.addProperty("fold", f.fold());
            j.addProperty("threshold", f.threshold());
            j.addProperty("accuracy", f.accuracy());
            j.addProperty("pairs", f.pairs());
            if (!Double.isNaN(f.auc())) {
                j.addProperty("auc", f.auc());
            }
            fs.add(j);
        }
        o.add("folds", fs);
        JsonArray fpr = new JsonArray();
        JsonArray tpr = new JsonArray();
        for (Roc.Point p : roc.points()) {
            fpr.add(p.fpr());
            tpr.add(p.tpr());
        }
        JsonObject r = new JsonObject();
        r.add("fpr", fpr);
        r.add("tpr", tpr);
        o.add("roc", r);
        return o;
    }

    public String toJsonString() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
    }
}
