package org.bridge.distill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Step 1 of bridge distillation, cross-dataset distillation: trains the adaptation module
 * M_a = (F_a, S_a) on the frozen teacher features of the public set with eq. 1,
 *
 * <pre>
 *   min  C + lambda * D
 *   C = mean_i CE(onehot(y_i), softmax(z_i))                       (eq. 2)
 *   D = T^2 * mean_i CE(softmax(t_i / T), softmax(z_i / T))        (eq. 3)
 * </pre>
 *
 * where z_i are S_a's logits on f_a, t_i are {@link TeacherSoftmax} S^_t's logits on f_t and CE(p, q)
 * = -sum_k p_k log q_k. The paper sums over images; the mean only rescales the learning rate. The
 * temperature on z and the T^2 factor follow Hinton et al. (see {@link AdaptationParams#temperature()}).
 * D is reported as the cross-entropy itself, so it does not reach 0: its minimum is T^2 times the
 * entropy of the soft targets.
 *
 * <p>With lambda = 0 the D gradient is not added at all (direct compression, case 2 of Fig. 3),
 * so training is bit-for-bit the same as training without a teacher softmax; when a teacher
 * softmax is given, D is still measured and reported as a diagnostic of how far the C-only module
 * drifts from the teacher.
 *
 * <p>Optimiser: mini-batch Adam with L2 weight decay on the three weight matrices, batch order
 * shuffled each epoch with {@code Random(seed)}, Xavier-uniform weights and zero biases.
 */
public final class AdaptationTrainer {

    /**
     * Mean losses of one epoch, measured during the epoch.
     *
     * @param epoch          1-based
     * @param classification C
     * @param distillation   D (T^2-scaled cross-entropy to the soft targets), NaN without a
     *                       teacher softmax
     * @param total          C + lambda * D, the minimised objective (without weight decay)
     */
    public record EpochLoss(int epoch, double classification, double distillation, double total) {
    }

    /** Told after each epoch (e.g. to draw a loss curve). */
    @FunctionalInterface
    public interface Listener {
        void epochDone(EpochLoss loss);
    }

    private AdaptationTrainer() {
    }

    /**
     * Trains M_a.
     *
     * @param teacherFeatures raw f_t of the public training images (N x D)
     * @param labels          public identity 0..classes-1 of each row
     * @param classes         number of public identities (the width of S_a)
     * @param teacher         S^_t trained on the same identities; may be null only when lambda = 0
     * @param params          sizes, lambda, T and schedule
     * @param listener        per-epoch losses; may be null. It may throw (e.g. a cancellation
     *                        exception) to stop training; the exception propagates to the caller.
     */
    public static AdaptationTraining train(float[][] teacherFeatures, int[] labels, int classes, TeacherSoftmax teacher,
                                           AdaptationParams params, Listener listener) {
        org.bridge.nd.Nd4jRuntime.init();
        long t0 = System.nanoTime();
        INDArray raw = AdaptationNd.matrix(teacherFeatures, "teacher features");
        int needed = AdaptationNd.checkLabels(labels, teacherFeatures.length);
        if (classes < needed || classes < 2) {
            throw new IllegalArgumentException("classes = " + classes + " but labels go up to " + (needed - 1)
                    + " (and a softmax needs at least 2 classes)");
        }
        if (teacher == null && params.usesDistillation()) {
            throw new IllegalArgumentException("lambda = " + params.lambda()
                    + " needs the re-trained teacher softmax S^_t for the soft targets of eq. 3");
        }
        INDArray soft = null;
        if (teacher != null) {
            if (teacher.featureDimension() != raw.columns() || teacher.classes() != classes) {
                throw new IllegalArgumentException("teacher softmax takes " + teacher.featureDimension() + "-D features and "
                        + teacher.classes() + " classes; the adaptation data has " + raw.columns() + "-D features and "
                        + classes + " classes");
            }
            // The teacher is frozen: its soft targets are computed once.
            soft = teacher.softTargets(raw, params.temperature());
        }
        TeacherFeatureNormalization norm = TeacherFeatureNormalization.fit(raw);
        INDArray x = norm.apply(raw);
        INDArray y = AdaptationNd.oneHot(labels, classes, x.dataType());
        Random rnd = new Random(params.seed());
        Weights w = Weights.xavier(x.columns(), params.hidden(), params.dimension(), classes, rnd);
        AdaptationNd.Adam[] adam = {
                new AdaptationNd.Adam(w.w1, params.weightDecay()), new AdaptationNd.Adam(w.b1, 0),
                new AdaptationNd.Adam(w.w2, params.weightDecay()), new AdaptationNd.Adam(w.b2, 0),
                new AdaptationNd.Adam(w.w3, params.weightDecay()), new AdaptationNd.Adam(w.b3, 0)};
        double scale = featureScale(params);
        int n = labels.length;
        int[] order = TeacherSoftmax.identity(n);
        int batch = Math.min(params.batchSize(), n);
        List<EpochLoss> history = new ArrayList<>();
        for (int epoch = 1; epoch <= params.epochs(); epoch++) {
            TeacherSoftmax.shuffle(order, rnd);
            double sumC = 0;
            double sumD = 0;
            for (int start = 0; start < n; start += batch) {
                int[] idx = Arrays.copyOfRange(order, start, Math.min(n, start + batch));
                try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = AdaptationNd.batchWorkspace("bridge-adaptation")) {
                    Step step = lossAndGradients(w, AdaptationNd.rows(x, idx), AdaptationNd.rows(y, idx),
                            soft == null ? null : AdaptationNd.rows(soft, idx), params.lambda(), params.temperature(),
                            params.normalizeFeature(), scale);
                    sumC += step.classification() * idx.length;
                    sumD += step.distillation() * idx.length;
                    INDArray[] g = step.gradients();
                    for (int p = 0; p < adam.length; p++) {
                        adam[p].update(g[p], params.learningRate());
                }
                }
            }
            double c = sumC / n;
            double d = soft == null ? Double.NaN : sumD / n;
            double total = c + (params.usesDistillation() ? params.lambda() * d : 0);
            if (!Double.isFinite(total)) {
                throw new IllegalStateException("adaptation training diverged at epoch " + epoch + " (C = " + c
                        + ", D = " + d + "); lower the learning rate");
            }
            EpochLoss loss = new EpochLoss(epoch, c, d, total);
            history.add(loss);
            if (listener != null) {
                listener.epochDone(loss);
            }
        }
        AdaptationModule module = new AdaptationModule(norm, w.w1, w.b1, w.w2, w.b2, params.normalizeFeature());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new AdaptationTraining(module, w.w3, w.b3, scale, params, history, seconds);
    }

    /** Without a listener. */
    public static AdaptationTraining train(float[][] teacherFeatures, int[] labels, int classes, TeacherSoftmax teacher,
                                           AdaptationParams params) {
        return train(teacherFeatures, labels, classes, teacher, params, null);
    }

    /** The factor between the unit f_a and S_a's input: RMS 1 per component (see {@link AdaptationParams}). */
    static double featureScale(AdaptationParams params) {
        return params.normalizeFeature() ? Math.sqrt(params.dimension()) : 1.0;
    }

    /** All trainable arrays of M_a: F_a (w1, b1, w2, b2) and S_a (w3, b3). */
    static final class Weights {
        final INDArray w1;
        final INDArray b1;
        final INDArray w2;
        final INDArray b2;
        final INDArray w3;
        final INDArray b3;

        Weights(INDArray w1, INDArray b1, INDArray w2, INDArray b2, INDArray w3, INDArray b3) {
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
            this.w3 = w3;
            this.b3 = b3;
        }

        static Weights xavier(int in, int hidden, int dim, int classes, Random rnd) {
            INDArray w1 = AdaptationNd.xavier(in, hidden, rnd);
            INDArray w2 = AdaptationNd.xavier(hidden, dim, rnd);
            INDArray w3 = AdaptationNd.xavier(dim, classes, rnd);
            return new Weights(w1, Nd4j.zeros(w1.dataType(), 1, hidden), w2, Nd4j.zeros(w2.dataType(), 1, dim),
                    w3, Nd4j.zeros(w3.dataType(), 1, classes));
        }

        INDArray[] all() {
            return new INDArray[] {w1, b1, w2, b2, w3, b3};
        }
    }

    /**
     * Losses of one batch and their gradients, in the order of {@link Weights#all()}.
     *
     * @param classification C (mean over the batch)
     * @param distillation   D (mean, T^2-scaled); NaN without soft targets
     */
    record Step(double classification, double distillation, INDArray[] gradients) {
    }

    /**
     * Forward and backward pass of M_a on one batch. Works in the data type of the arrays given
     * (float in training; the tests use double to compare with finite differences).
     *
     * @param x           normalised teacher features, B x D
     * @param y           one-hot identities, B x K
     * @param softTargets softmax(S^_t logits / T), B x K, or null (then D is not measured)
     * @param lambda      weight of D; 0 adds no D gradient
     */
    static Step lossAndGradients(Weights w, INDArray x, INDArray y, INDArray softTargets, double lambda,
                                 double temperature, boolean normalizeFeature, double scale) {
        int b = (int) x.rows();
        // Forward: h = relu(x W1 + b1), f = h W2 + b2, g = s * f/|f| (or f), z = g W3 + b3.
        INDArray a1 = x.mmul(w.w1).addiRowVector(w.b1);
        INDArray h = Transforms.relu(a1, true);
        INDArray f = h.mmul(w.w2).addiRowVector(w.b2);
        INDArray norms = null;
        INDArray unit = null;
        INDArray g;
        if (normalizeFeature) {
            norms = Transforms.max(f.norm2(true, 1), 1e-12, false);
            unit = f.divColumnVector(norms);
            g = unit.mul(scale);
        } else {
            g = f;
        }
        INDArray z = g.mmul(w.w3).addiRowVector(w.b3);

        INDArray logP = AdaptationNd.logSoftmax(z);
        double c = -logP.mul(y).sumNumber().doubleValue() / b;
        // dC/dz = (softmax(z) - y) / B
        INDArray dz = Transforms.exp(logP, false).subi(y).divi(b);

        double d = Double.NaN;
        if (softTargets != null) {
            INDArray logQ = AdaptationNd.logSoftmax(z.div(temperature));
            double t2 = temperature * temperature;
            d = -t2 * logQ.mul(softTargets).sumNumber().doubleValue() / b;
            if (lambda != 0) {
                // d(lambda T^2 CE(p, softmax(z/T)))/dz = lambda T^2 (softmax(z/T) - p) / T / B
                INDArray dzD = Transforms.exp(logQ, false).subi(softTargets).muli(lambda * temperature / b);
                dz.addi(dzD);
            }
        }

        INDArray dw3 = g.transpose().mmul(dz);
        INDArray db3 = dz.sum(true, 0);
        INDArray dg = dz.mmul(w.w3.transpose());
        INDArray df;
        if (normalizeFeature) {
            // g = s f/|f|:  df = s/|f| (dg - u (u . dg)), u = f/|f|
            INDArray radial = unit.mul(dg).sum(true, 1);
            df = dg.sub(unit.mulColumnVector(radial)).divColumnVector(norms).muli(scale);
        } else {
            df = dg;
        }
        INDArray dw2 = h.transpose().mmul(df);
        INDArray db2 = df.sum(true, 0);
        INDArray dh = df.mmul(w.w2.transpose()).muli(a1.gt(0).castTo(a1.dataType()));
        INDArray dw1 = x.transpose().mmul(dh);
        INDArray db1 = dh.sum(true, 0);
        return new Step(c, d, new INDArray[] {dw1, db1, dw2, db2, dw3, db3});
    }
}
