package org.bridge.teacher;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Relu6;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The few libnd4j operations the teacher networks need, in TensorFlow's NHWC layout and with
 * TensorFlow's semantics. Every method returns a freshly allocated array that the caller owns
 * (and should {@link INDArray#close() close} when done); inputs are never modified, except by
 * {@link #activateInPlace}.
 *
 * <p>libnd4j integer-argument layouts (checked against naive loops in NdOpsTest):
 * conv2d / depthwise_conv2d {@code [kH,kW,sH,sW,pH,pW,dH,dW,isSame,dataFormat,wFormat]} with
 * dataFormat 1 = NHWC and wFormat 0 = weights {@code [kH,kW,iC,oC]} (depthwise
 * {@code [kH,kW,iC,multiplier]}), exactly TF's layouts; pooling
 * {@code [kH,kW,sH,sW,pH,pW,dH,dW,isSame,extra,dataFormat]}. With isSame=1 libnd4j pads like TF:
 * an odd padding total puts the extra row/column at the bottom/right.
 */
public final class NdOps {

    /** TF padding modes. */
    public enum Padding {
        SAME, VALID;

        public static Padding parse(String tf, String where) {
            if ("SAME".equals(tf)) {
                return SAME;
            }
            if ("VALID".equals(tf)) {
                return VALID;
            }
            throw new org.bridge.config.UserFacingException(where + ": padding '" + tf + "' is not supported (SAME or VALID only)");
        }
    }

    /** Activations that can be applied to a fresh output in place. */
    public enum Activation {
        NONE, RELU, RELU6
    }

    private NdOps() {
    }

    /**
     * 2-D convolution; {@code w} is {@code [kH,kW,iC,oC]}, {@code bias} {@code [oC]} or null.
     * No dilation: the teachers do not use it, and oneDNN rejects libnd4j's dilated descriptor.
     */
    public static INDArray conv2d(INDArray x, INDArray w, INDArray bias, int sH, int sW, Padding p) {
        return conv("conv2d", x, w, bias, sH, sW, p);
    }

    /** Depthwise convolution; {@code w} is {@code [kH,kW,iC,multiplier]}, output channel = c*multiplier+m. */
    public static INDArray depthwiseConv2d(INDArray x, INDArray w, INDArray bias, int sH, int sW, Padding p) {
        return conv("depthwise_conv2d", x, w, bias, sH, sW, p);
    }

    private static INDArray conv(String op, INDArray x, INDArray w, INDArray bias, int sH, int sW, Padding p) {
        requireRank(x, 4, op);
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op);
        if (bias != null) {
            b.addInputs(x, w, bias);
        } else {
            b.addInputs(x, w);
        }
        b.addIntegerArguments((int) w.size(0), (int) w.size(1), sH, sW, 0, 0, 1, 1,
                p == Padding.SAME ? 1 : 0, 1, 0);
        // Fan-in per output element: kH * kW * iC for conv2d, kH * kW for depthwise.
        long fanIn = w.size(0) * w.size(1) * ("conv2d".equals(op) ? w.size(2) : 1);
        return OpCounter.record(Nd4j.exec(b.build())[0], fanIn);
    }

    /** Max pooling; padded cells never win (TF semantics). */
    public static INDArray maxPool(INDArray x, int kH, int kW, int sH, int sW, Padding p) {
        return pool("maxpool2d", x, kH, kW, sH, sW, p);
    }

    /** Average pooling; with SAME the divisor counts only real cells (TF semantics). */
    public static INDArray avgPool(INDArray x, int kH, int kW, int sH, int sW, Padding p) {
        return pool("avgpool2d", x, kH, kW, sH, sW, p);
    }

    private static INDArray pool(String op, INDArray x, int kH, int kW, int sH, int sW, Padding p) {
        requireRank(x, 4, op);
        // extra = 0: for avgpool2d the divisor excludes padding, as TF's AvgPool does.
        DynamicCustomOp o = DynamicCustomOp.builder(op).addInputs(x)
                .addIntegerArguments(kH, kW, sH, sW, 0, 0, 1, 1, p == Padding.SAME ? 1 : 0, 0, 1).build();
        return OpCounter.record(Nd4j.exec(o)[0], 0);
    }

    /** {@code x [N,K] x w [K,M] (+ bias [M])}. */
    public static INDArray matmul(INDArray x, INDArray w, INDArray bias) {
        requireRank(x, 2, "matmul");
        INDArray out = x.mmul(w);
        if (bias != null) {
            out.addiRowVector(bias);
        }
        return OpCounter.record(out, w.size(0));
    }

    /** Element-wise binary op with NumPy/TF broadcasting: add, subtract, multiply, minimum, maximum. */
    public static INDArray binary(String libnd4jOp, INDArray a, INDArray b) {
        return OpCounter.record(Nd4j.exec(DynamicCustomOp.builder(libnd4jOp).addInputs(a, b).build())[0], 0);
    }

    /** Applies an activation in place: only call on an array nobody else reads yet. */
    public static INDArray activateInPlace(INDArray x, Activation a) {
        switch (a) {
            case NONE -> {
            }
            case RELU -> Nd4j.exec(new RectifiedLinear(x, x, 0.0));
            case RELU6 -> Nd4j.exec(new Relu6(x, x, 0.0));
            default -> throw new IllegalStateException(a.toString());
        }
        return x;
    }

    /** Mean over the given axes (TF Mean); the result is a new array. */
    public static INDArray mean(INDArray x, boolean keepDims, int... axes) {
        return OpCounter.record(x.mean(keepDims, axes), 0);
    }

    /** Zero padding; {@code paddings[d] = {before, after}} for every dimension d. */
    public static INDArray padZeros(INDArray x, int[][] paddings) {
        int r = x.rank();
        if (paddings.length != r) {
            throw new IllegalArgumentException("paddings for rank " + paddings.length + " applied to rank " + r);
        }
        long[] shape = new long[r];
        INDArrayIndex[] at = new INDArrayIndex[r];
        for (int d = 0; d < r; d++) {
            shape[d] = x.size(d) + paddings[d][0] + paddings[d][1];
            at[d] = NDArrayIndex.interval(paddings[d][0], paddings[d][0] + x.size(d));
        }
        INDArray out = Nd4j.create(x.dataType(), shape);
        out.get(at).assign(x);
        return out;
    }

    /** A host float tensor as an ND4J array (c order, float32). */
    public static INDArray fromHost(float[] values, long... shape) {
        return Nd4j.create(values, shape, 'c');
    }

    /** Releases an array's native memory if it owns it (views and already-closed arrays are skipped). */
    public static void release(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    static INDArray floatZeros(long... shape) {
        return Nd4j.create(DataType.FLOAT, shape);
    }

    private static void requireRank(INDArray x, int rank, String op) {
        if (x.rank() != rank) {
            throw new IllegalArgumentException(op + " needs a rank-" + rank + " input, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
    }
}
