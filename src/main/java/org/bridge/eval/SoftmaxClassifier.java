package org.bridge.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Multinomial logistic regression on frozen features: the paper's "fine-tune the softmax layer
 * on the train part" (UCCS, Fig. 6). Pure Java, small (at most a few hundred classes x ~1,000
 * dimensions), deterministic for a given seed.
 *
 * <p>Features are standardised per dimension with the training mean and standard deviation and
 * divided by sqrt(d), so an input has norm about 1 whatever the extractor's scale; one learning
 * rate then suits teachers and students alike. Weights start at zero (the loss is convex, so the
 * start only affects speed). Training is mini-batch gradient descent with momentum on the mean
 * cross-entropy plus L2 weight decay on the weights (not the biases); the batch order is
 * shuffled each epoch with {@code Random(seed)}. The per-class work is spread over threads, but
 * each class's arithmetic is sequential, so the result does not depend on the thread count.
 */
public final class SoftmaxClassifier implements ClassScorer {

    /** Training settings. */
    public record Config(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
                         long seed) {

        public Config {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || momentum >= 1
                    || weightDecay < 0) {
                throw new IllegalArgumentException("bad softmax settings: " + this);
            }
        }

        public static Config defaults() {
            return new Config(60, 32, 0.5, 0.9, 1e-4, 20201011L);
        }
    }

    private final List<String> classes;
    private final int dim;
    private final float[] mean;
    private final float[] scale;
    private final float[] weights;
    private final float[] bias;
    private final List<Double> lossHistory;

    private SoftmaxClassifier(List<String> classes, int dim, float[] mean, float[] scale, float[] weights,
                              float[] bias, List<Double> lossHistory) {
        this.classes = classes;
        this.dim = dim;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
        this.lossHistory = List.copyOf(lossHistory);
    }

    public static SoftmaxClassifier train(LabeledFeatures train, Config cfg) {
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training features");
        }
        List<String> classes = train.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int k = classes.size();
        int d = train.dimension();
        float[] mean = new float[d];
        float[] scale = new float[d];
        standardisation(train.features(), mean, scale);
        float[] xs = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            standardise(train.features().get(i), mean, scale, xs, i * d);
            y[i] = index.get(train.labels().get(i));
        }
        float[] w = new float[k * d];
        float[] b = new float[k];
        float[] vw = new float[k * d];
        float[] vb = new float[k];
        float lr = (float) cfg.learningRate();
        float mu = (float) cfg.momentum();
        float wd = (float) cfg.weightDecay();
        int batch = Math.min(cfg.batchSize(), n);
        float[] logits = new float[batch * k];
        float[] grad = new float[batch * k];
        int[] perm = IntStream.range(0, n).toArray();
        Random rnd = new Random(cfg.seed());
        List<Double> history = new ArrayList<>();
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double lossSum = 0;
            for (int start = 0; start < n; start += batch) {
                final int from = start;
                final int bs = Math.min(batch, n - start);
                IntStream.range(0, k).parallel().forEach(c -> {
                    for (int j = 0; j < bs; j++) {
                        logits[j * k + c] = b[c] + dot(w, c * d, xs, perm[from + j] * d, d);
                    }
                });
                for (int j = 0; j < bs; j++) {
                    int row = j * k;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, logits[row + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(logits[row + c] - max);
                    }
                    int truth = y[perm[from + j]];
                    for (int c = 0; c < k; c++) {
                        double p = Math.exp(logits[row + c] - max) / sum;
                        grad[row + c] = (float) ((p - (c == truth ? 1 : 0)) / bs);
                    }
                    lossSum += Math.log(sum) - (logits[row + truth] - max);
                }
                IntStream.range(0, k).parallel().forEach(c -> {
                    int off = c * d;
                    // v = mu v + (wd w + sum_j g_jc x_j);  w -= lr v
                    for (int q = 0; q < d; q++) {
                        vw[off + q] = mu * vw[off + q] + wd * w[off + q];
                    }
                    float gb = 0;
                    for (int j = 0; j < bs; j++) {
                        float g = grad[j * k + c];
                        gb += g;
                        int xo = perm[from + j] * d;
                        for (int q = 0; q < d; q++) {
                            vw[off + q] += g * xs[xo + q];
                        }
                    }
                    for (int q = 0; q < d; q++) {
                        w[off + q] -= lr * vw[off + q];
                    }
                    vb[c] = mu * vb[c] + gb;
                    b[c] -= lr * vb[c];
                });
            }
            history.add(lossSum / n);
        }
        return new SoftmaxClassifier(classes, d, mean, scale, w, b, history);
    }

    /** Mean training cross-entropy of each epoch (measured during the epoch). */
    public List<Double> lossHistory() {
        return lossHistory;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** Class probabilities. */
    @Override
    public double[] scores(float[] probe) {
        if (probe.length != dim) {
            throw new IllegalArgumentException("feature of length " + probe.length + ", classifier expects " + dim);
        }
        float[] x = new float[dim];
        standardise(probe, mean, scale, x, 0);
        int k = classes.size();
        double[] s = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            s[c] = bias[c] + dot(weights, c * dim, x, 0, dim);
            max = Math.max(max, s[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            s[c] = Math.exp(s[c] - max);
            sum += s[c];
        }
        for (int c = 0; c < k; c++) {
            s[c] /= sum;
        }
        return s;
    }

    private static void standardisation(List<float[]> features, float[] mean, float[] scale) {
        int d = mean.length;
        int n = features.size();
        double[] m = new double[d];
        for (float[] f : features) {
            for (int q = 0; q < d; q++) {
                m[q] += f[q];
            }
        }
        for (int q = 0; q < d; q++) {
            m[q] /= n;
        }
        double[] var = new double[d];
        for (float[] f : features) {
            for (int q = 0; q < d; q++) {
                double e = f[q] - m[q];
                var[q] += e * e;
            }
        }
        double norm = 1 / Math.sqrt(d);
        for (int q = 0; q < d; q++) {
            mean[q] = (float) m[q];
            double sd = Math.sqrt(var[q] / n);
            // A constant dimension carries no information: weight it zero instead of dividing by 0.
            scale[q] = sd > 1e-12 ? (float) (norm / sd) : 0f;
        }
    }

    private static void standardise(float[] f, float[] mean, float[] scale, float[] out, int off) {
        for (int q = 0; q < mean.length; q++) {
            out[off + q] = (f[q] - mean[q]) * scale[q];
        }
    }

    /** Dot product with four partial sums (lets the CPU overlap the additions). */
    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int q = 0;
        for (; q + 3 < n; q += 4) {
            s0 += a[ao + q] * b[bo + q];
            s1 += a[ao + q + 1] * b[bo + q + 1];
            s2 += a[ao + q + 2] * b[bo + q + 2];
            s3 += a[ao + q + 3] * b[bo + q + 3];
        }
        for (; q < n; q++) {
            s0 += a[ao + q] * b[bo + q];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
