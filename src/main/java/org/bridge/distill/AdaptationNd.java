package org.bridge.distill;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The few ND4J building blocks shared by step 1 ({@link TeacherSoftmax}, {@link AdaptationModule},
 * {@link AdaptationTrainer}): input checks, Xavier initialisation, row-wise (log-)softmax, Adam and
 * a plain binary format for weight matrices.
 *
 * <p>Why hand-written layers and not a DL4J network: the objective C + lambda D needs the
 * softened teacher distribution as a second target with its own temperature, its loss must be
 * reported term by term, and lambda = 0 must switch the D gradient off exactly. Two dense layers
 * and a softmax are a few matrix products, so writing forward and backward out keeps all of that
 * visible (and checked against finite differences in the tests). Random numbers come from
 * {@link java.util.Random}, so a seed gives the same weights whatever ND4J's own generator did.
 */
final class AdaptationNd {

    /** Upper bound on one stored matrix (e.g. 2,048 x 50,000 identities), as a damage check. */
    private static final long MAX_STORED_VALUES = 100_000_000L;

    private AdaptationNd() {
    }

    /** The rows as an N x D float matrix; every row must have the same length and finite values. */
    static INDArray matrix(float[][] rows, String what) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + ": no rows");
        }
        int d = rows[0] == null ? 0 : rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + ": row 0 is empty");
        }
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            if (r == null || r.length != d) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + (r == null ? 0 : r.length)
                        + " values, row 0 has " + d);
            }
            for (int q = 0; q < d; q++) {
                if (!Float.isFinite(r[q])) {
                    throw new IllegalArgumentException(what + ": row " + i + " value " + q + " is " + r[q]);
                }
            }
        }
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    /** Checks labels against the feature count and returns the number of classes (max label + 1). */
    static int checkLabels(int[] labels, int rows) {
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException((labels == null ? 0 : labels.length) + " labels for " + rows
                    + " feature rows");
        }
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is negative: " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        return max + 1;
    }

    /** One-hot rows of the labels, N x classes. */
    static INDArray oneHot(int[] labels, int classes, DataType type) {
        INDArray y = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    /** Glorot/Xavier uniform weights (the paper initialises the adaptation module "via Xavier's method"). */
    static INDArray xavier(int fanIn, int fanOut, Random rnd) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
        }
        return Nd4j.create(w, new long[] {fanIn, fanOut}, 'c');
    }

    /** Row-wise log-softmax, computed stably (max subtracted first). A new array. */
    static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    /** Row-wise softmax. A new array. */
    static INDArray softmax(INDArray z) {
        return Transforms.exp(logSoftmax(z), false);
    }

    /** Index of the largest value of each row. */
    static int[] argmax(INDArray z) {
        long[] idx = z.argMax(1).toLongVector();
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) idx[i];
        }
        return out;
    }

    /** The rows of {@code source} at the given indices, as a new matrix. */
    static INDArray rows(INDArray source, int[] indices) {
        return Nd4j.pullRows(source, 1, indices);
    }

    /**
     * Adam (Kingma and Ba; beta1 0.9, beta2 0.999, epsilon 1e-8, bias-corrected) on one
     * parameter array, with classic L2 weight decay added to the gradient (decay is applied to
     * weight matrices, never to biases). The update is libnd4j's fused {@code adam_updater} op:
     * one native call per array instead of a dozen element-wise ones, which matters because the
     * arrays here are small and per-op overhead dominates.
     */
    private static final WorkspaceConfiguration BATCH_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    /**
     * A workspace for the temporaries of one mini-batch step, opened with try-with-resources.
     * Why: outside a workspace ND4J frees an array's native memory only when the garbage collector
     * finalises its Java object, and these Java objects are tiny, so the heap never fills and
     * native memory grew without bound (24 GB and an OOM kill in the adaptation of 5,000 E
     * features). Everything that must outlive the step (weights, Adam moments) is allocated
     * outside it and only updated in place inside.
     */
    static MemoryWorkspace batchWorkspace(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(BATCH_WORKSPACE, id);
    }

    static final class Adam {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPS = 1e-8;

        private final INDArray param;
        private final INDArray m;
        private final INDArray v;
        private final double weightDecay;
        private int iteration;

        Adam(INDArray param, double weightDecay) {
            this.param = param;
            this.m = Nd4j.zerosLike(param);
            this.v = Nd4j.zerosLike(param);
            this.weightDecay = weightDecay;
        }

        /** Applies one update with gradient {@code grad} (which this call overwrites). */
        void update(INDArray grad, double learningRate) {
            if (weightDecay > 0) {
                grad.addi(param.mul(weightDecay));
            }
            // In place: grad becomes the step, m and v the new moments; the op bias-corrects
            // with iteration + 1.
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(grad, v, m, learningRate, BETA1, BETA2,
                    EPS, iteration));
            iteration++;
            param.subi(grad);
        }
    }

    static void writeMatrix(DataOutputStream out, INDArray a) throws IOException {
        long[] shape = a.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + java.util.Arrays.toString(shape));
        }
        out.writeInt((int) shape[0]);
        out.writeInt((int) shape[1]);
        float[] values = a.dup('c').castTo(DataType.FLOAT).data().asFloat();
        for (float f : values) {
            out.writeFloat(f);
        }
    }

    /**
     * Reads a matrix written by {@link #writeMatrix}, checking its shape.
     *
     * @throws IOException naming {@code what} when the stored shape differs from the expected one
     */
    static INDArray readMatrix(DataInputStream in, long rows, long cols, String what) throws IOException {
        int r = in.readInt();
        int c = in.readInt();
        if ((rows >= 0 && r != rows) || (cols >= 0 && c != cols) || r <= 0 || c <= 0) {
            throw new IOException(what + " is stored as " + r + " x " + c + ", expected " + (rows < 0 ? "?" : rows)
                    + " x " + (cols < 0 ? "?" : cols));
        }
        // A damaged header must not make us allocate gigabytes: step-1 matrices are far smaller.
        if ((long) r * c > MAX_STORED_VALUES) {
            throw new IOException(what + " claims " + r + " x " + c + " values, more than any adaptation model holds");
        }
        float[] values = new float[r * c];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return Nd4j.create(values, new long[] {r, c}, 'c');
    }
}
