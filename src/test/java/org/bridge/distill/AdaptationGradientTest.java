package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bridge.nd.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written backward pass of M_a against central finite differences of C + lambda D, in
 * double precision, for both f_a variants (raw and L2-normalised) and several (lambda, T). A sign
 * or scale error in the D gradient (e.g. a missing 1/T or T^2) fails here.
 */
class AdaptationGradientTest {

    @BeforeAll
    static void init() {
        Nd4jRuntime.init();
    }

    private static INDArray random(Random rnd, int rows, int cols, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * scale;
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    private static double objective(AdaptationTrainer.Weights w, INDArray x, INDArray y, INDArray soft, double lambda,
                                    double t, boolean normalize, double scale) {
        AdaptationTrainer.Step s = AdaptationTrainer.lossAndGradients(w, x, y, soft, lambda, t, normalize, scale);
        return s.classification() + lambda * s.distillation();
    }

    @ParameterizedTest(name = "lambda={0} T={1} normalize={2}")
    @CsvSource({"0.0, 1.0, false", "2.5, 4.0, false", "1.5, 3.0, true", "4.0, 8.0, true"})
    void analyticGradientMatchesFiniteDifferences(double lambda, double temperature, boolean normalize) {
        Random rnd = new Random(11);
        int b = 5;
        int d = 7;
        int h = 6;
        int dim = 4;
        int k = 3;
        INDArray x = random(rnd, b, d, 1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, b, k);
        for (int i = 0; i < b; i++) {
            y.putScalar(i, i % k, 1);
        }
        INDArray soft = AdaptationNd.softmax(random(rnd, b, k, 2).divi(temperature));
        // Biases non-zero so no ReLU unit sits exactly at its kink.
        AdaptationTrainer.Weights w = new AdaptationTrainer.Weights(random(rnd, d, h, 0.5), random(rnd, 1, h, 0.3),
                random(rnd, h, dim, 0.5), random(rnd, 1, dim, 0.3), random(rnd, dim, k, 0.5), random(rnd, 1, k, 0.3));
        double scale = normalize ? Math.sqrt(dim) : 1;
        AdaptationTrainer.Step step = AdaptationTrainer.lossAndGradients(w, x, y, soft, lambda, temperature, normalize,
                scale);
        assertTrue(step.distillation() > 0, "D is a cross-entropy, positive: " + step.distillation());
        INDArray[] params = w.all();
        INDArray[] grads = step.gradients();
        double eps = 1e-6;
        double worst = 0;
        for (int p = 0; p < params.length; p++) {
            assertEquals(params[p].length(), grads[p].length(), "gradient " + p + " shape");
            // Five random entries per array (plus the first): each check costs two forward passes.
            long[] entries = new long[6];
            for (int e = 1; e < entries.length; e++) {
                entries[e] = rnd.nextInt((int) params[p].length());
            }
            for (long i : entries) {
                double orig = params[p].getDouble(i);
                params[p].putScalar(i, orig + eps);
                double plus = objective(w, x, y, soft, lambda, temperature, normalize, scale);
                params[p].putScalar(i, orig - eps);
                double minus = objective(w, x, y, soft, lambda, temperature, normalize, scale);
                params[p].putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = grads[p].getDouble(i);
                double err = Math.abs(numeric - analytic) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
                worst = Math.max(worst, err);
                assertTrue(err < 1e-4, "param " + p + " entry " + i + ": analytic " + analytic + " vs numeric " + numeric);
            }
        }
        System.out.printf("lambda %.1f T %.1f normalize %s: C %.4f D %.4f, worst relative gradient error %.2e%n",
                lambda, temperature, normalize, step.classification(), step.distillation(), worst);
    }

    /** The fused Adam step against the textbook formula (bias correction with step t = 1, 2, ...). */
    @org.junit.jupiter.api.Test
    void adamFollowsTheTextbookUpdate() {
        Random rnd = new Random(5);
        INDArray param = random(rnd, 3, 4, 1);
        double[] p = param.dup().data().asDouble();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double lr = 0.01;
        double wd = 0.1;
        AdaptationNd.Adam adam = new AdaptationNd.Adam(param, wd);
        for (int t = 1; t <= 4; t++) {
            INDArray grad = random(rnd, 3, 4, 1);
            double[] g = grad.dup().data().asDouble();
            adam.update(grad, lr);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + wd * p[i];
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            double[] got = param.data().asDouble();
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i], got[i], 1e-6, "step " + t + " entry " + i);
            }
        }
    }
}
