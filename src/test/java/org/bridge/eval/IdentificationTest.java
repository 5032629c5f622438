package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IdentificationTest {

    @Test
    void cmcOfATinyScoreMatrixCountsTiesAgainstTheProbe() {
        double[][] scores = {
                {0.9, 0.1, 0.2, 0.3}, // truth 0: rank 1
                {0.5, 0.4, 0.6, 0.1}, // truth 1: two classes higher -> rank 3
                {0.2, 0.7, 0.7, 0.1}, // truth 2: tied with class 1 -> rank 2
        };
        int[] truth = {0, 1, 2};
        assertEquals(1, Ranking.rank(scores[0], 0));
        assertEquals(3, Ranking.rank(scores[1], 1));
        assertEquals(2, Ranking.rank(scores[2], 2));
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 1, 1}, Ranking.cmc(scores, truth, 4), 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, Ranking.cmc(scores, truth, 2), 1e-12);
    }

    @Test
    void nearestClassMeanNormalisesBeforeAveraging() {
        // Class a: a long vector along x and a short one along y: normalised, their mean points
        // at 45 degrees; the raw mean would point almost along x. Class b points at ~17 degrees.
        LabeledFeatures gallery = new LabeledFeatures(List.of("a", "a", "b"),
                List.of(new float[] {100, 0}, new float[] {0, 1}, new float[] {1, 0.3f}));
        NearestClassMean ncm = NearestClassMean.fit(gallery);
        assertEquals(List.of("a", "b"), ncm.classes());
        double[] s = ncm.scores(new float[] {0, 2});
        assertEquals(Math.sqrt(0.5), s[0], 1e-6);
        assertEquals(0.3 / Math.sqrt(1.09), s[1], 1e-6);
        IdentificationResult r = IdentificationResult.evaluate("ncm", ncm,
                new LabeledFeatures(List.of("a", "b"), List.of(new float[] {0, 2}, new float[] {3, 0})));
        // Probe b = (3, 0): cos to a = 0.707, to b = 0.958 -> right.
        assertEquals(1.0, r.top1(), 1e-12);
        assertEquals(1.0, r.top5(), 1e-12);
    }

    /** Gaussian blobs: class c has mean 6 * e_c (+ a shared offset and scale), noise sd 1. */
    private static LabeledFeatures blobs(int classes, int perClass, int dim, long seed) {
        Random r = new Random(seed);
        List<String> labels = new ArrayList<>();
        List<float[]> feats = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                float[] f = new float[dim];
                for (int d = 0; d < dim; d++) {
                    // Arbitrary scale and offset, as an untrained extractor might give.
                    f[d] = (float) (50 + 20 * ((d == c ? 6 : 0) + r.nextGaussian()));
                }
                labels.add("c" + c);
                feats.add(f);
            }
        }
        return new LabeledFeatures(labels, feats);
    }

    @Test
    void softmaxSeparatesAnEasySetDeterministically() {
        LabeledFeatures train = blobs(6, 30, 12, 1);
        LabeledFeatures test = blobs(6, 30, 12, 2);
        SoftmaxClassifier.Config cfg = new SoftmaxClassifier.Config(40, 16, 0.5, 0.9, 1e-4, 5L);
        SoftmaxClassifier clf = SoftmaxClassifier.train(train, cfg);
        List<Double> loss = clf.lossHistory();
        assertEquals(40, loss.size());
        assertEquals(Math.log(6), loss.get(0), 0.6, "first epoch starts near chance (zero weights)");
        assertTrue(loss.get(39) < 0.2 * loss.get(0), "loss fell from " + loss.get(0) + " to " + loss.get(39));
        IdentificationResult r = IdentificationResult.evaluate("softmax", clf, test);
        // Class means are 6 * sqrt(2) = 8.5 sd apart: the Bayes error is ~1e-4, a linear model
        // must get (almost) everything right.
        assertTrue(r.top1() >= 0.99, r.toString());
        assertEquals(1.0, r.top5(), 1e-12, "5 of 6 classes always include the truth here");
        double[] p = clf.scores(test.features().get(0));
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
        // Same seed, same classifier, whatever the thread scheduling.
        SoftmaxClassifier again = SoftmaxClassifier.train(train, cfg);
        assertArrayEquals(clf.scores(test.features().get(7)), again.scores(test.features().get(7)), 0.0);
        assertEquals(clf.lossHistory(), again.lossHistory());
    }

    @Test
    void softmaxIsIndifferentToFeatureScale() {
        // The telling dimension (x1 = +1 or -1) is 50 times smaller than a noisy one (x0 ~ 100 +- 10):
        // per-dimension standardisation must bring it back.
        Random r = new Random(9);
        List<String> labels = new ArrayList<>();
        List<float[]> feats = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean p = i % 2 == 0;
            labels.add(p ? "p" : "q");
            feats.add(new float[] {(float) (100 + 10 * r.nextGaussian()), (float) ((p ? 1 : -1) + 0.2 * r.nextGaussian())});
        }
        LabeledFeatures train = new LabeledFeatures(labels.subList(0, 100), feats.subList(0, 100));
        LabeledFeatures test = new LabeledFeatures(labels.subList(100, 200), feats.subList(100, 200));
        IdentificationResult soft = IdentificationResult.evaluate("softmax",
                SoftmaxClassifier.train(train, SoftmaxClassifier.Config.defaults()), test);
        assertEquals(1.0, soft.top1(), 1e-12, soft.toString());
    }
}
