package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.bridge.distill.AdaptationHoldout;
import org.bridge.distill.AdaptationParams;
import org.bridge.distill.AdaptationTrainer;
import org.bridge.distill.AdaptationTraining;
import org.bridge.distill.TeacherSoftmax;
import org.bridge.teacher.TeacherId;

/**
 * Step 1 for the runner: re-trains the teacher's softmax S^_t on the public identities, trains
 * the adaptation module with C + lambda D, keeps both in the run folder
 * ({@code adaptation.bin}, {@code adaptation.json}) and returns f_a of every public image.
 */
public final class AdaptedRegressionTargets implements RegressionTargets {

    static final String MODULE_FILE = "adaptation.bin";
    public static final String REPORT_FILE = "adaptation.json";

    @Override
    public float[][] adapted(TeacherId teacher, float[][] teacherFeatures, int[] labels, int classes, long seed,
                             AdaptationParams params, RunFolder run) {
        return adapted(teacher, teacherFeatures, labels, classes, seed, params, run, () -> { });
    }

    @Override
    public float[][] adapted(TeacherId teacher, float[][] teacherFeatures, int[] labels, int classes, long seed,
                             AdaptationParams params, RunFolder run, Runnable betweenEpochs) {
        // Step 1 learns from the identity classes only; regression-only images (label < 0) are
        // then adapted by the trained module like every other image.
        int[] allLabels = labels;
        int[] keep = java.util.stream.IntStream.range(0, labels.length).filter(i -> allLabels[i] >= 0).toArray();
        float[][] allFeatures = teacherFeatures;
        int regressionOnly = labels.length - keep.length;
        if (regressionOnly > 0) {
            teacherFeatures = AdaptationHoldout.select(teacherFeatures, keep);
            labels = AdaptationHoldout.select(labels, keep);
        }
        TeacherSoftmax softmax = TeacherSoftmax.train(teacherFeatures, labels, classes,
                TeacherSoftmax.Params.defaults().withSeed(seed), betweenEpochs);
        AdaptationTraining trained = AdaptationTrainer.train(teacherFeatures, labels, classes, softmax, params,
                epoch -> betweenEpochs.run());
        try {
            trained.module().save(run.file(MODULE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the adaptation module in " + run.dir(), e);
        }
        JsonObject report = new JsonObject();
        report.addProperty("teacher", teacher.name());
        report.add("params", ExperimentSpec.GSON.toJsonTree(params));
        report.addProperty("classes", classes);
        report.addProperty("images", teacherFeatures.length);
        report.addProperty("train_seconds", trained.trainSeconds());
        report.addProperty("public_train_accuracy_adapted", trained.accuracy(teacherFeatures, labels));
        JsonArray history = new JsonArray();
        for (AdaptationTrainer.EpochLoss e : trained.history()) {
            history.add(ExperimentSpec.GSON.toJsonTree(e));
        }
        report.add("history", history);
        float[][] adapted = trained.module().adapt(teacherFeatures);
        // How identity-structured the targets are: mean cosine of same- vs different-identity
        // pairs, for f_t and f_a. If the two were equal the student would have nothing to learn.
        report.add("teacher_feature_cosines", identityCosines(teacherFeatures, labels, seed));
        report.add("adapted_feature_cosines", identityCosines(adapted, labels, seed));
        report.addProperty("regression_only_images", regressionOnly);
        run.writeJson(REPORT_FILE, report);
        return regressionOnly > 0 ? trained.module().adapt(allFeatures) : adapted;
    }

    /** Mean cosine over up to 20,000 random same-identity and as many different-identity pairs. */
    public static JsonObject identityCosines(float[][] features, int[] labels, long seed) {
        // Regression-only images have no identity: they are neither "same" nor knowably "different".
        if (java.util.Arrays.stream(labels).anyMatch(l -> l < 0)) {
            int[] keep = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
            return identityCosines(AdaptationHoldout.select(features, keep), AdaptationHoldout.select(labels, keep), seed);
        }
        java.util.Random rnd = new java.util.Random(seed);
        java.util.Map<Integer, java.util.List<Integer>> byLabel = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new java.util.ArrayList<>()).add(i);
        }
        java.util.List<java.util.List<Integer>> groups = byLabel.values().stream().filter(g -> g.size() >= 2).toList();
        double same = 0;
        double different = 0;
        int n = groups.isEmpty() ? 0 : 20_000;
        for (int k = 0; k < n; k++) {
            java.util.List<Integer> g = groups.get(rnd.nextInt(groups.size()));
            int a = g.get(rnd.nextInt(g.size()));
            int b = g.get(rnd.nextInt(g.size()));
            while (b == a) {
                b = g.get(rnd.nextInt(g.size()));
            }
            same += org.bridge.eval.Similarity.cosine(features[a], features[b]);
            int c = rnd.nextInt(labels.length);
            int d = rnd.nextInt(labels.length);
            while (labels[c] == labels[d]) {
                d = rnd.nextInt(labels.length);
            }
            different += org.bridge.eval.Similarity.cosine(features[c], features[d]);
        }
        JsonObject o = new JsonObject();
        o.addProperty("pairs", n);
        o.addProperty("same_identity", n == 0 ? Double.NaN : same / n);
        o.addProperty("different_identity", n == 0 ? Double.NaN : different / n);
        return o;
    }
}
