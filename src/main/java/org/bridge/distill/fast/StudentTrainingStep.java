package org.bridge.distill.fast;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * A hand-written training iteration of the student (the network {@code StudentNetwork} builds),
 * working in place on a DL4J {@link ComputationGraph}'s parameters: forward, backward and then
 * DL4J's own updater (Adam or SGD, weight decay, the learning-rate schedule, the batch-norm
 * running averages) exactly as {@code ComputationGraph.fit} applies it. The graph stays the
 * model: checkpoints, resumption and inference see no difference.
 *
 * <p>What it does instead of DL4J's layers, and why (profile in experiments/NOTES.md, "Training
 * speed"):
 * <ul>
 *   <li>activations are channels-last (NHWC) in buffers allocated once per batch size; each
 *       convolution and its backward pass is one libnd4j {@code conv2d}/{@code conv2d_bp} call
 *       (oneDNN) that reads DL4J's weight array and writes DL4J's gradient array directly;</li>
 *   <li>batch norm (forward statistics, normalisation, backward) is fused with the ReLU or the
 *       skip addition that follows it, in Java loops split over the batch on the given number of
 *       threads ({@link BatchNormKernels}); max pooling likewise ({@link MaxPoolKernels});</li>
 *   <li>the dense layers and heads are small matrix products and loops.</li>
 * </ul>
 *
 * <p>Supported heads are those of the supervisions c, s, dc and sc with the softmax identity
 * layer: {@link #of} refuses a graph it cannot compute exactly (centre loss, margin losses,
 * another architecture) with a message naming the part.
 *
 * <p>Not thread-safe; one step at a time.
 */
public final class StudentTrainingStep implements AutoCloseable {

    /** Convolution layers in order, with their kernel size and whether a skip addition follows. */
    private static final String[] CONVS = {"conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "conv7", "conv8",
            "conv9", "conv10"};
    private static final int[] KERNELS = {3, 3, 3, 1, 3, 3, 1, 3, 1, 1};
    private static final int[] OUT = {16, 32, 64, 32, 64, 96, 48, 96, 128, 128};
    private static final int[] IN = {3, 16, 32, 64, 32, 64, 96, 48, 96, 128};
    /** Index of the convolution whose batch-normalised output is added to conv{i}'s before a ReLU. */
    private static final int CONV5 = 4;
    private static final int CONV8 = 7;
    private static final String IDENTITY = "identity";
    private static final String REGRESSION = "regression";
    private static final String PROJECTION = "regression_projection";
    private static final String UNIT = "regression_unit";
    private static final float INPUT_SHIFT = -127.5f;
    private static final float INPUT_SCALE = (float) (1 / 127.5);

    /** Per-output scores of one step (0 for an output switched off), as DL4J's output layers score. */
    public record Scores(double classification, double regression) {
    }

    private final ComputationGraph net;
    private final Parallel par;
    private final boolean convRelu;
    private final boolean fc1Relu;
    private final Norm[] convNorms = new Norm[CONVS.length];
    private final Norm fc1Norm;
    private final INDArray[] convW = new INDArray[CONVS.length];
    private final INDArray[] convGradW = new INDArray[CONVS.length];
    private final Dense fc1;
    private final Dense mimic;
    private final Dense classifier;
    private final int classes;
    private final Dense projection;
    private final int targetDimension;
    private final boolean unitSphere;
    private final double unitEps;
    private final float[] regressionWeights;
    private final boolean meanOverDimensions;
    private final FloatBuffer params;
    private final FloatBuffer gradients;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    private StudentTrainingStep(ComputationGraph net, int threads) {
        this.net = net;
        if (net.params().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the hand-written step trains float32 students, this one is "
                    + net.params().dataType());
        }
        if (net.getConfiguration().getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("not a student network: it has several inputs");
        }
        // Sets up the gradient view and the updater before any view is taken.
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        net.getUpdater(true);
        this.params = net.params().data().asNioFloat();
        this.gradients = net.getGradientsViewArray().data().asNioFloat();
        this.convRelu = hasRelu("conv1");
        for (int i = 0; i < CONVS.length; i++) {
            Layer conv = layer(CONVS[i]);
            if (!(conv.conf().getLayer() instanceof ConvolutionLayer c) || c.hasBias()
                    || !(c.getActivationFn() instanceof ActivationIdentity)
                    || c.getKernelSize()[0] != KERNELS[i] || c.getKernelSize()[1] != KERNELS[i]
                    || c.getStride()[0] != 1 || c.getStride()[1] != 1 || c.getNIn() != IN[i] || c.getNOut() != OUT[i]) {
                throw new IllegalArgumentException("not the student architecture: " + CONVS[i] + " must be a bias-free "
                        + KERNELS[i] + "x" + KERNELS[i] + " convolution " + IN[i] + "->" + OUT[i]);
            }
            convW[i] = conv.getParam("W");
            convGradW[i] = gradientViews(conv).get("W");
            convNorms[i] = new Norm(layer(CONVS[i] + "_bn"), OUT[i], false);
            boolean skip = i == CONV5 || i == CONV8;
            if (!skip && hasRelu(CONVS[i]) != convRelu) {
                throw new IllegalArgumentException("the student's batch norms must all have a ReLU or none; "
                        + CONVS[i] + " differs from conv1");
            }
        }
        fc1 = new Dense(layer("fc1"), false);
        fc1Norm = new Norm(layer("fc1_bn"), 128, true);
        fc1Relu = hasRelu("fc1");
        mimic = new Dense(layer("mimic"), true);

        List<String> outputs = net.getConfiguration().getNetworkOutputs();
        Dense cls = null;
        int k = 0;
        if (outputs.contains(IDENTITY)) {
            Layer id = layer(IDENTITY);
            if (!(id.conf().getLayer() instanceof OutputLayer o) || !(o.getLossFn() instanceof LossMCXENT loss)
                    || loss.getWeights() != null || !(o.getActivationFn() instanceof ActivationSoftmax)) {
                throw new IllegalArgumentException("the hand-written step trains the softmax identity layer only,"
                        + " not " + id.conf().getLayer().getClass().getSimpleName() + " with "
                        + (id.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer b
                        ? b.getLossFn() : "no loss"));
            }
            cls = new Dense(id, true);
            k = cls.out;
        } else if (outputs.stream().anyMatch(o -> o.startsWith(IDENTITY))) {
            throw new IllegalArgumentException("the hand-written step trains the softmax identity layer only, not "
                    + "the margin heads");
        }
        classifier = cls;
        classes = k;

        Dense proj = null;
        boolean unit = false;
        double eps = 0;
        ILossFunction loss = null;
        int d = 0;
        if (outputs.contains(REGRESSION)) {
            Map<String, GraphVertex> vertices = net.getConfiguration().getVertices();
            Map<String, List<String>> inputs = net.getConfiguration().getVertexInputs();
            org.deeplearning4j.nn.conf.layers.Layer reg = layer(REGRESSION).conf().getLayer();
            String from = inputs.get(REGRESSION).get(0);
            if (reg instanceof OutputLayer o) {
                proj = new Dense(layer(REGRESSION), true);
                loss = o.getLossFn();
                requireIdentity(o, REGRESSION);
                d = proj.out;
            } else if (reg instanceof LossLayer l) {
                loss = l.getLossFn();
                requireIdentity(l, REGRESSION);
                if (from.equals(UNIT)) {
                    unit = true;
                    eps = ((L2NormalizeVertex) vertices.get(UNIT)).getEps();
                    from = inputs.get(UNIT).get(0);
                }
                if (from.equals(PROJECTION)) {
                    proj = new Dense(layer(PROJECTION), true);
                    d = proj.out;
                } else if (from.equals("mimic")) {
                    d = 128;
                } else {
                    throw new IllegalArgumentException("not a student regression head: it reads " + from);
                }
            } else {
                throw new IllegalArgumentException("not a student regression head: " + reg.getClass().getSimpleName());
            }
            if (!(loss instanceof LossL2)) {
                throw new IllegalArgumentException("the hand-written step trains squared-error regression only, not "
                        + loss);
            }
        }
        if (outputs.size() != (classifier != null ? 1 : 0) + (loss != null ? 1 : 0)) {
            throw new IllegalArgumentException("the hand-written step does not know the outputs " + outputs);
        }
        projection = proj;
        unitSphere = unit;
        unitEps = eps;
        targetDimension = d;
        meanOverDimensions = loss instanceof LossMSE;
        regressionWeights = new float[d];
        java.util.Arrays.fill(regressionWeights, 1f);
        if (loss != null && ((LossL2) loss).getWeights() != null) {
            float[] w = ((LossL2) loss).getWeights().castTo(DataType.FLOAT).dup().data().asFloat();
            System.arraycopy(w, 0, regressionWeights, 0, d);
        }
        this.par = new Parallel(threads);
    }

    /**
     * A step that trains {@code net} in place on {@code threads} threads (Java loops; the native
     * convolutions use ND4J's OpenMP threads).
     *
     * @throws IllegalArgumentException when the graph is not a student this step computes exactly
     */
    public static StudentTrainingStep of(ComputationGraph net, int threads) {
        return new StudentTrainingStep(net, threads);
    }

    private Layer layer(String name) {
        Layer l = net.getLayer(name);
        if (l == null) {
            throw new IllegalArgumentException("not a student network: no layer '" + name + "'");
        }
        return l;
    }

    private boolean hasRelu(String name) {
        org.deeplearning4j.nn.graph.vertex.GraphVertex v = net.getVertex(name + "_relu");
        if (v == null) {
            return false;
        }
        if (!v.hasLayer() || !(v.getLayer().conf().getLayer() instanceof ActivationLayer a)
                || !(a.getActivationFn() instanceof ActivationReLU)) {
            throw new IllegalArgumentException("not a student network: " + name + "_relu is not a ReLU");
        }
        return true;
    }

    private static void requireIdentity(BaseLayer l, String name) {
        if (!(l.getActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException(name + " must have the identity activation, has " + l.getActivationFn());
        }
    }

    private static Map<String, INDArray> gradientViews(Layer l) {
        return l.conf().getLayer().initializer().getGradientsFromFlattened(l.conf(), l.getGradientsViewArray());
    }

    /** Offset of a view's first element in its data buffer (params and gradients are contiguous views). */
    private static int offset(INDArray view) {
        return (int) view.offset();
    }

    /** A batch-norm layer's parameters, gradients and last batch statistics. */
    private final class Norm {
        final String name;
        final int channels;
        final double eps;
        final double decay;
        final boolean logStd;
        final boolean locked;
        final int gammaAt;
        final int betaAt;
        final int gammaGradAt;
        final int betaGradAt;
        final int meanAt;
        final int meanGradAt;
        final int spreadAt;
        final int spreadGradAt;
        final float[] gamma;
        final float[] beta;
        final BatchNormKernels.Statistics stats;
        final double[] dGamma;
        final double[] dBeta;

        Norm(Layer l, int channels, boolean locked) {
            if (!(l.conf().getLayer() instanceof BatchNormalization bn)) {
                throw new IllegalArgumentException("not a student network: " + l.conf().getLayer().getLayerName()
                        + " is not a batch norm");
            }
            this.name = bn.getLayerName();
            this.channels = channels;
            this.eps = bn.getEps();
            this.decay = bn.getDecay();
            this.logStd = bn.isUseLogStd();
            this.locked = bn.isLockGammaBeta();
            if (locked != this.locked) {
                throw new IllegalArgumentException(name + (locked ? " must have fixed" : " must learn")
                        + " gamma and beta");
            }
            if (this.locked && (bn.getGamma() != 1 || bn.getBeta() != 0)) {
                throw new IllegalArgumentException(name + ": fixed gamma and beta must be 1 and 0");
            }
            Map<String, INDArray> p = l.paramTable();
            Map<String, INDArray> g = gradientViews(l);
            gamma = new float[channels];
            beta = new float[channels];
            java.util.Arrays.fill(gamma, 1f);
            gammaAt = this.locked ? -1 : offset(p.get("gamma"));
            betaAt = this.locked ? -1 : offset(p.get("beta"));
            gammaGradAt = this.locked ? -1 : offset(g.get("gamma"));
            betaGradAt = this.locked ? -1 : offset(g.get("beta"));
            meanAt = offset(p.get("mean"));
            meanGradAt = offset(g.get("mean"));
            String spread = logStd ? "log10stdev" : "var";
            spreadAt = offset(p.get(spread));
            spreadGradAt = offset(g.get(spread));
            stats = new BatchNormKernels.Statistics(channels);
            dGamma = new double[channels];
            dBeta = new double[channels];
        }

        void readParams() {
            if (!locked) {
                for (int c = 0; c < channels; c++) {
                    gamma[c] = params.get(gammaAt + c);
                    beta[c] = params.get(betaAt + c);
                }
            }
        }

        /**
         * DL4J's "gradients" of the running mean and spread, which its no-op updater subtracts as
         * they are: mean - (1-d)(mean - batchMean) and the log10 std of d var + (1-d) batchVar.
         */
        void writeGradients() {
            for (int c = 0; c < channels; c++) {
                if (!locked) {
                    gradients.put(gammaGradAt + c, (float) dGamma[c]);
                    gradients.put(betaGradAt + c, (float) dBeta[c]);
                }
                float mean = params.get(meanAt + c);
                gradients.put(meanGradAt + c, (float) ((1 - decay) * (mean - stats.mean[c])));
                float spread = params.get(spreadAt + c);
                if (logStd) {
                    double std = Math.pow(10, spread);
                    double var = std * std;
                    double next = var * decay + stats.variance[c] * (1 - decay);
                    gradients.put(spreadGradAt + c, (float) (Math.log(var / next) / (2 * Math.log(10))));
                } else {
                    gradients.put(spreadGradAt + c, (float) ((1 - decay) * (spread - stats.variance[c])));
                }
            }
        }
    }

    /** A dense layer: W [nIn, nOut] ('f', DL4J's layout) and optional bias, with gradient views. */
    private final class Dense {
        final INDArray w;
        final INDArray gradW;
        final int biasAt;
        final int biasGradAt;
        final int in;
        final int out;

        Dense(Layer l, boolean bias) {
            if (!(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f)
                    || !(f instanceof DenseLayer || f instanceof OutputLayer)) {
                throw new IllegalArgumentException("not a student network: " + l.conf().getLayer().getLayerName()
                        + " is not a dense layer");
            }
            String name = f.getLayerName();
            if (f instanceof DenseLayer dl) {
                requireIdentity(dl, name);
                if (dl.hasBias() != bias) {
                    throw new IllegalArgumentException(name + (bias ? " must have" : " must not have") + " a bias");
                }
            }
            if (!l.paramTable().keySet().equals(bias ? java.util.Set.of("W", "b") : java.util.Set.of("W"))) {
                throw new IllegalArgumentException(name + " has parameters " + l.paramTable().keySet());
            }
            if (l.paramTable().get("W").ordering() != 'f') {
                throw new IllegalArgumentException(name + ": weights must be in DL4J's 'f' order");
            }
            Map<String, INDArray> g = gradientViews(l);
            w = l.getParam("W");
            gradW = g.get("W");
            in = (int) w.size(0);
            out = (int) w.size(1);
            biasAt = bias ? offset(l.getParam("b")) : -1;
            biasGradAt = bias ? offset(g.get("b")) : -1;
        }

        /** y = x W + b. */
        void forward(INDArray x, INDArray y, FloatBuffer yb, int n) {
            Nd4j.gemm(x, w, y, false, false, 1.0, 0.0);
            if (biasAt >= 0) {
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < out; o++) {
                        yb.put(i * out + o, yb.get(i * out + o) + params.get(biasAt + o));
                    }
                }
            }
        }

        /** Gradients of W and b from dy; dx = dy W^T (added to dx when accumulating) unless dx is null. */
        void backward(INDArray x, INDArray dy, FloatBuffer dyb, INDArray dx, int n) {
            backward(x, dy, dyb, dx, n, false);
        }

        void backward(INDArray x, INDArray dy, FloatBuffer dyb, INDArray dx, int n, boolean accumulate) {
            Nd4j.gemm(x, dy, gradW, true, false, 1.0, 0.0);
            if (biasAt >= 0) {
                for (int o = 0; o < out; o++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += dyb.get(i * out + o);
                    }
                    gradients.put(biasGradAt + o, (float) s);
                }
            }
            if (dx != null) {
                Nd4j.gemm(dy, w, dx, false, true, 1.0, accumulate ? 1.0 : 0.0);
            }
        }
    }

    /** A float buffer and its direct view. */
    private record Buf(INDArray nd, FloatBuffer fb) {
        static Buf of(List<INDArray> owner, long... shape) {
            INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
            owner.add(a);
            return new Buf(a, a.data().asNioFloat());
        }
    }

    /** Activations and gradients for one batch size and resolution, and each convolution's input buffers. */
    private final class Buffers {
        final int n;
        final int p;
        final List<INDArray> all = new ArrayList<>();
        final Buf x0;
        final Buf gx0;
        final Buf[] z = new Buf[CONVS.length];
        final Buf[] y = new Buf[CONVS.length];
        final Buf[] g = new Buf[CONVS.length];
        final int[] side = new int[CONVS.length];
        final Buf[] pooled = new Buf[3];
        final Buf[] pooledGrad = new Buf[3];
        final byte[][] winners = new byte[3][];
        final Buf scratch3;
        final Buf scratch6;
        final Buf gap;
        final Buf gapGrad;
        final Buf h;
        final Buf hOut;
        final Buf hGrad;
        final Buf m;
        final Buf mGrad;
        final Buf logits;
        final Buf proj;
        final Buf projGrad;

        Buffers(int n, int p) {
            this.n = n;
            this.p = p;
            int s2 = p / 2;
            int s4 = s2 / 2;
            int s8 = s4 / 2;
            int[] sides = {p, p, s2, s2, s2, s4, s4, s4, s4, s8};
            x0 = Buf.of(all, n, p, p, 3);
            gx0 = Buf.of(all, n, p, p, 3);
            for (int i = 0; i < CONVS.length; i++) {
                side[i] = sides[i];
                z[i] = Buf.of(all, n, sides[i], sides[i], OUT[i]);
                y[i] = Buf.of(all, n, sides[i], sides[i], OUT[i]);
                g[i] = Buf.of(all, n, sides[i], sides[i], OUT[i]);
            }
            int[] poolSides = {s2, s4, s8};
            int[] poolChannels = {32, 64, 128};
            for (int k = 0; k < 3; k++) {
                pooled[k] = Buf.of(all, n, poolSides[k], poolSides[k], poolChannels[k]);
                pooledGrad[k] = Buf.of(all, n, poolSides[k], poolSides[k], poolChannels[k]);
                winners[k] = new byte[n * poolSides[k] * poolSides[k] * poolChannels[k]];
            }
            scratch3 = Buf.of(all, n, s2, s2, 64);
            scratch6 = Buf.of(all, n, s4, s4, 96);
            gap = Buf.of(all, n, 128);
            gapGrad = Buf.of(all, n, 128);
            h = Buf.of(all, n, 128);
            hOut = Buf.of(all, n, 128);
            hGrad = Buf.of(all, n, 128);
            m = Buf.of(all, n, 128);
            mGrad = Buf.of(all, n, 128);
            logits = classes > 0 ? Buf.of(all, n, classes) : null;
            proj = projection != null ? Buf.of(all, n, targetDimension) : null;
            projGrad = projection != null ? Buf.of(all, n, targetDimension) : null;
            // Inputs of each convolution and where the gradient at that input goes.
            Buf[] in = {x0, y[0], pooled[0], y[2], y[3], pooled[1], y[5], y[6], y[7], pooled[2]};
            Buf[] inGrad = {gx0, g[0], pooledGrad[0], scratch3, g[3], pooledGrad[1], scratch6, g[6], g[7],
                    pooledGrad[2]};
            this.in = in;
            this.inGrad = inGrad;
        }

        final Buf[] in;
        final Buf[] inGrad;

        DynamicCustomOp forward(int i) {
            return DynamicCustomOp.builder("conv2d").addInputs(in[i].nd, convW[i]).addOutputs(z[i].nd)
                    .addIntegerArguments(convArgs(i)).build();
        }

        DynamicCustomOp backward(int i) {
            return DynamicCustomOp.builder("conv2d_bp").addInputs(in[i].nd, convW[i], g[i].nd)
                    .addOutputs(inGrad[i].nd, convGradW[i]).addIntegerArguments(convArgs(i)).build();
        }

        int rows(int i) {
            return n * side[i] * side[i];
        }

        void close() {
            for (INDArray a : all) {
                a.close();
            }
        }
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, isSame 1, dataFormat 1 = NHWC, wFormat 1 = [oC, iC, kH, kW] (DL4J's). */
    private static int[] convArgs(int i) {
        int k = KERNELS[i];
        return new int[] {k, k, 1, 1, 0, 0, 1, 1, 1, 1, 1};
    }

    private Buffers buffers(int n, int p) {
        Buffers b = buffers.get(n);
        if (b == null || b.p != p) {
            if (b != null) {
                b.close();
            }
            if (buffers.size() >= 2) {
                // A run uses two batch sizes at most (the full one and the last of an epoch).
                buffers.values().forEach(Buffers::close);
                buffers.clear();
            }
            b = new Buffers(n, p);
            buffers.put(n, b);
        }
        return b;
    }

    /**
     * One training iteration as {@code ComputationGraph.fit} performs it: scores of the batch
     * before the update, then the update of every parameter, then the iteration counter.
     *
     * @param inputs  n faces p x p, NCHW, values 0..255 ({@code [n, 3, p, p]} flattened)
     * @param labels  identity per face (negative = unlabelled, out of the cross-entropy), or null when
     *                the classification output is switched off (or absent)
     * @param targets n regression targets one after the other, or null when the regression is off
     */
    public Scores fit(float[] inputs, int n, int p, int[] labels, float[] targets) {
        Scores scores = computeGradients(inputs, n, p, labels, targets);
        applyUpdate(n);
        return scores;
    }

    /**
     * Forward and backward pass: fills the graph's gradient array as DL4J's
     * {@code computeGradientAndScore} does (sums over the batch; for batch norm's running mean
     * and spread, the amounts to subtract) without changing any parameter.
     */
    public Scores computeGradients(float[] inputs, int n, int p, int[] labels, float[] targets) {
        if (n < 2) {
            throw new IllegalArgumentException("batch norm needs at least 2 samples, got " + n);
        }
        if (p < 8 || inputs.length < n * 3 * p * p) {
            throw new IllegalArgumentException("need " + n + " inputs of 3 x " + p + " x " + p + " (p >= 8)");
        }
        if (labels != null && classifier == null || targets != null && targetDimension == 0) {
            throw new IllegalArgumentException("the student has no " + (labels != null ? "identity" : "regression")
                    + " output");
        }
        if (targets != null && targets.length < n * targetDimension) {
            throw new IllegalArgumentException("need " + n + " regression targets of " + targetDimension);
        }
        Buffers b = buffers(n, p);
        for (Norm norm : convNorms) {
            norm.readParams();
        }
        forwardBody(inputs, b);
        // Heads: scores and the gradient at the mimic layer.
        FloatBuffer dm = b.mGrad.fb;
        for (int j = 0; j < n * 128; j++) {
            dm.put(j, 0f);
        }
        double cls = classifier == null ? 0 : classification(b, labels);
        double reg = targetDimension == 0 ? 0 : regression(b, targets);
        backwardBody(b);
        for (Norm norm : convNorms) {
            norm.writeGradients();
        }
        fc1Norm.writeGradients();
        return new Scores(cls, reg);
    }

    private void forwardBody(float[] inputs, Buffers b) {
        int n = b.n;
        int p = b.p;
        FloatBuffer x0 = b.x0.fb;
        int plane = p * p;
        par.forRange(n, (part, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int c = 0; c < 3; c++) {
                    int src = (s * 3 + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        x0.put((s * plane + i) * 3 + c, (inputs[src + i] + INPUT_SHIFT) * INPUT_SCALE);
                    }
                }
            }
        });
        for (int i = 0; i < CONVS.length; i++) {
            Nd4j.exec(b.forward(i));
            Norm norm = convNorms[i];
            boolean skip = i == CONV5 || i == CONV8;
            FloatBuffer skipIn = i == CONV5 ? b.y[2].fb : i == CONV8 ? b.y[5].fb : null;
            BatchNormKernels.forward(par, b.z[i].fb, b.y[i].fb, b.rows(i), OUT[i], norm.gamma, norm.beta, skipIn,
                    skip || convRelu, norm.eps, norm.stats);
            int pool = i == 1 ? 0 : i == CONV5 ? 1 : i == 8 ? 2 : -1;
            if (pool >= 0) {
                MaxPoolKernels.forward(par, b.y[i].fb, b.pooled[pool].fb, b.winners[pool], n, b.side[i], b.side[i],
                        OUT[i]);
            }
        }
        // Global average pooling, fc1 + its batch norm (+ ReLU), mimic.
        int spatial = b.side[9] * b.side[9];
        FloatBuffer y10 = b.y[9].fb;
        FloatBuffer gap = b.gap.fb;
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < 128; c++) {
                double sum = 0;
                for (int k = 0; k < spatial; k++) {
                    sum += y10.get((s * spatial + k) * 128 + c);
                }
                gap.put(s * 128 + c, (float) (sum / spatial));
            }
        }
        fc1.forward(b.gap.nd, b.h.nd, b.h.fb, n);
        BatchNormKernels.forward(par, b.h.fb, b.hOut.fb, n, 128, fc1Norm.gamma, fc1Norm.beta, null, fc1Relu,
                fc1Norm.eps, fc1Norm.stats);
        mimic.forward(b.hOut.nd, b.m.nd, b.m.fb, n);
    }

    /** Softmax cross-entropy (DL4J's MCXENT, probabilities clipped at 1e-10 for the score). */
    private double classification(Buffers b, int[] labels) {
        int n = b.n;
        int k = classes;
        classifier.forward(b.m.nd, b.logits.nd, b.logits.fb, n);
        FloatBuffer z = b.logits.fb;
        double score = 0;
        for (int i = 0; i < n; i++) {
            int base = i * k;
            boolean active = labels != null && labels[i] >= 0;
            if (active && labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is not below " + k);
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z.get(base + j));
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                float e = (float) Math.exp(z.get(base + j) - max);
                z.put(base + j, e);
                sum += e;
            }
            for (int j = 0; j < k; j++) {
                float prob = (float) (z.get(base + j) / sum);
                if (!active) {
                    z.put(base + j, 0f);
                    continue;
                }
                if (j == labels[i]) {
                    score -= Math.log(Math.min(Math.max(prob, 1e-10), 1 - 1e-10));
                    z.put(base + j, prob - 1);
                } else {
                    z.put(base + j, prob);
                }
            }
        }
        // z now holds dL/dlogits; the mimic gradient gets its part.
        classifier.backward(b.m.nd, b.logits.nd, b.logits.fb, b.mGrad.nd, n);
        return score / n;
    }

    /** Squared error w (v - t)^2 summed (or averaged) over dimensions, v optionally on the unit sphere. */
    private double regression(Buffers b, float[] targets) {
        int n = b.n;
        int d = targetDimension;
        Buf v = b.m;
        if (projection != null) {
            projection.forward(b.m.nd, b.proj.nd, b.proj.fb, n);
            v = b.proj;
        }
        FloatBuffer vb = v.fb;
        // Gradient at v: into projGrad (projected) or added to the mimic gradient.
        FloatBuffer out = projection != null ? b.projGrad.fb : b.mGrad.fb;
        double score = 0;
        float divisor = meanOverDimensions ? d : 1;
        float[] u = new float[d];
        float[] du = new float[d];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            if (targets == null) {
                if (projection != null) {
                    for (int j = 0; j < d; j++) {
                        out.put(base + j, 0f);
                    }
                }
                continue;
            }
            double norm = 1;
            double norm3 = 1;
            if (unitSphere) {
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    double x = vb.get(base + j);
                    sq += x * x;
                }
                double raw = Math.sqrt(sq);
                norm = Math.max(raw, unitEps);
                norm3 = Math.max(raw * raw * raw, unitEps);
            }
            double dot = 0;
            double rowScore = 0;
            for (int j = 0; j < d; j++) {
                u[j] = unitSphere ? (float) (vb.get(base + j) / norm) : vb.get(base + j);
                float diff = u[j] - targets[base + j];
                rowScore += (double) diff * diff * regressionWeights[j];
                du[j] = 2 * diff * regressionWeights[j] / divisor;
                dot += (double) du[j] * vb.get(base + j);
            }
            score += rowScore / divisor;
            for (int j = 0; j < d; j++) {
                float grad = unitSphere ? (float) (du[j] / norm - vb.get(base + j) / norm3 * dot) : du[j];
                out.put(base + j, projection != null ? grad : out.get(base + j) + grad);
            }
        }
        if (projection != null) {
            projection.backward(b.m.nd, b.projGrad.nd, b.projGrad.fb, b.mGrad.nd, n, true);
        }
        return score / n;
    }

    private void backwardBody(Buffers b) {
        int n = b.n;
        mimic.backward(b.hOut.nd, b.mGrad.nd, b.mGrad.fb, b.hGrad.nd, n);
        BatchNormKernels.backward(par, b.h.fb, fc1Relu ? b.hOut.fb : null, b.hGrad.fb, null, b.hGrad.fb, n, 128,
                fc1Norm.gamma, fc1Norm.stats, fc1Norm.dGamma, fc1Norm.dBeta);
        fc1.backward(b.gap.nd, b.hGrad.nd, b.hGrad.fb, b.gapGrad.nd, n);
        int spatial = b.side[9] * b.side[9];
        FloatBuffer g10 = b.g[9].fb;
        FloatBuffer dgap = b.gapGrad.fb;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < spatial; k++) {
                for (int c = 0; c < 128; c++) {
                    g10.put((s * spatial + k) * 128 + c, dgap.get(s * 128 + c) / spatial);
                }
            }
        }
        for (int i = CONVS.length - 1; i >= 0; i--) {
            Norm norm = convNorms[i];
            FloatBuffer g = b.g[i].fb;
            boolean skip = i == CONV5 || i == CONV8;
            FloatBuffer extra = i == 2 ? b.scratch3.fb : i == 5 ? b.scratch6.fb : null;
            if (skip) {
                // ReLU after the addition; the same gradient goes to the skip branch (conv3's or conv6's output).
                BatchNormKernels.reluSkip(par, b.y[i].fb, g, b.g[i == CONV5 ? 2 : 5].fb, b.rows(i) * OUT[i]);
            }
            BatchNormKernels.backward(par, b.z[i].fb, !skip && convRelu ? b.y[i].fb : null, g, extra, g, b.rows(i),
                    OUT[i], norm.gamma, norm.stats, norm.dGamma, norm.dBeta);
            Nd4j.exec(b.backward(i));
            int pool = i == 2 ? 0 : i == 5 ? 1 : i == 9 ? 2 : -1;
            if (pool >= 0) {
                int before = i - 1;
                MaxPoolKernels.backward(par, b.pooledGrad[pool].fb, b.g[before].fb, b.winners[pool], n,
                        b.side[before], b.side[before], OUT[before]);
            }
        }
    }

    /**
     * DL4J's update of the gradients {@link #computeGradients} left: its updater (division by the
     * batch size, weight decay, Adam/SGD with the schedule) and parameters -= update, then the
     * iteration counter, as {@code StochasticGradientDescent.optimize} does.
     */
    public void applyUpdate(int n) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        INDArray flat = net.getGradientsViewArray();
        net.getUpdater(true).update(new DefaultGradient(flat), conf.getIterationCount(), conf.getEpochCount(), n,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(flat.reshape(params.shape()));
        conf.setIterationCount(conf.getIterationCount() + 1);
    }

    @Override
    public void close() {
        buffers.values().forEach(Buffers::close);
        buffers.clear();
        par.close();
    }
}
