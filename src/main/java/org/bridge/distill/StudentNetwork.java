package org.bridge.distill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The student M_s of the paper (Section III-C), one definition for every input resolution.
 *
 * <p>Input: a batch of RGB faces p x p, NCHW ({@code [batch, 3, p, p]}, channel 0 = red), values
 * 0..255 exactly as {@link org.bridge.data.RgbImage} stores them; the graph itself maps them to
 * [-1, 1] (shift and scale vertices) so that no caller can forget the normalisation. NCHW is
 * DL4J's native layout and the one its oneDNN helpers take without conversion.
 *
 * <p>Lower part M_s^l (input .. mimic layer), 209,968 parameters counting batch-norm running
 * statistics (208,304 trainable):
 * <pre>
 *  p x p   conv1 3x3  3->16, conv2 3x3 16->32                      maxpool1 2x2
 *  p/2     conv3 3x3 32->64, conv4 1x1 64->32, conv5 3x3 32->64,
 *          skip1 = relu(conv3 + conv5)                             maxpool2 2x2
 *  p/4     conv6 3x3 64->96, conv7 1x1 96->48, conv8 3x3 48->96,
 *          skip2 = relu(conv6 + conv8), conv9 1x1 96->128          maxpool3 2x2
 *  p/8     conv10 1x1 128->128, global average pooling
 *          fc1 128->128 (bias-free, batch norm with fixed gamma/beta, ReLU),
 *          mimic 128->128 (linear)  = the 128-D mimic layer
 * </pre>
 * Every convolution is bias-free, followed by batch norm and ReLU (for conv5 and conv8 the ReLU
 * comes after the skip addition, as in ResNet). Convolutions use "same" padding and the pools
 * truncate, so 16 -> 8 -> 4 -> 2 at p = 16 and the global average pooling makes the parameters
 * independent of p: 16, 32, 64 and 96 (any p >= 8) run through the same weights.
 *
 * <p>Upper part M_s^h, training only: the identity layer on the mimic layer (the third fully
 * connected layer; see {@link ClassifierHead}) and, for supervision dc, a linear projection of the
 * mimic layer onto the raw teacher dimension (see {@link RegressionHead}). Xavier initialisation
 * as in the paper.
 */
public final class StudentNetwork {

    /** Width of the mimic layer, = the adapted teacher feature f_a. */
    public static final int MIMIC_DIMENSION = 128;
    /** Smallest input that survives the three 2x2 pools. */
    public static final int MIN_RESOLUTION = 8;

    public static final String INPUT = "input";
    public static final String MIMIC = "mimic";
    /** The identity layer: softmax/centre-loss output layer, or the cosine layer of margin heads. */
    public static final String IDENTITY = "identity";
    /** Output (loss) layer of margin heads, on top of {@link #IDENTITY}. */
    public static final String IDENTITY_LOSS = "identity_loss";
    /** Output of the regression head: loss directly on the mimic layer, or the dc projection. */
    public static final String REGRESSION = "regression";

    /** Suffix of the explicit ReLU layer after a convolution's (or fc1's) batch norm. */
    public static final String RELU_SUFFIX = "_relu";

    /** Layers (and vertices) that belong to the training-only upper part. */
    private static final Set<String> HEAD_LAYERS = Set.of(IDENTITY, IDENTITY_LOSS, REGRESSION, "mimic_unit");
    /** Training-only vertices of a unit-sphere regression head ({@link RegressionHead#onUnitSphere()}). */
    private static final String REGRESSION_PROJECTION = "regression_projection";
    private static final String REGRESSION_UNIT = "regression_unit";

    private final int classes;
    private final ClassifierHead classifier;
    private final RegressionHead regression;
    private boolean batchNormRelu = true;
    private CNN2DFormat layout = CNN2DFormat.NCHW;

    private StudentNetwork(int classes, ClassifierHead classifier, RegressionHead regression) {
        if (classes < 0) {
            throw new IllegalArgumentException("number of classes must be >= 0, got " + classes);
        }
        if (classes == 1) {
            throw new IllegalArgumentException("an identity classifier needs at least 2 classes, got 1");
        }
        if (classes > 0 && classifier == null) {
            throw new IllegalArgumentException("a classifier head is required when classes > 0");
        }
        if (classes == 0 && regression == null) {
            throw new IllegalArgumentException("the student needs a classifier, a regression head or both");
        }
        this.classes = classes;
        this.classifier = classes > 0 ? classifier : null;
        this.regression = regression;
    }

    /** Student with an identity classifier over {@code classes} public identities and optional regression. */
    public static StudentNetwork of(int classes, ClassifierHead classifier, RegressionHead regressionOrNull) {
        return new StudentNetwork(classes, classifier, regressionOrNull);
    }

    /** Student trained by regression only (supervision s): no identity layer at all. */
    public static StudentNetwork regressionOnly(RegressionHead regression) {
        return new StudentNetwork(0, null, regression);
    }

    /** The student's heads for a supervision x of S-p-x-t. */
    public static StudentNetwork forSupervision(Supervision supervision, int classes, ClassifierHead classifier,
                                                RegressionHead regressionOrNull) {
        if (supervision.usesClassLoss() && classes < 2) {
            throw new IllegalArgumentException("supervision " + supervision + " needs identity labels (>= 2 classes)");
        }
        if (supervision.needsTeacher() && regressionOrNull == null) {
            throw new IllegalArgumentException("supervision " + supervision + " needs a regression head");
        }
        if (!supervision.needsTeacher() && regressionOrNull != null) {
            throw new IllegalArgumentException("supervision " + supervision + " has no regression target");
        }
        if (supervision.regressionTarget() == Supervision.Target.ADAPTED && regressionOrNull.projected()) {
            throw new IllegalArgumentException("supervision " + supervision
                    + " regresses the 128-D adapted feature f_a directly; a projection is for dc");
        }
        return new StudentNetwork(supervision.usesClassLoss() ? classes : 0, classifier, regressionOrNull);
    }

    /**
     * Whether the ReLUs that follow batch norms are built (default true, the paper's design). False
     * reproduces the students DL4J 1.0.0-M2.1 trained when the ReLU was configured on the
     * BatchNormalization layer, which ignores it: linear there, only the max pools and the two
     * post-skip ReLUs nonlinear. Kept as an ablation.
     */
    public StudentNetwork withBatchNormRelu(boolean relu) {
        StudentNetwork copy = new StudentNetwork(classes, classifier, regression);
        copy.batchNormRelu = relu;
        copy.layout = layout;
        return copy;
    }

    /**
     * The same network with its convolutional layers in another activation layout. NHWC takes
     * input {@code [batch, p, p, 3]} and keeps every activation channels-last, which oneDNN's
     * convolutions and the per-channel batch-norm sums prefer (measured: about 10% less CPU per
     * training iteration of S-16); it is the training layout of {@link TrainingPlan.Engine#FAST},
     * which also keeps each convolution's output for its backward pass. Parameters keep their shapes and order in either layout, so
     * a graph of one layout takes the other's parameters and optimiser state as they are
     * ({@link #copyState}).
     */
    public StudentNetwork withLayout(CNN2DFormat format) {
        StudentNetwork copy = withBatchNormRelu(batchNormRelu);
        copy.layout = format;
        return copy;
    }

    public CNN2DFormat layout() {
        return layout;
    }

    public boolean batchNormRelu() {
        return batchNormRelu;
    }

    public int classes() {
        return classes;
    }

    public boolean hasClassifier() {
        return classes > 0;
    }

    public ClassifierHead classifier() {
        return classifier;
    }

    public boolean hasRegression() {
        return regression != null;
    }

    public RegressionHead regression() {
        return regression;
    }

    /** Name of the graph output carrying the classification loss (null without classifier). */
    public String classificationOutput() {
        if (!hasClassifier()) {
            return null;
        }
        return classifier.isAngular() ? IDENTITY_LOSS : IDENTITY;
    }

    /** Name of the graph output carrying the regression loss (null without regression). */
    public String regressionOutput() {
        return hasRegression() ? REGRESSION : null;
    }

    /**
     * Builds and initialises the graph. Calls {@link Nd4jRuntime#init()} first so DL4J attaches its
     * oneDNN helpers to the convolution, pooling and batch-norm layers (about 6x faster training).
     *
     * @param resolution  the input size p used to validate the shapes (the graph accepts any p >= 8)
     * @param updater     optimiser with its learning-rate schedule (e.g. Nesterovs for SGD-momentum)
     * @param weightDecay L2 weight decay applied by the updater, 0 for none
     * @param seed        seed of the Xavier initialisation
     */
    public ComputationGraph build(int resolution, IUpdater updater, double weightDecay, long seed) {
        if (resolution < MIN_RESOLUTION) {
            throw new IllegalArgumentException("input resolution must be >= " + MIN_RESOLUTION
                    + " (three 2x2 pools), got " + resolution);
        }
        Nd4jRuntime.init();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same);
        if (layout == CNN2DFormat.NHWC) {
            // Keeps each convolution's output from the forward pass for its backward pass, which
            // otherwise runs the convolution again (measured: 9% of a training iteration).
            base.cacheMode(CacheMode.DEVICE);
        }
        if (weightDecay > 0) {
            base.weightDecay(weightDecay);
        }
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(resolution, resolution, 3, layout));

        // 0..255 -> [-1, 1] inside the graph.
        g.addVertex("shift", new ShiftVertex(-127.5), INPUT);
        g.addVertex("scale", new ScaleVertex(1 / 127.5), "shift");

        String x = conv(g, "conv1", 3, 16, "scale", true);
        x = conv(g, "conv2", 3, 32, x, true);
        x = pool(g, "pool1", x);

        String c3 = conv(g, "conv3", 3, 64, x, true);
        x = conv(g, "conv4", 1, 32, c3, true);
        String c5 = conv(g, "conv5", 3, 64, x, false);
        x = skip(g, "skip1", c3, c5);
        x = pool(g, "pool2", x);

        String c6 = conv(g, "conv6", 3, 96, x, true);
        x = conv(g, "conv7", 1, 48, c6, true);
        String c8 = conv(g, "conv8", 3, 96, x, false);
        x = skip(g, "skip2", c6, c8);
        x = conv(g, "conv9", 1, 128, x, true);
        x = pool(g, "pool3", x);

        x = conv(g, "conv10", 1, 128, x, true);
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG)
                .poolingDimensions(layout == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3}).build(), x);
        // Batch norm before fc1's ReLU, as in every conv layer. Why: without it, the regression
        // onto f_a (which an untrained student cannot yet predict) first shrinks the mimic output,
        // the quickest way is to push all fc1 pre-activations below zero, and then no gradient
        // reaches the network again (seen on LFW: R stuck at |f_a|^2, the student dead). Gamma and
        // beta are fixed at 1 and 0 (the mimic layer after it is affine anyway), which keeps the
        // lower part within the paper's 0.21M parameters.
        g.addLayer("fc1", new DenseLayer.Builder().nOut(128).hasBias(false).activation(Activation.IDENTITY).build(),
                "gap");
        g.addLayer("fc1_bn", new BatchNormalization.Builder().lockGammaBeta(true).activation(Activation.IDENTITY)
                .build(), "fc1");
        String fc1 = "fc1_bn";
        if (batchNormRelu) {
            fc1 = "fc1" + RELU_SUFFIX;
            g.addLayer(fc1, new ActivationLayer.Builder().activation(Activation.RELU).build(), "fc1_bn");
        }
        g.addLayer(MIMIC, new DenseLayer.Builder().nOut(MIMIC_DIMENSION).activation(Activation.IDENTITY).build(), fc1);

        List<String> outputs = new ArrayList<>();
        if (hasClassifier()) {
            addClassifier(g);
            outputs.add(classificationOutput());
        }
        if (hasRegression()) {
            addRegression(g);
            outputs.add(REGRESSION);
        }
        g.setOutputs(outputs.toArray(new String[0]));

        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        if (hasClassifier() && classifier.isAngular()) {
            // The constraint only acts after updates; start from unit columns so the very first
            // forward pass already yields true cosines.
            normaliseColumns(net.getLayer(IDENTITY).getParam("W"));
        }
        return net;
    }

    private void addClassifier(ComputationGraphConfiguration.GraphBuilder g) {
        switch (classifier.kind()) {
            case SOFTMAX -> g.addLayer(IDENTITY, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(classes).activation(Activation.SOFTMAX).build(), MIMIC);
            case CENTER_LOSS -> g.addLayer(IDENTITY, new CenterLossOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(classes).activation(Activation.SOFTMAX)
                    .lambda(classifier.lambda()).alpha(classifier.alpha()).build(), MIMIC);
            case COSFACE, ARCFACE, SPHEREFACE, SPHEREFACE_PLUS -> {
                g.addVertex("mimic_unit", new L2NormalizeVertex(new int[] {1}, 1e-8), MIMIC);
                DenseLayer.Builder cosines = new DenseLayer.Builder().nOut(classes).hasBias(false)
                        .activation(Activation.IDENTITY)
                        // W is [128, classes]: unit norm over dimension 0 = one unit vector per class.
                        .constrainWeights(new UnitNormConstraint(0));
                if (classifier.kind() == ClassifierHead.Kind.SPHEREFACE_PLUS) {
                    // DL4J adds the global weight decay to a layer's own list (measured: naming it
                    // here too applied it twice), so the list holds only the energy term.
                    cosines.regularization(List.of(
                            new HypersphericalEnergy(classifier.mheWeight(), classifier.mhePower(), MIMIC_DIMENSION)));
                }
                g.addLayer(IDENTITY, cosines.build(), "mimic_unit");
                g.addLayer(IDENTITY_LOSS, new LossLayer.Builder(AngularMarginLoss.of(classifier))
                        .activation(Activation.IDENTITY).build(), IDENTITY);
            }
            default -> throw new IllegalStateException(classifier.kind().toString());
        }
    }

    private void addRegression(ComputationGraphConfiguration.GraphBuilder g) {
        INDArray weights = Nd4j.valueArrayOf(new long[] {1, regression.targetDimension()}, regression.weight());
        ILossFunction loss = regression.loss() == RegressionHead.Loss.SUM_SQUARED
                ? new LossL2(weights) : new LossMSE(weights);
        if (regression.unitSphere()) {
            String v = MIMIC;
            if (regression.projected()) {
                g.addLayer(REGRESSION_PROJECTION, new DenseLayer.Builder().nOut(regression.targetDimension())
                        .activation(Activation.IDENTITY).build(), MIMIC);
                v = REGRESSION_PROJECTION;
            }
            g.addVertex(REGRESSION_UNIT, new L2NormalizeVertex(new int[] {1}, 1e-8), v);
            g.addLayer(REGRESSION, new LossLayer.Builder(loss).activation(Activation.IDENTITY).build(), REGRESSION_UNIT);
        } else if (regression.projected()) {
            g.addLayer(REGRESSION, new OutputLayer.Builder(loss).nOut(regression.targetDimension())
                    .activation(Activation.IDENTITY).build(), MIMIC);
        } else {
            g.addLayer(REGRESSION, new LossLayer.Builder(loss).activation(Activation.IDENTITY).build(), MIMIC);
        }
    }

    private String conv(ComputationGraphConfiguration.GraphBuilder g, String name, int kernel, int nOut,
                        String input, boolean relu) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut).hasBias(false)
                .activation(Activation.IDENTITY).dataFormat(layout).build(), input);
        String bn = name + "_bn";
        // The ReLU is a layer of its own: DL4J 1.0.0-M2.1's BatchNormalization accepts an activation
        // in its configuration but never applies it (forward or backward), which left every
        // "BN + ReLU" of earlier students linear. StudentNetworkTest pins that each ReLU acts.
        g.addLayer(bn, new BatchNormalization.Builder().activation(Activation.IDENTITY).dataFormat(layout).build(), name);
        if (!relu || !batchNormRelu) {
            return bn;
        }
        String r = name + RELU_SUFFIX;
        g.addLayer(r, new ActivationLayer.Builder().activation(Activation.RELU).build(), bn);
        return r;
    }

    private String pool(ComputationGraphConfiguration.GraphBuilder g, String name, String input) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(layout).build(), input);
        return name;
    }

    private static String skip(ComputationGraphConfiguration.GraphBuilder g, String name, String a, String b) {
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name;
    }

    /**
     * Copies parameters (batch-norm statistics included), optimiser state and the iteration and
     * epoch counters from one built student graph to another of the same heads, whatever the
     * layout of either (see {@link #withLayout}).
     */
    public static void copyState(ComputationGraph from, ComputationGraph to) {
        Map<String, INDArray> a = from.paramTable();
        Map<String, INDArray> b = to.paramTable();
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("different students: parameters " + a.keySet() + " and " + b.keySet());
        }
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue().shape(), b.get(e.getKey()).shape())) {
                throw new IllegalArgumentException("different students: " + e.getKey() + " has shapes "
                        + java.util.Arrays.toString(e.getValue().shape()) + " and "
                        + java.util.Arrays.toString(b.get(e.getKey()).shape()));
            }
        }
        to.params().assign(from.params());
        INDArray state = from.getUpdater(true).getStateViewArray();
        if (state != null) {
            to.getUpdater(true).getStateViewArray().assign(state);
        }
        to.getConfiguration().setIterationCount(from.getConfiguration().getIterationCount());
        to.getConfiguration().setEpochCount(from.getConfiguration().getEpochCount());
    }

    static void normaliseColumns(INDArray w) {
        INDArray norms = w.norm2(0).addi(1e-12);
        w.diviRowVector(norms);
    }

    /**
     * Parameter counts of a built student. DL4J stores batch-norm running mean and variance as
     * parameters; they are counted in {@code toMimic} (the stricter reading of the paper's budget)
     * and reported separately as {@code batchNormStatistics}.
     *
     * @param toMimic             input .. mimic layer (what inference needs)
     * @param batchNormStatistics the running means/variances included in toMimic
     * @param classifier          identity layer (and centres for the centre loss)
     * @param projection          the dc projection head
     */
    public record ParameterCount(long toMimic, long batchNormStatistics, long classifier, long projection) {
        public long trainableToMimic() {
            return toMimic - batchNormStatistics;
        }

        public long total() {
            return toMimic + classifier + projection;
        }
    }

    public static ParameterCount countParameters(ComputationGraph net) {
        long body = 0;
        long bnStats = 0;
        long classifier = 0;
        long projection = 0;
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            long n = layer.numParams();
            if (name.equals(REGRESSION) || name.equals(REGRESSION_PROJECTION)) {
                projection += n;
            } else if (HEAD_LAYERS.contains(name)) {
                classifier += n;
            } else {
                body += n;
                Map<String, INDArray> params = layer.paramTable();
                for (String key : List.of("mean", "var", "log10stdev")) {
                    if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization
                            && params.containsKey(key)) {
                        bnStats += params.get(key).length();
                    }
                }
            }
        }
        return new ParameterCount(body, bnStats, classifier, projection);
    }

    /** Multiply-accumulate operations of the lower part (inference) for one p x p face. */
    public static long multiplyAccumulates(int p) {
        long[][] convs = { // kernel, nIn, nOut, spatial divisor
            {3, 3, 16, 1}, {3, 16, 32, 1},
            {3, 32, 64, 2}, {1, 64, 32, 2}, {3, 32, 64, 2},
            {3, 64, 96, 4}, {1, 96, 48, 4}, {3, 48, 96, 4}, {1, 96, 128, 4},
            {1, 128, 128, 8}};
        long macs = 0;
        for (long[] c : convs) {
            long side = p;
            for (long d = c[3]; d > 1; d /= 2) {
                side /= 2;
            }
            macs += c[0] * c[0] * c[1] * c[2] * side * side;
        }
        return macs + 2L * 128 * 128;
    }
}
