package org.bridge.distill;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison of Fig. 3 ("performance of the adapted models with and without cross-dataset
 * distillation"): hold out {@value AdaptationHoldout#PAPER_FRACTION} of the public images of each
 * person with two or more images ({@link AdaptationHoldout}), train on the rest and report the
 * classification accuracy on the held-out images of
 *
 * <ol>
 *   <li>{@link Method#RAW_TEACHER}: the raw teacher features f_t with the re-trained teacher
 *       softmax S^_t on top (no adaptation, the full teacher dimension);</li>
 *   <li>{@link Method#DIRECT_COMPRESSION}: the adaptation module M_a trained with C only
 *       (lambda = 0), 128-D;</li>
 *   <li>{@link Method#CROSS_DATASET_DISTILLATION}: M_a trained with C + lambda D, 128-D.</li>
 * </ol>
 *
 * <p>Case (4) of the paper, mixed-dataset distillation (1,000 identities of the teacher's private
 * training set added to the public set, a 9,419-way classifier), is not reproducible here: the
 * teachers' private training data is not available. It is therefore not offered.
 *
 * <p>Training times: case 1 is the time to fit S^_t; cases 2 and 3 the time to fit M_a only (case
 * 3 reuses case 1's S^_t for its soft targets, so its full cost is the sum of both). With a
 * tuning grid, lambda and T of case 3 are chosen by {@link AdaptationTuning} on a validation part
 * of the training images, never on the held-out test images.
 */
public final class AdaptationComparison {

    /** The three reproducible cases of Fig. 3. */
    public enum Method {
        RAW_TEACHER("no cross-dataset distillation (raw teacher features + softmax)"),
        DIRECT_COMPRESSION("direct compression (C only)"),
        CROSS_DATASET_DISTILLATION("cross-dataset distillation (C + lambda D)");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One bar of Fig. 3.
     *
     * @param method           which case
     * @param accuracy         fraction of held-out images classified correctly
     * @param correct          how many
     * @param tested           held-out images
     * @param featureDimension dimension of the feature the classifier sits on (f_t or f_a)
     * @param trainSeconds     see the class comment
     */
    public record Result(Method method, double accuracy, int correct, int tested, int featureDimension,
                         double trainSeconds) {
    }

    /**
     * The whole comparison.
     *
     * @param results      in {@link Method} order
     * @param holdout      the split used
     * @param distillation settings of case 3 (lambda and T after tuning, if tuned)
     * @param tuning       the lambda/T selection, or null when the given lambda and T were used
     * @param classes      number of public identities
     */
    public record Report(List<Result> results, AdaptationHoldout holdout, AdaptationParams distillation,
                         AdaptationTuning.Selection tuning, int classes) {

        public Report {
            results = List.copyOf(results);
        }

        public Result result(Method method) {
            return results.stream().filter(r -> r.method() == method).findFirst().orElseThrow();
        }
    }

    private AdaptationComparison() {
    }

    /**
     * Runs cases 1-3 with the lambda and T in {@code params} (its lambda must be positive).
     *
     * @param teacherFeatures raw f_t of every public image (N x D)
     * @param labels          identity 0..K-1 of every image
     * @param holdoutSeed     which images are held out
     */
    public static Report run(float[][] teacherFeatures, int[] labels, AdaptationParams params,
                             TeacherSoftmax.Params teacherParams, long holdoutSeed) {
        return run(teacherFeatures, labels, params, teacherParams, null, holdoutSeed);
    }

    /**
     * Runs cases 1-3; with a non-null {@code grid}, lambda and T of case 3 are first chosen on a
     * validation part of the training images.
     */
    public static Report run(float[][] teacherFeatures, int[] labels, AdaptationParams params,
                             TeacherSoftmax.Params teacherParams, AdaptationTuning.Grid grid, long holdoutSeed) {
        if (grid == null && !params.usesDistillation()) {
            throw new IllegalArgumentException("case 3 needs lambda > 0 (lambda = 0 is case 2)");
        }
        int classes = AdaptationNd.checkLabels(labels, teacherFeatures.length);
        AdaptationHoldout holdout = AdaptationHoldout.split(labels, AdaptationHoldout.PAPER_FRACTION, holdoutSeed);
        if (holdout.test().length == 0) {
            throw new IllegalArgumentException("no person has two or more images: nothing can be held out");
        }
        float[][] trainX = AdaptationHoldout.select(teacherFeatures, holdout.train());
        int[] trainY = AdaptationHoldout.select(labels, holdout.train());
        float[][] testX = AdaptationHoldout.select(teacherFeatures, holdout.test());
        int[] testY = AdaptationHoldout.select(labels, holdout.test());

        AdaptationTuning.Selection tuning = null;
        AdaptationParams distill = params;
        if (grid != null) {
            tuning = AdaptationTuning.select(trainX, trainY, classes, params, teacherParams, grid, holdoutSeed + 1);
            distill = tuning.apply(params);
        }

        List<Result> results = new ArrayList<>();
        long t0 = System.nanoTime();
        TeacherSoftmax teacher = TeacherSoftmax.train(trainX, trainY, classes, teacherParams);
        double teacherSeconds = (System.nanoTime() - t0) / 1e9;
        results.add(result(Method.RAW_TEACHER, teacher.predict(testX), testY, teacher.featureDimension(), teacherSeconds));

        AdaptationTraining direct = AdaptationTrainer.train(trainX, trainY, classes, null, params.classificationOnly());
        results.add(result(Method.DIRECT_COMPRESSION, direct.predict(testX), testY, direct.module().dimension(),
                direct.trainSeconds()));

        // The tuning may pick lambda = 0 if the grid allows it; case 3 then equals case 2 and says so.
        AdaptationTraining distilled = AdaptationTrainer.train(trainX, trainY, classes, teacher, distill);
        results.add(result(Method.CROSS_DATASET_DISTILLATION, distilled.predict(testX), testY,
                distilled.module().dimension(), distilled.trainSeconds()));
        return new Report(results, holdout, distill, tuning, classes);
    }

    private static Result result(Method method, int[] predicted, int[] truth, int dim, double seconds) {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return new Result(method, (double) correct / truth.length, correct, truth.length, dim, seconds);
    }
}
