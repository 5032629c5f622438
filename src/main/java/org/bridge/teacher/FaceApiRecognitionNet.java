package org.bridge.teacher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bridge.config.UserFacingException;
import org.bridge.teacher.NdOps.Activation;
import org.bridge.teacher.NdOps.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * face-api's recognition network (a dlib-style ResNet-34 variant), built from its weights
 * manifest alone; the layer list follows @vladmandic/face-api 1.7.15
 * {@code src/faceRecognitionNet/FaceRecognitionNet.ts}, {@code convLayer.ts},
 * {@code residualLayer.ts} and {@code scaleLayer.ts}:
 * <pre>
 * conv32_down      7x7 stride 2 VALID conv + bias, scale/offset, ReLU
 *                  3x3/2 VALID max-pool
 * conv32_1..3      residual: conv3x3+ReLU, conv3x3, + input, ReLU    (SAME)
 * conv64_down      residual down: conv3x3 stride 2 VALID +ReLU, conv3x3 SAME; shortcut 2x2/2
 *                  VALID average pool, zero-padded along channels (and bottom/right along
 *                  H/W when the shapes differ), add, ReLU
 * conv64_1..3, conv128_down, conv128_1..2, conv256_down, conv256_1..2, conv256_down_out
 * mean over H,W -> [N,256], times fc [256,128] (no bias)
 * </pre>
 * Every "conv" is {@code scale * (conv(x, W) + b) + offset}; the per-channel scale and offset
 * are folded into W and b at load time ({@code W*s}, {@code b*s + offset}).
 *
 * <p>Input: {@code [N,150,150,3]} already normalised (see {@link FaceApiTeacher}).
 */
public final class FaceApiRecognitionNet implements AutoCloseable {

    public static final int INPUT_SIZE = 150;
    public static final int FEATURES = 128;

    /** A convolution with scale/offset folded in. */
    private record Conv(String name, INDArray w, INDArray b) {
    }

    /** Two convs; {@code down} when the first has stride 2 VALID and a pooled shortcut. */
    private record Block(String name, Conv conv1, Conv conv2, boolean down) {
    }

    private final Conv stem;
    private final List<Block> blocks;
    private final INDArray fc;
    private final List<INDArray> owned = new ArrayList<>();

    private FaceApiRecognitionNet(Conv stem, List<Block> blocks, INDArray fc) {
        this.stem = stem;
        this.blocks = blocks;
        this.fc = fc;
        owned.add(stem.w());
        owned.add(stem.b());
        for (Block b : blocks) {
            owned.addAll(List.of(b.conv1().w(), b.conv1().b(), b.conv2().w(), b.conv2().b()));
        }
        owned.add(fc);
    }

    /** Loads {@code face_recognition_model-weights_manifest.json} and its shard. */
    public static FaceApiRecognitionNet load(Path manifest) {
        return fromWeights(TfjsWeightsManifest.readManifestFile(manifest), manifest.toString());
    }

    static FaceApiRecognitionNet fromWeights(Map<String, WeightTensor> w, String source) {
        Conv stem = conv(w, "conv32_down", source);
        List<Block> blocks = new ArrayList<>();
        String[][] layout = {
                {"conv32_1", ""}, {"conv32_2", ""}, {"conv32_3", ""},
                {"conv64_down", "down"}, {"conv64_1", ""}, {"conv64_2", ""}, {"conv64_3", ""},
                {"conv128_down", "down"}, {"conv128_1", ""}, {"conv128_2", ""},
                {"conv256_down", "down"}, {"conv256_1", ""}, {"conv256_2", ""},
                {"conv256_down_out", "down"},
        };
        for (String[] l : layout) {
            blocks.add(new Block(l[0], conv(w, l[0] + "/conv1", source), conv(w, l[0] + "/conv2", source),
                    l[1].equals("down")));
        }
        WeightTensor fc = require(w, "fc", source);
        if (!Arrays.equals(fc.shape(), new int[] {256, FEATURES})) {
            throw new UserFacingException(source + ": fc has shape " + Arrays.toString(fc.shape()) + ", expected [256, 128]");
        }
        return new FaceApiRecognitionNet(stem, blocks, NdOps.fromHost(fc.requireFloats().clone(), 256, FEATURES));
    }

    private static WeightTensor require(Map<String, WeightTensor> w, String name, String source) {
        WeightTensor t = w.get(name);
        if (t == null) {
            throw new UserFacingException(source + " lacks weight " + name + "; it is not face-api's recognition model");
        }
        return t;
    }

    private static Conv conv(Map<String, WeightTensor> w, String prefix, String source) {
        WeightTensor filters = require(w, prefix + "/conv/filters", source);
        WeightTensor bias = require(w, prefix + "/conv/bias", source);
        WeightTensor scale = require(w, prefix + "/scale/weights", source);
        WeightTensor offset = require(w, prefix + "/scale/biases", source);
        int oc = filters.shape()[3];
        if (filters.rank() != 4 || bias.size() != oc || scale.size() != oc || offset.size() != oc) {
            throw new UserFacingException(source + ": " + prefix + " has inconsistent shapes: filters "
                    + Arrays.toString(filters.shape()) + ", bias " + bias.size() + ", scale " + scale.size());
        }
        float[] f = filters.requireFloats().clone();
        float[] s = scale.requireFloats();
        for (int i = 0; i < f.length; i++) {
            f[i] *= s[i % oc];
        }
        float[] b = new float[oc];
        float[] b0 = bias.requireFloats();
        float[] o = offset.requireFloats();
        for (int i = 0; i < oc; i++) {
            b[i] = b0[i] * s[i] + o[i];
        }
        return new Conv(prefix, NdOps.fromHost(f, filters.longShape()), NdOps.fromHost(b, oc));
    }

    /** Descriptors {@code [N,128]} (a new array the caller owns) of a normalised batch. */
    public INDArray forward(INDArray x) {
        if (x.rank() != 4 || x.size(1) != INPUT_SIZE || x.size(2) != INPUT_SIZE || x.size(3) != 3) {
            throw new IllegalArgumentException("face-api recognition net needs [N,150,150,3], got " + Arrays.toString(x.shape()));
        }
        INDArray t = NdOps.activateInPlace(NdOps.conv2d(x, stem.w(), stem.b(), 2, 2, Padding.VALID), Activation.RELU);
        INDArray pooled = NdOps.maxPool(t, 3, 3, 2, 2, Padding.VALID);
        NdOps.release(t);
        t = pooled;
        for (Block b : blocks) {
            INDArray next = b.down() ? residualDown(t, b) : residual(t, b);
            NdOps.release(t);
            t = next;
        }
        INDArray mean = NdOps.mean(t, false, 1, 2);
        NdOps.release(t);
        INDArray out = NdOps.matmul(mean, fc, null);
        NdOps.release(mean);
        return out;
    }

    /** relu(conv2(relu(conv1(x))) + x); x is left untouched. */
    private static INDArray residual(INDArray x, Block b) {
        INDArray a = NdOps.activateInPlace(NdOps.conv2d(x, b.conv1().w(), b.conv1().b(), 1, 1, Padding.SAME), Activation.RELU);
        INDArray out = NdOps.conv2d(a, b.conv2().w(), b.conv2().b(), 1, 1, Padding.SAME);
        NdOps.release(a);
        out.addi(x);
        return NdOps.activateInPlace(out, Activation.RELU);
    }

    /**
     * relu(conv2(relu(conv1_s2_valid(x))) (+ zero row/col) + [avgpool2x2(x), zeros]); as
     * residualDown in face-api's residualLayer.ts.
     */
    private static INDArray residualDown(INDArray x, Block b) {
        INDArray a = NdOps.activateInPlace(NdOps.conv2d(x, b.conv1().w(), b.conv1().b(), 2, 2, Padding.VALID), Activation.RELU);
        INDArray out = NdOps.conv2d(a, b.conv2().w(), b.conv2().b(), 1, 1, Padding.SAME);
        NdOps.release(a);
        INDArray pooled = NdOps.avgPool(x, 2, 2, 2, 2, Padding.VALID);
        long dh = pooled.size(1) - out.size(1);
        long dw = pooled.size(2) - out.size(2);
        if (dh != 0 || dw != 0) {
            // face-api appends exactly one zero row and one zero column (tf.concat on axes 1, 2).
            if (dh != 1 || dw != 1) {
                throw new IllegalStateException(b.name() + ": shortcut " + Arrays.toString(pooled.shape())
                        + " vs residual " + Arrays.toString(out.shape()));
            }
            INDArray padded = NdOps.padZeros(out, new int[][] {{0, 0}, {0, 1}, {0, 1}, {0, 0}});
            NdOps.release(out);
            out = padded;
        }
        long cin = pooled.size(3);
        if (cin == out.size(3)) {
            out.addi(pooled);
        } else {
            // The shortcut is [pooled, zeros] along channels: it only adds to the first cin channels.
            out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, cin)).addi(pooled);
        }
        NdOps.release(pooled);
        return NdOps.activateInPlace(out, Activation.RELU);
    }

    @Override
    public void close() {
        owned.forEach(NdOps::release);
        owned.clear();
    }
}
