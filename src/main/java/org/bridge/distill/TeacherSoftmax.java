package org.bridge.distill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bridge.config.AtomicFiles;
import org.bridge.config.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * S^_t of the paper: the teacher's softmax re-trained on the public identities. The teacher's
 * own softmax layer classifies its private identities, which the public set does not share, so
 * a new linear classifier (weights + bias) is fitted on the frozen teacher features f_t of the
 * public training images. Its logits divided by the temperature T give the soft targets s^(I)
 * of eq. 3.
 *
 * <p>Input: f_t after {@link TeacherFeatureNormalization} (L2 norm, then per-dimension
 * standardisation measured on the training rows). Training: mean cross-entropy to the identity,
 * plus L2 weight decay on the weights (not the bias), mini-batch Adam, batch order shuffled each
 * epoch with {@code Random(seed)}, zero initial weights (the loss is convex, so the start only
 * changes speed; zeros make the result independent of any random initialisation).
 *
 * <p>S^_t must be trained to convergence before its outputs are used as soft targets: an
 * under-trained S^_t has small logits, so at T = 4 its soft targets are nearly uniform and D then
 * pulls the adaptation module towards uniform outputs (seen on a small synthetic set, where an
 * S^_t given ~90 updates made C + lambda D worse than C alone). On LFW's public half the defaults
 * (~3,200 updates) bring the training loss to ~0.15.
 *
 * <p>This is also case (1) of Fig. 3 ("no cross-dataset distillation"): how well the raw teacher
 * features classify held-out public images with a softmax on top.
 */
public final class TeacherSoftmax {

    private static final int MAGIC = 0x42545331; // "BTS1"
    private static final int VERSION = 1;

    /**
     * Training settings of S^_t.
     *
     * @param epochs       passes over the training features
     * @param learningRate Adam step size
     * @param batchSize    images per update
     * @param weightDecay  L2 coefficient on the weights; it also keeps the logits from growing
     *                     without bound on a separable training set, which would make the soft
     *                     targets of eq. 3 nearly one-hot even at a high temperature
     * @param seed         batch order
     */
    public record Params(int epochs, double learningRate, int batchSize, double weightDecay, long seed) {

        public Params {
            if (epochs < 1 || !(learningRate > 0) || batchSize < 1 || !(weightDecay >= 0)
                    || Double.isInfinite(learningRate) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("bad teacher softmax settings: " + this);
            }
        }

        /** 60 epochs, Adam 0.001, batch 64, weight decay 0.001. */
        public static Params defaults() {
            return new Params(60, 1e-3, 64, 1e-3, 20201011L);
        }

        public Params withSeed(long newSeed) {
            return new Params(epochs, learningRate, batchSize, weightDecay, newSeed);
        }

        public Params withEpochs(int newEpochs) {
            return new Params(newEpochs, learningRate, batchSize, weightDecay, seed);
        }

        public Params withWeightDecay(double newWeightDecay) {
            return new Params(epochs, learningRate, batchSize, newWeightDecay, seed);
        }
    }

    private final TeacherFeatureNormalization normalization;
    private final INDArray weights;
    private final INDArray bias;
    private final List<Double> lossHistory;

    private TeacherSoftmax(TeacherFeatureNormalization normalization, INDArray weights, INDArray bias,
                           List<Double> lossHistory) {
        this.normalization = normalization;
        this.weights = weights;
        this.bias = bias;
        this.lossHistory = List.copyOf(lossHistory);
    }

    /** Trains on public features with labels 0..max(label); see {@link #train(float[][], int[], int, Params)}. */
    public static TeacherSoftmax train(float[][] teacherFeatures, int[] labels, Params params) {
        return train(teacherFeatures, labels, AdaptationNd.checkLabels(labels, teacherFeatures.length), params);
    }

    /**
     * Fits S^_t.
     *
     * @param teacherFeatures f_t of each public training image (N x D, raw teacher output)
     * @param labels          identity 0..classes-1 of each row
     * @param classes         number of public identities (may exceed the largest label, e.g. when
     *                        a person's images are all held out)
     */
    public static TeacherSoftmax train(float[][] teacherFeatures, int[] labels, int classes, Params params) {
        return train(teacherFeatures, labels, classes, params, () -> { });
    }

    /**
     * Fits S^_t, calling {@code betweenEpochs} before each epoch; it may throw (e.g. a
     * cancellation) to stop training, and the exception propagates to the caller.
     */
    public static TeacherSoftmax train(float[][] teacherFeatures, int[] labels, int classes, Params params,
                                       Runnable betweenEpochs) {
        org.bridge.nd.Nd4jRuntime.init();
        INDArray raw = AdaptationNd.matrix(teacherFeatures, "teacher features");
        int needed = AdaptationNd.checkLabels(labels, teacherFeatures.length);
        if (classes < needed || classes < 2) {
            throw new IllegalArgumentException("classes = " + classes + " but labels go up to " + (needed - 1)
                    + " (and a softmax needs at least 2 classes)");
        }
        TeacherFeatureNormalization norm = TeacherFeatureNormalization.fit(raw);
        INDArray x = norm.apply(raw);
        INDArray y = AdaptationNd.oneHot(labels, classes, x.dataType());
        int n = labels.length;
        int d = x.columns();
        INDArray w = Nd4j.zeros(x.dataType(), d, classes);
        INDArray b = Nd4j.zeros(x.dataType(), 1, classes);
        AdaptationNd.Adam adamW = new AdaptationNd.Adam(w, params.weightDecay());
        AdaptationNd.Adam adamB = new AdaptationNd.Adam(b, 0);
        Random rnd = new Random(params.seed());
        int[] order = identity(n);
        int batch = Math.min(params.batchSize(), n);
        List<Double> history = new ArrayList<>();
        for (int epoch = 0; epoch < params.epochs(); epoch++) {
            betweenEpochs.run();
            shuffle(order, rnd);
            double lossSum = 0;
            for (int start = 0; start < n; start += batch) {
                int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + batch));
                try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = AdaptationNd.batchWorkspace("bridge-teacher-softmax")) {
                    INDArray xb = AdaptationNd.rows(x, idx);
                    INDArray yb = AdaptationNd.rows(y, idx);
                    INDArray logits = xb.mmul(w).addiRowVector(b);
                    INDArray logP = AdaptationNd.logSoftmax(logits);
                    lossSum += -logP.mul(yb).sumNumber().doubleValue();
                    // d(mean CE)/d logits = (softmax - onehot) / batch
                    INDArray dz = org.nd4j.linalg.ops.transforms.Transforms.exp(logP, false).subi(yb).divi(idx.length);
                    adamW.update(xb.transpose().mmul(dz), params.learningRate());
                    adamB.update(dz.sum(true, 0), params.learningRate());
                }
            }
            double meanLoss = lossSum / n;
            if (!Double.isFinite(meanLoss)) {
                throw new IllegalStateException("teacher softmax training diverged at epoch " + (epoch + 1)
                        + " (loss " + meanLoss + "); lower the learning rate");
            }
            history.add(meanLoss);
        }
        return new TeacherSoftmax(norm, w, b, history);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Number of public identities. */
    public int classes() {
        return bias.columns();
    }

    /** Length of the raw teacher feature this classifier takes. */
    public int featureDimension() {
        return normalization.dimension();
    }

    /** Mean training cross-entropy of each epoch (measured during the epoch). */
    public List<Double> lossHistory() {
        return lossHistory;
    }

    /** Identity logits (before softmax) of raw teacher features, N x classes. */
    public float[][] logits(float[][] teacherFeatures) {
        return logits(AdaptationNd.matrix(teacherFeatures, "teacher features")).toFloatMatrix();
    }

    INDArray logits(INDArray rawTeacherFeatures) {
        return normalization.apply(rawTeacherFeatures).mmul(weights).addiRowVector(bias);
    }

    /**
     * The soft targets of eq. 3: softmax(logits / T) of each row (N x classes). T = 1 gives the
     * ordinary class probabilities; larger T flattens them so the ranking of the wrong classes
     * (which identities the teacher finds similar) carries weight.
     */
    public float[][] softTargets(float[][] teacherFeatures, double temperature) {
        return softTargets(AdaptationNd.matrix(teacherFeatures, "teacher features"), temperature).toFloatMatrix();
    }

    INDArray softTargets(INDArray rawTeacherFeatures, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        return AdaptationNd.softmax(logits(rawTeacherFeatures).divi(temperature));
    }

    /** Most likely identity of each row. */
    public int[] predict(float[][] teacherFeatures) {
        return AdaptationNd.argmax(logits(AdaptationNd.matrix(teacherFeatures, "teacher features")));
    }

    /** Fraction of rows whose most likely identity is the label. */
    public double accuracy(float[][] teacherFeatures, int[] labels) {
        return fractionCorrect(predict(teacherFeatures), labels);
    }

    static double fractionCorrect(int[] predicted, int[] labels) {
        if (predicted.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /** Writes the classifier (normalisation + weights) atomically to a small binary file. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            normalization.write(out);
            AdaptationNd.writeMatrix(out, weights);
            AdaptationNd.writeMatrix(out, bias);
            out.writeInt(lossHistory.size());
            for (double l : lossHistory) {
                out.writeDouble(l);
            }
            out.flush();
        });
    }

    /** Reads a file written by {@link #save}; a damaged or foreign file gives an error naming it. */
    public static TeacherSoftmax load(Path file) {
        org.bridge.nd.Nd4jRuntime.init();
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            if (in.readInt() != MAGIC) {
                throw new UserFacingException(file + ": not a teacher softmax file (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UserFacingException(file + ": teacher softmax format version " + version
                        + ", this build reads " + VERSION);
            }
            TeacherFeatureNormalization norm = TeacherFeatureNormalization.read(in);
            INDArray w = AdaptationNd.readMatrix(in, norm.dimension(), -1, "softmax weights");
            INDArray b = AdaptationNd.readMatrix(in, 1, w.columns(), "softmax bias");
            int epochs = in.readInt();
            List<Double> history = new ArrayList<>();
            for (int i = 0; i < epochs; i++) {
                history.add(in.readDouble());
            }
            return new TeacherSoftmax(norm, w, b, history);
        } catch (EOFException e) {
            throw new UserFacingException(file + ": teacher softmax file is truncated");
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot read teacher softmax: " + e.getMessage());
        }
    }
}
