package org.bridge.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bridge.eval.VerificationResult;
import org.bridge.teacher.TeacherId;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * One teacher on LFW verification ({@link TeacherEvaluation}): the setting, the verification
 * numbers, speed and what alignment could not do.
 *
 * @param teacher            V, C or E
 * @param alignment          "fixed" or "detector"
 * @param resolution         p of the p-BI hallucination, null at full resolution
 * @param hallucination      "bilinear", or null at full resolution
 * @param verification       10-fold accuracy, AUC, TPR at FPR 10% and 1%
 * @param images             distinct images in the pairs
 * @param noFace             images where the detector found no face (fixed crop used instead)
 * @param facesPerSecond     network-only throughput at batch 32 from a timed pass (for E: 1 / (V + C time per face))
 * @param msPerFace          its inverse in milliseconds
 * @param timedFaces         faces in the timed pass (per network)
 * @param loadAverage        1/5/15-minute load average when the timed pass ran
 * @param extractions        per extraction pass (E: V, C and the detections in one pass): images computed
 *                           in this call (not cached) and the seconds it took
 * @param fingerprint        feature cache key(s): teacher, model hash, alignment, hallucination
 * @param pairsFile          the pairs file used
 * @param seconds            wall time of the whole evaluation
 */
public record TeacherEvaluationResult(TeacherId teacher, String alignment, Integer resolution, String hallucination,
                                      VerificationResult verification, int images, List<Path> noFace,
                                      double facesPerSecond, double msPerFace, int timedFaces, String loadAverage,
                                      Map<TeacherId, Extraction> extractions, String fingerprint, String pairsFile,
                                      double seconds) {

    /** One network's feature extraction in this call. */
    public record Extraction(int computed, double seconds) {

        /** Images per second through decode, crop and network; NaN when nothing was computed. */
        public double facesPerSecond() {
            return computed > 0 && seconds > 0 ? computed / seconds : Double.NaN;
        }
    }

    public TeacherEvaluationResult {
        noFace = List.copyOf(noFace);
        extractions = Map.copyOf(extractions);
    }

    /** "E, detector, 16-BI" style label. */
    public String setting() {
        return teacher + ", " + alignment + ", " + (resolution == null ? "HR" : resolution + "-BI");
    }

    /**
     * The JSON of {@code teacher-eval --json}: {@code teacher}, {@code resolution} (null or p),
     * {@code alignment}, {@code accuracy} and {@code accuracy_std} (fractions), {@code auc},
     * {@code tpr_at_fpr_10}, {@code tpr_at_fpr_1}, {@code faces_per_second}, {@code pairs}; and
     * for provenance the hallucination, speed details, no-face images, per-fold results.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        VerificationResult v = verification;
        o.addProperty("teacher", teacher.name());
        if (resolution == null) {
            o.add("resolution", JsonNull.INSTANCE);
            o.add("hallucination", JsonNull.INSTANCE);
        } else {
            o.addProperty("resolution", resolution);
            o.addProperty("hallucination", hallucination);
        }
        o.addProperty("alignment", alignment);
        o.addProperty("accuracy", v.accuracy());
        o.addProperty("accuracy_std", v.accuracyStd());
        o.addProperty("auc", v.auc());
        o.addProperty("tpr_at_fpr_10", v.tprAtFpr10());
        o.addProperty("tpr_at_fpr_1", v.tprAtFpr1());
        o.addProperty("faces_per_second", facesPerSecond);
        o.addProperty("faces_per_second_source", "timed network pass at batch " + TeacherEvaluation.BATCH + " over "
                + timedFaces + " prepared crops after one warm-up batch" + (teacher == TeacherId.E
                ? " (V and C time per face added)" : ""));
        o.addProperty("ms_per_face", msPerFace);
        o.addProperty("load_average", loadAverage);
        o.addProperty("pairs", v.pairs());
        o.addProperty("skipped_pairs", v.skippedPairs());
        o.addProperty("images", images);
        JsonObject ex = new JsonObject();
        for (Map.Entry<TeacherId, Extraction> e : new java.util.TreeMap<>(extractions).entrySet()) {
            JsonObject x = new JsonObject();
            x.addProperty("computed_images", e.getValue().computed());
            x.addProperty("seconds", e.getValue().seconds());
            double rate = e.getValue().facesPerSecond();
            if (Double.isNaN(rate)) {
                x.add("faces_per_second", JsonNull.INSTANCE);
            } else {
                x.addProperty("faces_per_second", rate);
            }
            ex.add(e.getKey().name(), x);
        }
        o.add("extraction", ex);
        o.addProperty("no_face_images", noFace.size());
        JsonArray nf = new JsonArray();
        noFace.forEach(p -> nf.add(p.toString()));
        o.add("no_face", nf);
        o.addProperty("feature_cache", fingerprint);
        o.addProperty("pairs_file", pairsFile);
        o.addProperty("seconds", seconds);
        o.add("folds", v.toJson().get("folds"));
        return o;
    }

    public String toJsonString() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson()) + "\n";
    }

    /** The lines the CLI prints. */
    public List<String> summary() {
        VerificationResult v = verification;
        String ex = extractions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().computed() == 0 ? e.getKey() + " all cached"
                        : String.format(Locale.ROOT, "%s %d images in %.1f s (%.1f images/s)", e.getKey(),
                        e.getValue().computed(), e.getValue().seconds(), e.getValue().facesPerSecond()))
                .reduce((a, b) -> a + "; " + b).orElse("");
        return List.of(
                String.format(Locale.ROOT, "teacher %s (%s) on %d pairs, 10-fold (threshold from the other 9 folds):",
                        teacher, setting(), v.pairs()),
                String.format(Locale.ROOT, "  accuracy %.2f%% +- %.2f, AUC %.4f, TPR %.2f%% at FPR 10%%, %.2f%% at FPR 1%%",
                        100 * v.accuracy(), 100 * v.accuracyStd(), v.auc(), 100 * v.tprAtFpr10(), 100 * v.tprAtFpr1()),
                String.format(Locale.ROOT, "  speed: %.1f faces/s (%.1f ms/face, network only, batch %d, %d faces timed; load %s)",
                        facesPerSecond, msPerFace, TeacherEvaluation.BATCH, timedFaces, loadAverage),
                "  extraction: " + ex,
                String.format(Locale.ROOT, "  %d images, %d without a detected face%s", images, noFace.size(),
                        noFace.isEmpty() ? "" : " (fixed crop used; listed in the JSON)"));
    }
}
