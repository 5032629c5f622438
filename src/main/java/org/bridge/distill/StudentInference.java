package org.bridge.distill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inference-only forward pass of the student's lower part M_s^l (input .. mimic layer), built
 * from a trained {@link ComputationGraph} and numerically equal to it (checked in
 * {@code StudentInferenceTest}). It exists because DL4J's {@code output} spends most of its time
 * outside the arithmetic at these small sizes (the bench issue, #7):
 *
 * <ul>
 *   <li>batch norm is folded into the preceding bias-free convolution (w' = w g / sqrt(v + eps),
 *       b' = beta - m g / sqrt(v + eps)), the input scale 1/127.5 into conv1's weights; the shift
 *       -127.5 stays a separate step because "same" zero padding happens after it;</li>
 *   <li>every convolution is libnd4j's {@code conv2d} (oneDNN) in NHWC with its bias: one native
 *       call per layer instead of DL4J's convolution and batch-norm layers with their layout
 *       conversions and per-layer allocations (ReLUs where DL4J applies them, see
 *       {@link #BATCH_NORM_APPLIES_ACTIVATION});</li>
 *   <li>all activations live in buffers allocated once per (resolution, chunk) and reused, and the
 *       ops themselves are built once; a large batch runs in chunks (see {@link #CHUNK_BYTES}) so
 *       the buffers stay bounded (at 96x96 a batch of 256 would need 1.2 GB of activations).</li>
 * </ul>
 *
 * <p>The result is the same 128-D mimic-layer feature as {@code graph.output("mimic")}. The weights
 * are copied at construction: later training of the graph is not seen (build a new instance).
 * Not thread-safe (one instance per thread), like DL4J networks.
 */
public final class StudentInference implements AutoCloseable {

    /**
     * Size of the largest layer output of one chunk (conv2's). Larger chunks mean fewer native calls
     * per face, which matters more than cache locality here (measured: at 96x96, 1 MB chunks of one
     * face ran at 161 faces per CPU-second, 32-64 MB chunks at 224-227; at 16x16 a 32 MB chunk, the
     * whole batch of 256, at 7,900 vs 4,500 with 1 MB).
     */
    static final long CHUNK_BYTES = Long.getLong("bridge.student.chunkBytes", 64L << 20);

    /**
     * Whether DL4J applies a batch-norm layer's configured activation. It does not in 1.0.0-M2.1:
     * {@code org.deeplearning4j.nn.layers.normalization.BatchNormalization#activate} returns the
     * normalised pre-output and never calls the activation function, in training and inference
     * alike. {@link StudentNetwork} therefore puts an explicit ReLU layer after each batch norm that
     * needs one; students saved before that fix have linear "BN + ReLU" layers, and the fast path
     * reproduces whichever model it is given as DL4J computes it (and
     * {@code StudentInferenceTest} fails if a DL4J upgrade changes this).
     */
    static final boolean BATCH_NORM_APPLIES_ACTIVATION = false;

    private static final String[] CONVS = {"conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "conv7", "conv8",
            "conv9", "conv10"};

    /** Folded convolution: weights [kH, kW, iC, oC] (libnd4j wFormat 0), bias [oC]. */
    private record Conv(String name, INDArray w, INDArray b, int k, int in, int out, boolean relu) {
    }

    private final Conv[] convs;
    private final INDArray fc1W;
    private final INDArray fc1B;
    private final boolean fc1Relu;
    private final INDArray mimicW;
    private final INDArray mimicB;
    private final long parameters;
    private Plan plan;

    private StudentInference(Conv[] convs, INDArray fc1W, INDArray fc1B, boolean fc1Relu, INDArray mimicW,
                             INDArray mimicB) {
        this.convs = convs;
        this.fc1Relu = fc1Relu;
        this.fc1W = fc1W;
        this.fc1B = fc1B;
        this.mimicW = mimicW;
        this.mimicB = mimicB;
        long n = fc1W.length() + fc1B.length() + mimicW.length() + mimicB.length();
        for (Conv c : convs) {
            n += c.w.length() + c.b.length();
        }
        this.parameters = n;
    }

    /** Folds and copies the weights of a student built by {@link StudentNetwork}. */
    public static StudentInference of(ComputationGraph net) {
        Nd4jRuntime.init();
        Conv[] convs = new Conv[CONVS.length];
        for (int i = 0; i < CONVS.length; i++) {
            convs[i] = fold(net, CONVS[i], i == 0 ? 1 / 127.5 : 1);
        }
        INDArray[] fc1 = dense(net, "fc1");
        INDArray[] mimic = dense(net, StudentNetwork.MIMIC);
        if (mimic[2] != null) {
            throw new IllegalArgumentException("the mimic layer must be linear");
        }
        return new StudentInference(convs, fc1[0], fc1[1], fc1[2] != null, mimic[0], mimic[1]);
    }

    private static Layer layer(ComputationGraph net, String name) {
        Layer l = net.getLayer(name);
        if (l == null) {
            throw new IllegalArgumentException("not a student network: no layer '" + name + "'");
        }
        return l;
    }

    /** Batch norm in inference mode as y = x * factor + shift, per channel ({@code [2, C]}, double). */
    private static INDArray[] batchNorm(ComputationGraph net, String name, long channels) {
        Layer bnLayer = layer(net, name);
        org.deeplearning4j.nn.conf.layers.BatchNormalization bn =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bnLayer.conf().getLayer();
        Map<String, INDArray> p = bnLayer.paramTable();
        // lockGammaBeta keeps gamma and beta in the configuration, not in the parameters.
        INDArray gamma = p.containsKey("gamma") ? p.get("gamma").dup('c').castTo(DataType.DOUBLE).reshape(-1)
                : Nd4j.valueArrayOf(new long[] {channels}, bn.getGamma(), DataType.DOUBLE);
        INDArray beta = p.containsKey("beta") ? p.get("beta").dup('c').castTo(DataType.DOUBLE).reshape(-1)
                : Nd4j.valueArrayOf(new long[] {channels}, bn.getBeta(), DataType.DOUBLE);
        INDArray mean = p.get("mean").dup('c').castTo(DataType.DOUBLE).reshape(-1);
        INDArray std;
        if (p.containsKey("log10stdev")) {
            // useLogStd (DL4J's default): the parameter is log10(std); at inference DL4J turns it into
            // var = std^2 and then normalises by sqrt(var + eps) like the plain variant.
            INDArray s = org.nd4j.linalg.ops.transforms.Transforms.pow(
                    Nd4j.valueArrayOf(new long[] {channels}, 10.0, DataType.DOUBLE),
                    p.get("log10stdev").dup('c').castTo(DataType.DOUBLE).reshape(-1), false);
            std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(s.mul(s).addi(bn.getEps()), false);
        } else {
            std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                    p.get("var").dup('c').castTo(DataType.DOUBLE).reshape(-1).add(bn.getEps()), false);
        }
        INDArray factor = gamma.div(std);
        boolean relu = bn.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationReLU;
        return new INDArray[] {factor, beta.sub(mean.mul(factor)), relu ? factor : null};
    }

    private static Conv fold(ComputationGraph net, String name, double inputScale) {
        Layer conv = layer(net, name);
        if (conv.paramTable().containsKey("b")) {
            throw new IllegalArgumentException(name + " has a bias; the student's convolutions are bias-free");
        }
        // DL4J: [oC, iC, kH, kW].
        INDArray w = conv.getParam("W").dup('c').castTo(DataType.DOUBLE);
        long out = w.size(0);
        long in = w.size(1);
        long k = w.size(2);
        INDArray[] bn = batchNorm(net, name + "_bn", out);
        // w'[o,i,y,x] = w * factor[o] * inputScale, then [kH, kW, iC, oC].
        INDArray scaled = w.reshape('c', out, in * k * k).mulColumnVector(bn[0].reshape(out, 1)).muli(inputScale)
                .reshape('c', out, in, k, k);
        INDArray hwio = scaled.permute(2, 3, 1, 0).dup('c').castTo(DataType.FLOAT).dup('c');
        return new Conv(name, hwio, bn[1].dup('c').castTo(DataType.FLOAT).dup(), (int) k, (int) in, (int) out,
                hasRelu(net, name) || BATCH_NORM_APPLIES_ACTIVATION && bn[2] != null);
    }

    /** A dense layer {@code [nIn, nOut]} + bias, with a following batch norm {@code name_bn} folded in if present. */
    private static INDArray[] dense(ComputationGraph net, String name) {
        Layer d = layer(net, name);
        INDArray w = d.getParam("W").dup('c').castTo(DataType.DOUBLE);
        long out = w.size(1);
        INDArray b = d.paramTable().containsKey("b") ? d.getParam("b").dup('c').castTo(DataType.DOUBLE).reshape(-1)
                : Nd4j.zeros(DataType.DOUBLE, out);
        boolean relu = ((org.deeplearning4j.nn.conf.layers.BaseLayer) d.conf().getLayer()).getActivationFn()
                instanceof org.nd4j.linalg.activations.impl.ActivationReLU;
        if (net.getConfiguration().getVertices().containsKey(name + "_bn")) {
            INDArray[] bn = batchNorm(net, name + "_bn", out);
            w = w.mulRowVector(bn[0].reshape(1, out));
            b = b.mul(bn[0]).addi(bn[1]);
            relu |= hasRelu(net, name) || BATCH_NORM_APPLIES_ACTIVATION && bn[2] != null;
        }
        return new INDArray[] {w.dup('c').castTo(DataType.FLOAT).dup('c'), b.dup('c').castTo(DataType.FLOAT).dup(),
                relu ? w : null};
    }

    /**
     * Whether the layer's batch norm is followed by an explicit ReLU layer (students built since the
     * batch-norm activation fix). Students saved before it have none and stay linear there, exactly
     * as DL4J computed them.
     */
    private static boolean hasRelu(ComputationGraph net, String name) {
        org.deeplearning4j.nn.graph.vertex.GraphVertex v = net.getVertex(name + StudentNetwork.RELU_SUFFIX);
        if (v == null || !v.hasLayer()) {
            return false;
        }
        return ((org.deeplearning4j.nn.conf.layers.ActivationLayer) v.getLayer().conf().getLayer()).getActivationFn()
                instanceof org.nd4j.linalg.activations.impl.ActivationReLU;
    }

    /** Parameters the fast path holds (batch norm folded away): what a deployment stores. */
    public long parameters() {
        return parameters;
    }

    /** Faces per internal chunk at resolution p. */
    public static int chunkSize(int p) {
        long largest = (long) p * p * 32 * Float.BYTES; // conv2's output per face
        long c = Math.max(1, CHUNK_BYTES / largest);
        return (int) Math.min(256, Long.highestOneBit(c));
    }

    /** Mimic-layer features of a {@code [n, 3, p, p]} batch (0..255 values, NCHW) as a new {@code [n, 128]} array. */
    public INDArray features(INDArray batch) {
        if (batch.rank() != 4 || batch.size(1) != 3 || batch.size(2) != batch.size(3)
                || batch.size(2) < StudentNetwork.MIN_RESOLUTION) {
            throw new IllegalArgumentException("student input must be [n, 3, p, p] with p >= "
                    + StudentNetwork.MIN_RESOLUTION + ", got " + java.util.Arrays.toString(batch.shape()));
        }
        int n = (int) batch.size(0);
        int p = (int) batch.size(2);
        INDArray x = batch.dataType() == DataType.FLOAT ? batch : batch.castTo(DataType.FLOAT);
        INDArray result = Nd4j.create(DataType.FLOAT, n, StudentNetwork.MIMIC_DIMENSION);
        int chunk = Math.min(chunkSize(p), n);
        for (int start = 0; start < n; start += chunk) {
            int c = Math.min(chunk, n - start);
            Plan pl = plan(p, c);
            pl.run(x.get(NDArrayIndex.interval(start, start + c), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()));
            result.get(NDArrayIndex.interval(start, start + c), NDArrayIndex.all()).assign(pl.out);
        }
        return result;
    }

    private Plan plan(int p, int c) {
        if (plan == null || plan.p != p || plan.c != c) {
            if (plan != null) {
                plan.close();
            }
            plan = new Plan(p, c);
        }
        return plan;
    }

    /**
     * Activation bytes of one face at resolution p: the sum of every intermediate buffer the fast
     * path keeps (float32), i.e. the working set per face.
     */
    public static long activationBytesPerFace(int p) {
        return Plan.bytesPerFace(p);
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
    }

    /** Preallocated buffers and prebuilt ops for one (resolution, chunk). */
    private final class Plan implements AutoCloseable {
        final int p;
        final int c;
        final INDArray in;
        final INDArray out;
        final List<INDArray> buffers = new ArrayList<>();
        final List<Runnable> steps = new ArrayList<>();

        Plan(int p, int c) {
            this.p = p;
            this.c = c;
            int s2 = p / 2;
            int s4 = s2 / 2;
            int s8 = s4 / 2;
            in = buf(c, p, p, 3);
            INDArray a1 = conv(0, in, buf(c, p, p, 16), true);
            INDArray a2 = conv(1, a1, buf(c, p, p, 32), true);
            INDArray p1 = pool(a2, buf(c, s2, s2, 32));
            INDArray c3 = conv(2, p1, buf(c, s2, s2, 64), true);
            INDArray a4 = conv(3, c3, buf(c, s2, s2, 32), true);
            INDArray c5 = conv(4, a4, buf(c, s2, s2, 64), false);
            addRelu(c5, c3);
            INDArray p2 = pool(c5, buf(c, s4, s4, 64));
            INDArray c6 = conv(5, p2, buf(c, s4, s4, 96), true);
            INDArray a7 = conv(6, c6, buf(c, s4, s4, 48), true);
            INDArray c8 = conv(7, a7, buf(c, s4, s4, 96), false);
            addRelu(c8, c6);
            INDArray a9 = conv(8, c8, buf(c, s4, s4, 128), true);
            INDArray p3 = pool(a9, buf(c, s8, s8, 128));
            INDArray a10 = conv(9, p3, buf(c, s8, s8, 128), true);
            INDArray gap = buf(c, 128);
            steps.add(() -> a10.mean(gap, 1, 2));
            INDArray h = buf(c, 128);
            steps.add(() -> {
                Nd4j.gemm(gap, fc1W, h, false, false, 1.0, 0.0);
                h.addiRowVector(fc1B);
                if (fc1Relu) {
                    Nd4j.exec(new RectifiedLinear(h, h, 0.0));
                }
            });
            out = buf(c, StudentNetwork.MIMIC_DIMENSION);
            steps.add(() -> {
                Nd4j.gemm(h, mimicW, out, false, false, 1.0, 0.0);
                out.addiRowVector(mimicB);
            });
        }

        static long bytesPerFace(int p) {
            long s1 = (long) p * p;
            long s2 = (long) (p / 2) * (p / 2);
            long s4 = (long) (p / 4) * (p / 4);
            long s8 = (long) (p / 8) * (p / 8);
            long floats = s1 * (3 + 16 + 32) + s2 * (32 + 64 + 32 + 64) + s4 * (64 + 96 + 48 + 96 + 128)
                    + s8 * (128 + 128) + 3 * 128;
            return floats * Float.BYTES;
        }

        INDArray buf(long... shape) {
            INDArray b = Nd4j.create(DataType.FLOAT, shape, 'c');
            buffers.add(b);
            return b;
        }

        INDArray conv(int i, INDArray x, INDArray y, boolean reluAllowed) {
            Conv cv = convs[i];
            boolean relu = reluAllowed && cv.relu;
            DynamicCustomOp op = DynamicCustomOp.builder("conv2d").addInputs(x, cv.w, cv.b).addOutputs(y)
                    // kH, kW, sH, sW, pH, pW, dH, dW, isSame, dataFormat 1 = NHWC, wFormat 0 = [kH,kW,iC,oC]
                    .addIntegerArguments(cv.k, cv.k, 1, 1, 0, 0, 1, 1, 1, 1, 0).build();
            steps.add(() -> Nd4j.exec(op));
            if (relu) {
                RectifiedLinear r = new RectifiedLinear(y, y, 0.0);
                steps.add(() -> Nd4j.exec(r));
            }
            return y;
        }

        INDArray pool(INDArray x, INDArray y) {
            // kH, kW, sH, sW, pH, pW, dH, dW, isSame 0 (truncate), extra, dataFormat 1 = NHWC
            DynamicCustomOp op = DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(y)
                    .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1).build();
            steps.add(() -> Nd4j.exec(op));
            return y;
        }

        void addRelu(INDArray y, INDArray skip) {
            RectifiedLinear r = new RectifiedLinear(y, y, 0.0);
            steps.add(() -> {
                y.addi(skip);
                Nd4j.exec(r);
            });
        }

        void run(INDArray nchw) {
            // NCHW 0..255 -> NHWC x - 127.5 (the 1/127.5 sits in conv1's weights).
            in.assign(nchw.permute(0, 2, 3, 1));
            in.subi(127.5f);
            for (Runnable s : steps) {
                s.run();
            }
        }

        @Override
        public void close() {
            for (INDArray b : buffers) {
                b.close();
            }
        }
    }
}
