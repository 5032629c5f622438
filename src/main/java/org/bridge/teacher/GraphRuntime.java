package org.bridge.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bridge.config.UserFacingException;
import org.bridge.teacher.NdOps.Activation;
import org.bridge.teacher.NdOps.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a {@link TfjsGraphModel} op by op on ND4J (NHWC, libnd4j ops via {@link NdOps}).
 *
 * <p>{@link #compile} keeps only the nodes the requested output depends on and folds, where the
 * result is the same up to float rounding: a {@code Mul}/{@code Add}/{@code Sub}/{@code BiasAdd}
 * by a per-channel constant straight after a convolution or matmul goes into its weights and
 * bias (batch norm), and {@code Relu}, {@code Relu6} and ReLU6 written as
 * {@code Relu -> Minimum(6) -> Maximum(0)} become the producing op's activation. A fold only
 * happens when the producer has that one consumer, so an activation is never applied in place to
 * a tensor something else still reads. {@code Maximum(0)} after a ReLU is dropped outright
 * (it changes nothing, whoever else reads the tensor).
 *
 * <p>Ops supported (every op in faceres.json and blazeface.json of @vladmandic/human 3.3.6):
 * <ul>
 * <li>faceres: Placeholder, Const, Conv2D, DepthwiseConv2dNative, Mul, Add (batch norm),
 *     Relu, Minimum, Maximum (ReLU6), Mean over [1,2], _FusedMatMul [BiasAdd(,Relu)],
 *     Sigmoid, Softmax;</li>
 * <li>blazeface: Placeholder, Const, _FusedConv2D [BiasAdd(,Relu)], DepthwiseConv2dNative,
 *     AddV2, Relu, MaxPool (SAME 2x2), Pad (channel axis), Reshape, Identity;</li>
 * <li>also: MatMul, BiasAdd, Sub, Relu6, AvgPool.</li>
 * </ul>
 * Anything else fails at compile time with the node's name.
 *
 * <p>Memory: every intermediate array is closed right after its last reader has run, so a
 * forward pass leaves nothing behind but the returned output (which the caller closes).
 * {@link #run} keeps no state between calls (weights are only read), so one instance may serve
 * several threads; ND4J already parallelises each op, so on a small machine that gains little.
 */
public final class GraphRuntime implements AutoCloseable {

    private enum Kind { INPUT, CONST, CONV, DEPTHWISE, MATMUL, BINARY, ACTIVATION, MEAN, MAXPOOL, AVGPOOL, PAD, RESHAPE, SIGMOID, SOFTMAX }

    /** A value in the compiled program (one or more folded graph nodes). */
    private static final class PNode {
        final String name;
        final Kind kind;
        final List<PNode> inputs = new ArrayList<>();
        final List<String> folded = new ArrayList<>();
        Activation act = Activation.NONE;
        // CONST
        WeightTensor constant;
        // CONV / DEPTHWISE / MATMUL
        float[] weights;
        int[] weightShape;
        float[] bias;
        int strideH;
        int strideW;
        Padding padding;
        // BINARY
        String binaryOp;
        // MEAN
        int[] axes;
        boolean keepDims;
        // POOL
        int kH;
        int kW;
        // PAD
        int[][] paddings;
        // RESHAPE
        long[] shape;
        // filled at link time
        INDArray weightArray;
        INDArray biasArray;

        PNode(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        int outChannels() {
            return kind == Kind.DEPTHWISE ? weightShape[2] * weightShape[3] : weightShape[weightShape.length - 1];
        }
    }

    /** One executable step: its program node and the slots of its non-constant inputs. */
    private record Step(PNode node, int[] inputSlots, INDArray[] constOperands, int outSlot) {
    }

    private final String source;
    private final String inputName;
    private final long[] inputShape;
    private final List<String> outputNames;
    private final List<Step> steps;
    private final int slotCount;
    private final int inputSlot;
    private final int[] outputSlots;
    private final boolean[] isOutput;
    private final int[] readers;
    private final List<INDArray> owned;

    private GraphRuntime(String source, String inputName, long[] inputShape, List<String> outputNames, List<Step> steps,
                         int slotCount, int inputSlot, int[] outputSlots, int[] readers, List<INDArray> owned) {
        this.source = source;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.outputNames = List.copyOf(outputNames);
        this.steps = steps;
        this.slotCount = slotCount;
        this.inputSlot = inputSlot;
        this.outputSlots = outputSlots;
        this.isOutput = new boolean[slotCount];
        for (int o : outputSlots) {
            isOutput[o] = true;
        }
        this.readers = readers;
        this.owned = owned;
    }

    /**
     * Compiles the part of the graph that {@code outputName} needs, fed by the placeholder
     * {@code inputName}. Call {@link org.bridge.nd.Nd4jRuntime#init()} first.
     */
    public static GraphRuntime compile(TfjsGraphModel model, String inputName, String outputName) {
        return compile(model, inputName, List.of(outputName));
    }

    /** As {@link #compile(TfjsGraphModel, String, String)} for several outputs computed in one pass. */
    public static GraphRuntime compile(TfjsGraphModel model, String inputName, List<String> outputNames) {
        if (outputNames.isEmpty()) {
            throw new IllegalArgumentException("no output requested");
        }
        return new Compiler(model, inputName, outputNames).compile();
    }

    /**
     * Runs the network up to its single output. The input is not modified or closed; the
     * returned array is new and belongs to the caller.
     */
    public INDArray run(INDArray input) {
        return run(input, null);
    }

    /**
     * As {@link #run(INDArray)}, adding each step's wall time in nanoseconds to
     * {@code nanosPerStep[i]} (length {@link #stepCount()}) when it is not null.
     */
    public INDArray run(INDArray input, long[] nanosPerStep) {
        if (outputSlots.length != 1) {
            throw new IllegalStateException("this program has " + outputSlots.length + " outputs; use runAll");
        }
        return runAll(input, nanosPerStep)[0];
    }

    /** All outputs, in the order they were requested; new arrays that belong to the caller. */
    public INDArray[] runAll(INDArray input) {
        return runAll(input, null);
    }

    private INDArray[] runAll(INDArray input, long[] nanosPerStep) {
        checkInput(input);
        INDArray[] slots = new INDArray[slotCount];
        int[] left = readers.clone();
        slots[inputSlot] = input;
        try {
            for (int si = 0; si < steps.size(); si++) {
                Step s = steps.get(si);
                long t0 = nanosPerStep != null ? System.nanoTime() : 0;
                INDArray[] args = new INDArray[s.inputSlots().length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = slots[s.inputSlots()[i]];
                }
                INDArray out = execute(s, args);
                slots[s.outSlot()] = out;
                if (nanosPerStep != null) {
                    nanosPerStep[si] += System.nanoTime() - t0;
                }
                for (int slot : s.inputSlots()) {
                    if (--left[slot] == 0 && slot != inputSlot && !isOutput[slot]) {
                        NdOps.release(slots[slot]);
                        slots[slot] = null;
                    }
                }
            }
            INDArray[] result = new INDArray[outputSlots.length];
            for (int i = 0; i < result.length; i++) {
                int o = outputSlots[i];
                // The caller owns each result: the input and a value requested twice are copied.
                boolean taken = o == inputSlot;
                for (int j = 0; j < i; j++) {
                    taken |= outputSlots[j] == o;
                }
                result[i] = taken ? slots[o].dup() : slots[o];
            }
            for (int o : outputSlots) {
                if (o != inputSlot) {
                    slots[o] = null;
                }
            }
            return result;
        } finally {
            // On failure, free whatever was still held.
            for (int i = 0; i < slots.length; i++) {
                if (i != inputSlot && slots[i] != null) {
                    NdOps.release(slots[i]);
                }
            }
        }
    }

    private void checkInput(INDArray input) {
        if (input.rank() != inputShape.length) {
            throw new IllegalArgumentException(source + ": input " + inputName + " needs rank " + inputShape.length
                    + ", got " + Arrays.toString(input.shape()));
        }
        for (int d = 0; d < inputShape.length; d++) {
            if (inputShape[d] > 0 && input.size(d) != inputShape[d]) {
                throw new IllegalArgumentException(source + ": input " + inputName + " needs shape "
                        + Arrays.toString(inputShape) + " (-1 = any), got " + Arrays.toString(input.shape()));
            }
        }
    }

    private static INDArray execute(Step s, INDArray[] a) {
        PNode n = s.node();
        INDArray out = switch (n.kind) {
            case CONV -> NdOps.conv2d(a[0], n.weightArray, n.biasArray, n.strideH, n.strideW, n.padding);
            case DEPTHWISE -> NdOps.depthwiseConv2d(a[0], n.weightArray, n.biasArray, n.strideH, n.strideW, n.padding);
            case MATMUL -> NdOps.matmul(a[0], n.weightArray, n.biasArray);
            case BINARY -> {
                INDArray x = s.constOperands()[0] != null ? s.constOperands()[0] : a[0];
                INDArray y = s.constOperands()[1] != null ? s.constOperands()[1]
                        : a[s.constOperands()[0] != null ? 0 : 1];
                yield NdOps.binary(n.binaryOp, x, y);
            }
            case ACTIVATION -> a[0].dup();
            case MEAN -> NdOps.mean(a[0], n.keepDims, n.axes);
            case MAXPOOL -> NdOps.maxPool(a[0], n.kH, n.kW, n.strideH, n.strideW, n.padding);
            case AVGPOOL -> NdOps.avgPool(a[0], n.kH, n.kW, n.strideH, n.strideW, n.padding);
            case PAD -> NdOps.padZeros(a[0], n.paddings);
            case RESHAPE -> a[0].reshape('c', resolveShape(n.shape, a[0].length())).dup('c');
            case SIGMOID -> Transforms.sigmoid(a[0], true);
            case SOFTMAX -> {
                if (a[0].rank() != 2) {
                    throw new IllegalStateException("Softmax " + n.name + " supports rank 2 only");
                }
                yield Transforms.softmax(a[0], true);
            }
            case INPUT, CONST -> throw new IllegalStateException(n.kind + " is not a step");
        };
        // Safe: 'out' was just allocated by this step and nobody reads it yet.
        return NdOps.activateInPlace(out, n.act);
    }

    private static long[] resolveShape(long[] shape, long length) {
        long[] s = shape.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                free = i;
            } else {
                known *= s[i];
            }
        }
        if (free >= 0) {
            s[free] = length / known;
        }
        return s;
    }

    /** Number of executed steps (after folding). */
    public int stepCount() {
        return steps.size();
    }

    /** One line per step: op kind, activation and the graph nodes folded into it. */
    public List<String> program() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(s.node().kind + (s.node().act != Activation.NONE ? "+" + s.node().act : "") + " " + s.node().folded);
        }
        return out;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** Releases the weights. */
    @Override
    public void close() {
        owned.forEach(NdOps::release);
        owned.clear();
    }

    // ------------------------------------------------------------------------------------------

    private static final class Compiler {
        private final TfjsGraphModel model;
        private final String src;
        private final String inputName;
        private final List<String> outputNames;
        private final Map<String, PNode> value = new HashMap<>();
        private final Map<String, Integer> consumers = new HashMap<>();

        Compiler(TfjsGraphModel model, String inputName, List<String> outputNames) {
            this.model = model;
            this.src = model.source().toString();
            this.inputName = inputName;
            this.outputNames = outputNames;
        }

        GraphRuntime compile() {
            GraphNode in = model.node(inputName);
            if (!in.op().equals("Placeholder")) {
                throw new UserFacingException(src + ": " + inputName + " is a " + in.op() + ", not a Placeholder");
            }
            List<GraphNode> order = neededInOrder(outputNames.stream().map(model::node).toList());
            for (GraphNode n : order) {
                for (String i : n.inputs()) {
                    if (!model.node(n.name()).op().equals("Identity")) {
                        consumers.merge(resolve(i), 1, Integer::sum);
                    }
                }
            }
            for (String out : outputNames) {
                consumers.merge(resolve(out), 1, Integer::sum);
            }
            for (GraphNode n : order) {
                value.put(n.name(), build(n));
            }
            return link(in);
        }

        /** Follows Identity nodes to the node that really produces a value. */
        private String resolve(String name) {
            GraphNode n = model.node(name);
            while (n.op().equals("Identity")) {
                n = model.node(n.inputs().get(0));
            }
            return n.name();
        }

        private List<GraphNode> neededInOrder(List<GraphNode> outs) {
            List<GraphNode> order = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            // Iterative post-order DFS (graphs can be deep).
            List<Object[]> stack = new ArrayList<>();
            for (GraphNode out : outs) {
                if (seen.add(out.name())) {
                    stack.add(new Object[] {out, 0});
                }
                walk(stack, seen, order);
            }
            return order;
        }

        private void walk(List<Object[]> stack, Set<String> seen, List<GraphNode> order) {
            while (!stack.isEmpty()) {
                Object[] top = stack.get(stack.size() - 1);
                GraphNode n = (GraphNode) top[0];
                int i = (Integer) top[1];
                if (i < n.inputs().size()) {
                    top[1] = i + 1;
                    GraphNode child = model.node(n.inputs().get(i));
                    if (seen.add(child.name())) {
                        stack.add(new Object[] {child, 0});
                    }
                } else {
                    stack.remove(stack.size() - 1);
                    order.add(n);
                }
            }
        }

        private PNode in(GraphNode n, int i) {
            if (i >= n.inputs().size()) {
                throw new UserFacingException(src + ": node " + n.name() + " (" + n.op() + ") lacks input " + i);
            }
            return value.get(n.inputs().get(i));
        }

        private boolean soleConsumer(GraphNode n, int i) {
            return consumers.getOrDefault(resolve(n.inputs().get(i)), 0) == 1;
        }

        private WeightTensor constInput(GraphNode n, int i, String what) {
            PNode p = in(n, i);
            if (p.kind != Kind.CONST) {
                throw new UserFacingException(src + ": node " + n.name() + " (" + n.op() + ") needs a constant "
                        + what + " as input " + i + "; computed ones are not supported");
            }
            return p.constant;
        }

        private UserFacingException unsupported(GraphNode n, String why) {
            return new UserFacingException(src + ": node " + n.name() + " (" + n.op() + "): " + why);
        }

        private PNode build(GraphNode n) {
            switch (n.op()) {
                case "Const": {
                    PNode p = new PNode(n.name(), Kind.CONST);
                    p.constant = model.constants().get(n.name());
                    return p;
                }
                case "Placeholder": {
                    if (!n.name().equals(inputName)) {
                        throw unsupported(n, "the output also needs this second input; only " + inputName + " is fed");
                    }
                    return named(new PNode(n.name(), Kind.INPUT), n);
                }
                case "Identity":
                    return in(n, 0);
                case "Conv2D":
                case "DepthwiseConv2dNative":
                case "_FusedConv2D":
                    return conv(n);
                case "MatMul":
                case "_FusedMatMul":
                    return matmul(n);
                case "Add":
                case "AddV2":
                case "BiasAdd":
                case "Sub":
                case "Mul":
                case "Minimum":
                case "Maximum":
                    return binary(n);
                case "Relu":
                case "Relu6":
                    return activation(n, n.op().equals("Relu") ? Activation.RELU : Activation.RELU6);
                case "Mean": {
                    PNode p = unary(n, Kind.MEAN);
                    int[] ax = constInput(n, 1, "axis list").requireInts();
                    p.axes = ax.clone();
                    p.keepDims = n.boolAttr("keep_dims", false);
                    return p;
                }
                case "MaxPool":
                case "AvgPool": {
                    requireNhwc(n);
                    PNode p = unary(n, n.op().equals("MaxPool") ? Kind.MAXPOOL : Kind.AVGPOOL);
                    int[] k = n.intListAttr("ksize");
                    int[] s = n.intListAttr("strides");
                    if (k == null || s == null || k.length != 4 || k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
                        throw unsupported(n, "only spatial pooling windows [1,k,k,1] are supported");
                    }
                    p.kH = k[1];
                    p.kW = k[2];
                    p.strideH = s[1];
                    p.strideW = s[2];
                    p.padding = Padding.parse(n.stringAttr("padding"), src + " node " + n.name());
                    return p;
                }
                case "Pad": {
                    PNode p = unary(n, Kind.PAD);
                    WeightTensor pads = constInput(n, 1, "paddings");
                    int[] v = pads.requireInts();
                    p.paddings = new int[v.length / 2][];
                    for (int d = 0; d < p.paddings.length; d++) {
                        p.paddings[d] = new int[] {v[2 * d], v[2 * d + 1]};
                    }
                    return p;
                }
                case "Reshape": {
                    PNode p = unary(n, Kind.RESHAPE);
                    p.shape = Arrays.stream(constInput(n, 1, "shape").requireInts()).asLongStream().toArray();
                    return p;
                }
                case "Sigmoid":
                    return unary(n, Kind.SIGMOID);
                case "Softmax":
                    return unary(n, Kind.SOFTMAX);
                default:
                    throw unsupported(n, "op " + n.op() + " is not supported by this runtime");
            }
        }

        private static PNode named(PNode p, GraphNode n) {
            p.folded.add(n.name());
            return p;
        }

        private PNode unary(GraphNode n, Kind kind) {
            PNode p = named(new PNode(n.name(), kind), n);
            p.inputs.add(in(n, 0));
            return p;
        }

        private void requireNhwc(GraphNode n) {
            String fmt = n.stringAttr("data_format");
            if (fmt != null && !fmt.equals("NHWC")) {
                throw unsupported(n, "data_format " + fmt + " (NHWC only)");
            }
            int[] dil = n.intListAttr("dilations");
            if (dil != null && Arrays.stream(dil).anyMatch(d -> d != 1)) {
                throw unsupported(n, "dilated convolution " + Arrays.toString(dil));
            }
        }

        private PNode conv(GraphNode n) {
            requireNhwc(n);
            boolean depthwise = n.op().equals("DepthwiseConv2dNative");
            PNode p = named(new PNode(n.name(), depthwise ? Kind.DEPTHWISE : Kind.CONV), n);
            p.inputs.add(in(n, 0));
            WeightTensor w = constInput(n, 1, "filter");
            if (w.rank() != 4) {
                throw unsupported(n, "filter of rank " + w.rank());
            }
            p.weights = w.requireFloats().clone();
            p.weightShape = w.shape().clone();
            int[] s = n.intListAttr("strides");
            if (s == null || s.length != 4 || s[0] != 1 || s[3] != 1) {
                throw unsupported(n, "strides " + Arrays.toString(s));
            }
            p.strideH = s[1];
            p.strideW = s[2];
            p.padding = Padding.parse(n.stringAttr("padding"), src + " node " + n.name());
            if (n.op().equals("_FusedConv2D")) {
                applyFusedOps(n, p);
            }
            return p;
        }

        private void applyFusedOps(GraphNode n, PNode p) {
            List<String> ops = n.stringListAttr("fused_ops");
            if (ops.isEmpty() || !ops.get(0).equals("BiasAdd") || ops.size() > 2) {
                throw unsupported(n, "fused ops " + ops + " (only BiasAdd[,Relu|Relu6])");
            }
            float[] b = constInput(n, 2, "bias").requireFloats();
            if (b.length != p.outChannels()) {
                throw unsupported(n, "bias of " + b.length + " values for " + p.outChannels() + " channels");
            }
            p.bias = b.clone();
            if (ops.size() == 2) {
                p.act = switch (ops.get(1)) {
                    case "Relu" -> Activation.RELU;
                    case "Relu6" -> Activation.RELU6;
                    default -> throw unsupported(n, "fused activation " + ops.get(1));
                };
            }
        }

        private PNode matmul(GraphNode n) {
            if (n.boolAttr("transpose_a", false)) {
                throw unsupported(n, "transpose_a");
            }
            PNode p = named(new PNode(n.name(), Kind.MATMUL), n);
            p.inputs.add(in(n, 0));
            WeightTensor w = constInput(n, 1, "weight matrix");
            if (w.rank() != 2) {
                throw unsupported(n, "weights of rank " + w.rank());
            }
            float[] v = w.requireFloats();
            int k = w.shape()[0];
            int m = w.shape()[1];
            if (n.boolAttr("transpose_b", false)) {
                float[] t = new float[v.length];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < m; j++) {
                        t[j * k + i] = v[i * m + j];
                    }
                }
                p.weights = t;
                p.weightShape = new int[] {m, k};
            } else {
                p.weights = v.clone();
                p.weightShape = new int[] {k, m};
            }
            if (n.op().equals("_FusedMatMul")) {
                applyFusedOps(n, p);
            }
            return p;
        }

        /** A per-channel (or scalar) constant for an op with {@code channels} output channels, else null. */
        private static float[] channelConstant(PNode c, int channels) {
            if (c.kind != Kind.CONST || !c.constant.isFloat()) {
                return null;
            }
            int[] sh = c.constant.shape();
            for (int d = 0; d < sh.length - 1; d++) {
                if (sh[d] != 1) {
                    return null;
                }
            }
            float[] v = c.constant.floats();
            if (v.length == 1) {
                float[] full = new float[channels];
                Arrays.fill(full, v[0]);
                return full;
            }
            return v.length == channels ? v : null;
        }

        private static boolean isScalar(PNode c, float value) {
            return c.kind == Kind.CONST && c.constant.isFloat() && c.constant.size() == 1 && c.constant.scalar() == value;
        }

        private static boolean foldable(PNode p) {
            return (p.kind == Kind.CONV || p.kind == Kind.DEPTHWISE || p.kind == Kind.MATMUL) && p.act == Activation.NONE;
        }

        private PNode binary(GraphNode n) {
            PNode a = in(n, 0);
            PNode b = in(n, 1);
            String op = n.op();
            boolean commutative = !op.equals("Sub");
            // Bring a (producer, constant) pair into that order.
            int producerIndex = 0;
            if (commutative && a.kind == Kind.CONST && b.kind != Kind.CONST) {
                PNode t = a;
                a = b;
                b = t;
                producerIndex = 1;
            }
            boolean sole = soleConsumer(n, producerIndex);
            if (op.equals("Maximum") && isScalar(b, 0f) && (a.act == Activation.RELU || a.act == Activation.RELU6)) {
                a.folded.add(n.name());
                return a; // max(relu(x), 0) == relu(x)
            }
            if (op.equals("Minimum") && isScalar(b, 6f) && a.act == Activation.RELU && sole) {
                a.act = Activation.RELU6;
                a.folded.add(n.name());
                return a;
            }
            if (sole && foldable(a)) {
                float[] c = channelConstant(b, a.outChannels());
                if (c != null) {
                    switch (op) {
                        case "Mul" -> {
                            int oc = a.outChannels();
                            for (int i = 0; i < a.weights.length; i++) {
                                a.weights[i] *= c[i % oc];
                            }
                            if (a.bias != null) {
                                for (int i = 0; i < oc; i++) {
                                    a.bias[i] *= c[i];
                                }
                            }
                            a.folded.add(n.name());
                            return a;
                        }
                        case "Add", "AddV2", "BiasAdd", "Sub" -> {
                            if (a.bias == null) {
                                a.bias = new float[a.outChannels()];
                            }
                            float sign = op.equals("Sub") ? -1f : 1f;
                            for (int i = 0; i < a.bias.length; i++) {
                                a.bias[i] += sign * c[i];
                            }
                            a.folded.add(n.name());
                            return a;
                        }
                        default -> {
                            // Minimum/Maximum by a vector: not a linear fold, run it as it is.
                        }
                    }
                }
            }
            PNode p = named(new PNode(n.name(), Kind.BINARY), n);
            p.binaryOp = switch (op) {
                case "Add", "AddV2", "BiasAdd" -> "add";
                case "Sub" -> "subtract";
                case "Mul" -> "multiply";
                case "Minimum" -> "minimum";
                case "Maximum" -> "maximum";
                default -> throw unsupported(n, "binary op");
            };
            PNode x = in(n, 0);
            PNode y = in(n, 1);
            if (x.kind == Kind.CONST && y.kind == Kind.CONST) {
                throw unsupported(n, "both inputs are constants");
            }
            p.inputs.add(x);
            p.inputs.add(y);
            return p;
        }

        private PNode activation(GraphNode n, Activation act) {
            PNode a = in(n, 0);
            if (soleConsumer(n, 0) && a.act == Activation.NONE
                    && (foldable(a) || a.kind == Kind.BINARY)) {
                a.act = act;
                a.folded.add(n.name());
                return a;
            }
            PNode p = unary(n, Kind.ACTIVATION);
            p.act = act;
            return p;
        }

        /** Orders the program, assigns slots and turns weights into ND4J arrays. */
        private GraphRuntime link(GraphNode inNode) {
            List<PNode> outNodes = new ArrayList<>();
            List<PNode> order = new ArrayList<>();
            Set<PNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (String name : outputNames) {
                PNode outNode = value.get(name);
                if (outNode.kind == Kind.CONST) {
                    throw new UserFacingException(src + ": output " + name + " is a constant");
                }
                outNodes.add(outNode);
                visit(outNode, order, seen);
            }
            Map<PNode, Integer> slot = new IdentityHashMap<>();
            for (PNode p : order) {
                if (p.kind != Kind.CONST) {
                    slot.put(p, slot.size());
                }
            }
            PNode input = value.get(inNode.name());
            if (input == null || !slot.containsKey(input)) {
                throw new UserFacingException(src + ": outputs " + outputNames + " do not depend on input " + inputName);
            }
            int[] readers = new int[slot.size()];
            List<Step> steps = new ArrayList<>();
            List<INDArray> owned = new ArrayList<>();
            Map<WeightTensor, INDArray> constArrays = new LinkedHashMap<>();
            for (PNode p : order) {
                if (p.kind == Kind.CONST || p.kind == Kind.INPUT) {
                    continue;
                }
                List<Integer> ins = new ArrayList<>();
                INDArray[] consts = new INDArray[p.inputs.size()];
                for (int i = 0; i < p.inputs.size(); i++) {
                    PNode q = p.inputs.get(i);
                    if (q.kind == Kind.CONST) {
                        consts[i] = constArrays.computeIfAbsent(q.constant, c -> {
                            INDArray arr = NdOps.fromHost(c.requireFloats(), c.longShape());
                            owned.add(arr);
                            return arr;
                        });
                    } else {
                        ins.add(slot.get(q));
                        readers[slot.get(q)]++;
                    }
                }
                if (p.weights != null) {
                    p.weightArray = NdOps.fromHost(p.weights, Arrays.stream(p.weightShape).asLongStream().toArray());
                    owned.add(p.weightArray);
                    p.weights = null; // the host copy is no longer needed
                }
                if (p.bias != null) {
                    p.biasArray = NdOps.fromHost(p.bias, p.bias.length);
                    owned.add(p.biasArray);
                    p.bias = null;
                }
                steps.add(new Step(p, ins.stream().mapToInt(Integer::intValue).toArray(),
                        p.kind == Kind.BINARY ? consts : new INDArray[p.inputs.size()], slot.get(p)));
            }
            long[] inShape = inputShape(inNode);
            int[] outSlots = outNodes.stream().mapToInt(slot::get).toArray();
            return new GraphRuntime(src, inputName, inShape, outputNames, steps, slot.size(), slot.get(input),
                    outSlots, readers, owned);
        }

        private long[] inputShape(GraphNode in) {
            var shapeAttr = in.attrs().getAsJsonObject("shape");
            if (shapeAttr == null || !shapeAttr.has("shape") || !shapeAttr.getAsJsonObject("shape").has("dim")) {
                throw new UserFacingException(src + ": placeholder " + in.name() + " has no shape");
            }
            var dims = shapeAttr.getAsJsonObject("shape").getAsJsonArray("dim");
            long[] s = new long[dims.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = Long.parseLong(dims.get(i).getAsJsonObject().get("size").getAsString());
            }
            return s;
        }

        private static void visit(PNode p, List<PNode> order, Set<PNode> seen) {
            // Program depth is at most a few hundred: recursion is fine here.
            if (!seen.add(p)) {
                return;
            }
            for (PNode q : p.inputs) {
                visit(q, order, seen);
            }
            order.add(p);
        }
    }
}
