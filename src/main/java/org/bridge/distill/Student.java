package org.bridge.distill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A student network ready for inference: the mimic-layer feature (128-D, what verification
 * compares by cosine) and the identity logits. Wraps the trained {@link ComputationGraph}; not
 * thread-safe (DL4J networks are not).
 */
public final class Student {

    private final ComputationGraph net;
    /** Inference-only path for features, or null for DL4J's graph.output. */
    private final StudentInference fast;

    public Student(ComputationGraph net) {
        this(net, null);
    }

    private Student(ComputationGraph net, StudentInference fast) {
        if (net.getVertex(StudentNetwork.MIMIC) == null) {
            throw new IllegalArgumentException("not a student network: it has no '" + StudentNetwork.MIMIC + "' layer");
        }
        this.net = net;
        this.fast = fast;
    }

    /**
     * The same student computing its features with {@link StudentInference} (batch norm folded,
     * oneDNN convolutions in NHWC, preallocated buffers; several times faster, equal to DL4J's
     * output within float rounding). It snapshots the current weights: use it for a trained
     * network, not during training. {@link #graphFeatureArray} keeps DL4J's path available.
     */
    public Student withFastInference() {
        return new Student(net, StudentInference.of(net));
    }

    public boolean usesFastInference() {
        return fast != null;
    }

    /** Loads a student saved by {@link #save} or a training checkpoint. */
    public static Student load(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new java.io.FileNotFoundException("no student model at " + zip);
        }
        Nd4jRuntime.init();
        return new Student(ModelSerializer.restoreComputationGraph(zip.toFile(), false));
    }

    /** Writes the network (without optimiser state) atomically. */
    public void save(Path zip) throws IOException {
        Checkpoints.writeAtomically(net, zip, false);
    }

    public ComputationGraph graph() {
        return net;
    }

    /** Mimic-layer features of a {@code [n, 3, p, p]} batch (0..255 values), as an {@code [n, 128]} array. */
    public INDArray featureArray(INDArray batch) {
        checkInput(batch);
        if (fast != null) {
            return fast.features(batch);
        }
        return graphFeatureArray(batch);
    }

    /** Mimic-layer features through DL4J's {@code ComputationGraph.output}, whatever path {@link #featureArray} takes. */
    public INDArray graphFeatureArray(INDArray batch) {
        checkInput(batch);
        return net.output(List.of(StudentNetwork.MIMIC), false, new INDArray[] {batch}, null)[0];
    }

    /** Mimic-layer features, one 128-D row per face. */
    public float[][] features(INDArray batch) {
        return featureArray(batch).toFloatMatrix();
    }

    /** Mimic-layer features of equally sized square faces. */
    public float[][] features(List<RgbImage> faces) {
        return features(StudentInput.batch(faces));
    }

    public boolean hasClassifier() {
        return net.getVertex(StudentNetwork.IDENTITY) != null;
    }

    public int classes() {
        if (!hasClassifier()) {
            return 0;
        }
        return (int) net.getLayer(StudentNetwork.IDENTITY).getParam("W").size(1);
    }

    /**
     * Identity logits {@code [n, classes]}: W^T f + b for softmax and centre-loss heads; for margin
     * heads s * cos(theta_j) without the margin (the margin only shapes training).
     */
    public INDArray logitArray(INDArray batch) {
        if (!hasClassifier()) {
            throw new IllegalStateException("this student was trained without an identity layer (supervision s)");
        }
        INDArray f = featureArray(batch);
        INDArray w = net.getLayer(StudentNetwork.IDENTITY).getParam("W");
        if (net.getVertex(StudentNetwork.IDENTITY_LOSS) != null) {
            LossLayer loss = (LossLayer) net.getLayer(StudentNetwork.IDENTITY_LOSS).conf().getLayer();
            double scale = ((AngularMarginLoss) loss.getLossFn()).getScale();
            INDArray unit = f.divColumnVector(f.norm2(1).reshape(f.size(0), 1).addi(1e-8));
            return unit.mmul(w).muli(scale);
        }
        INDArray b = net.getLayer(StudentNetwork.IDENTITY).getParam("b");
        return f.mmul(w).addiRowVector(b);
    }

    public float[][] logits(INDArray batch) {
        return logitArray(batch).toFloatMatrix();
    }

    /** Most likely identity per face. */
    public int[] predict(INDArray batch) {
        INDArray arg = Nd4j.argMax(logitArray(batch), 1);
        return arg.toIntVector();
    }

    private static void checkInput(INDArray batch) {
        if (batch.rank() != 4 || batch.size(1) != 3 || batch.size(2) != batch.size(3)
                || batch.size(2) < StudentNetwork.MIN_RESOLUTION) {
            throw new IllegalArgumentException("student input must be [n, 3, p, p] with p >= "
                    + StudentNetwork.MIN_RESOLUTION + ", got " + java.util.Arrays.toString(batch.shape()));
        }
    }
}
