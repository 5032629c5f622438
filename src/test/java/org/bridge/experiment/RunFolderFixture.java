package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.degrade.DegradationParams;
import org.bridge.eval.PairScore;
import org.bridge.eval.Roc;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;

/**
 * Writes small but complete run folders, in the format {@link ExperimentRunner} writes, for
 * tests that need many runs fast. The metrics in results.json are computed from the written
 * pair scores with {@link Verification}, so they agree with the files the way a real run's do.
 * The faces named are real images of the bundled sample set (40 people x 12 images).
 */
public final class RunFolderFixture {

    private final RunStore store;
    private String experiment = "fixture";
    private String student = "S-16-c-O";
    private String teacher = "O";
    private long seed = 1;
    private String loss = "softmax";
    private int cmcRanks = 20;
    private boolean complete = true;
    private double separation = 0.2;
    private double degradedSeparation = Double.NaN;
    private final JsonObject extraConfig = new JsonObject();

    public RunFolderFixture(RunStore store) {
        this.store = store;
    }

    public RunFolderFixture experiment(String e) {
        this.experiment = e;
        return this;
    }

    public RunFolderFixture student(String s, String t) {
        this.student = s;
        this.teacher = t;
        return this;
    }

    public RunFolderFixture loss(String l) {
        this.loss = l;
        return this;
    }

    public RunFolderFixture seed(long s) {
        this.seed = s;
        return this;
    }

    public RunFolderFixture cmcRanks(int k) {
        this.cmcRanks = k;
        return this;
    }

    /**
     * How far apart matched and mismatched pairs score (default 0.2, so every fold has some
     * errors): 0 is chance, 0.6 separates them completely.
     */
    /** Also writes pair-scores-degraded.csv: the same pairs, matched and mismatched scores {@code s} apart. */
    public RunFolderFixture degradedSeparation(double s) {
        degradedSeparation = s;
        return this;
    }

    public RunFolderFixture separation(double s) {
        this.separation = s;
        return this;
    }

    /** A further top-level config.json key of the runs written from now on (e.g. settingsChosenOn). */
    public RunFolderFixture config(String key, com.google.gson.JsonElement value) {
        extraConfig.add(key, value);
        return this;
    }

    /** The next run stops before results.json, like a run still training. */
    public RunFolderFixture incomplete() {
        this.complete = false;
        return this;
    }

    /** Split A's target pairs are folds 6-10 and split B's folds 1-5, as in the bridge protocol. */
    public RunFolder write(String split) {
        List<Integer> folds = "A".equals(split) ? List.of(6, 7, 8, 9, 10) : List.of(1, 2, 3, 4, 5);
        RunFolder f = store.folder(experiment, student + "_" + loss + "_split" + split + "_seed" + seed);
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", experiment);
        cfg.addProperty("cell", f.id());
        cfg.addProperty("student", student);
        cfg.addProperty("resolution", Integer.parseInt(student.split("-")[1]));
        cfg.addProperty("supervision", student.split("-")[2]);
        cfg.addProperty("teacher", teacher);
        cfg.addProperty("loss", loss);
        cfg.addProperty("split", split);
        cfg.addProperty("seed", seed);
        JsonObject dataset = new JsonObject();
        dataset.addProperty("kind", "sample");
        cfg.add("dataset", dataset);
        cfg.add("degradation", JsonParser.parseString(DegradationParams.defaults().withCount(4).toJson()));
        extraConfig.entrySet().forEach(e -> cfg.add(e.getKey(), e.getValue().deepCopy()));
        f.writeJson(RunFolder.CONFIG, cfg);
        if (!complete) {
            f.setState(RunState.RUNNING, "training");
            complete = true;
            return f;
        }

        Random rnd = new Random(seed * 31 + split.hashCode());
        Random degradedRnd = new Random(seed * 37 + split.hashCode()); // its own: the clean scores stay as they were
        List<String> lines = new ArrayList<>();
        List<String> degradedLines = new ArrayList<>();
        List<PairScore> scores = new ArrayList<>();
        for (int fold : folds) {
            for (int i = 0; i < 12; i++) {
                boolean matched = i % 2 == 0;
                int personA = 1 + (fold * 3 + i) % 40;
                int personB = matched ? personA : 1 + (personA + 7) % 40;
                int imageA = 1 + i % 12;
                int imageB = 1 + (i + 5) % 12;
                // Overlapping score ranges, so every fold has some errors.
                double score = 0.45 + (matched ? 1 : -1) * separation / 2 + 0.3 * rnd.nextDouble();
                score = Math.round(score * 1e6) / 1e6;
                lines.add(String.format(Locale.ROOT, "%d,%d,Synthetic_%02d,%d,Synthetic_%02d,%d,%.6f", fold,
                        matched ? 1 : 0, personA, imageA, personB, imageB, score));
                scores.add(new PairScore(fold, matched, score));
                double degraded = 0.45 + (matched ? 1 : -1) * degradedSeparation / 2 + 0.3 * degradedRnd.nextDouble();
                degradedLines.add(String.format(Locale.ROOT, "%d,%d,Synthetic_%02d,%d,Synthetic_%02d,%d,%.6f", fold,
                        matched ? 1 : 0, personA, imageA, personB, imageB, degraded));
            }
        }
        f.appendCsv(RunFolder.PAIR_SCORES, ScoredPairs.HEADER, lines);
        if (!Double.isNaN(degradedSeparation)) {
            f.appendCsv(DegradedPairsVerification.PAIR_SCORES, ScoredPairs.HEADER, degradedLines);
        }
        VerificationResult v = Verification.evaluate(new VerificationScores(split, scores, 0));
        List<String> roc = new ArrayList<>();
        for (Roc.Point p : v.roc().points()) {
            roc.add(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", p.fpr(), p.tpr(), p.threshold()));
        }
        f.appendCsv(RunFolder.ROC, "fpr,tpr,threshold", roc);
        List<String> cmc = new ArrayList<>();
        double top1 = "A".equals(split) ? 0.5 : 0.7;
        for (int k = 1; k <= cmcRanks; k++) {
            double softmax = Math.min(1, top1 + (1 - top1) * (k - 1) / 5.0);
            double ncm = Math.min(1, top1 - 0.1 + (1.1 - top1) * (k - 1) / 8.0);
            cmc.add(String.format(Locale.ROOT, "%d,%.6f,%.6f", k, softmax, ncm));
        }
        f.appendCsv(RunFolder.CMC, "rank,softmax,nearest_class_mean", cmc);

        JsonObject r = new JsonObject();
        r.addProperty("student", student);
        r.addProperty("split", split);
        r.addProperty("accuracy", v.accuracy());
        r.addProperty("accuracy_std", v.accuracyStd());
        r.addProperty("auc", v.auc());
        r.addProperty("tpr_at_fpr_10", v.tprAtFpr10());
        r.addProperty("tpr_at_fpr_1", v.tprAtFpr1());
        r.addProperty("pairs", v.pairs());
        r.addProperty("skipped_pairs", 0);
        JsonArray fs = new JsonArray();
        for (VerificationResult.FoldResult fr : v.folds()) {
            JsonObject o = new JsonObject();
            o.addProperty("fold", fr.fold());
            o.addProperty("threshold", fr.threshold());
            o.addProperty("accuracy", fr.accuracy());
            fs.add(o);
        }
        r.add("folds", fs);
        r.addProperty("top1", top1);
        r.addProperty("top5", Math.min(1, top1 + (1 - top1) * 4 / 5.0));
        r.addProperty("params", 208432);
        r.addProperty("train_seconds", 90);
        f.writeJson(RunFolder.RESULTS, r);
        f.setState(RunState.DONE, "done: 2 epochs");
        return f;
    }
}
