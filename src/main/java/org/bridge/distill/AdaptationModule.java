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

import org.bridge.config.AtomicFiles;
import org.bridge.config.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * F_a of the paper, the trained adaptation module without its softmax: it maps a frozen teacher
 * feature f_t to the compact adapted feature f_a = F_a(f_t) (eq. after (3)) that supervises the
 * student in step 2.
 *
 * <p>Layers: {@link TeacherFeatureNormalization} of f_t, FC {@code hidden} + ReLU, FC
 * {@code dimension} (linear), then, when {@link #normalizesFeature()}, division by the L2 norm
 * (see {@link AdaptationParams#normalizeFeature()}). The identity softmax S_a used during training
 * is not part of this object: the paper discards it ({@link AdaptationTraining} keeps it for the
 * Fig. 3 accuracy). Train with {@link AdaptationTrainer}; keep in a run folder with
 * {@link #save}/{@link #load}.
 */
public final class AdaptationModule {

    private static final int MAGIC = 0x4241444D; // "BADM"
    private static final int VERSION = 1;
    /** Rows per forward pass in {@link #adapt}, bounding native memory for large image sets. */
    private static final int CHUNK = 2048;

    private final TeacherFeatureNormalization normalization;
    final INDArray w1;
    final INDArray b1;
    final INDArray w2;
    final INDArray b2;
    private final boolean normalizeFeature;

    AdaptationModule(TeacherFeatureNormalization normalization, INDArray w1, INDArray b1, INDArray w2, INDArray b2,
                     boolean normalizeFeature) {
        this.normalization = normalization;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.normalizeFeature = normalizeFeature;
    }

    /** Length of the raw teacher feature f_t it takes (1024 for V, 128 for C, 1152 for E). */
    public int inputDimension() {
        return normalization.dimension();
    }

    public int hidden() {
        return w1.columns();
    }

    /** Length of f_a (128 in the paper). */
    public int dimension() {
        return w2.columns();
    }

    /** Whether f_a is L2-normalised (unit length). */
    public boolean normalizesFeature() {
        return normalizeFeature;
    }

    /** Number of trainable values of F_a (the softmax S_a excluded). */
    public long parameterCount() {
        return w1.length() + b1.length() + w2.length() + b2.length();
    }

    /** f_a of each raw teacher feature row (N x {@link #dimension()}). */
    public float[][] adapt(float[][] teacherFeatures) {
        INDArray raw = AdaptationNd.matrix(teacherFeatures, "teacher features");
        if (raw.columns() != inputDimension()) {
            throw new IllegalArgumentException("teacher features have " + raw.columns()
                    + " dimensions, this adaptation module was trained on " + inputDimension());
        }
        float[][] out = new float[teacherFeatures.length][];
        for (int start = 0; start < teacherFeatures.length; start += CHUNK) {
            int end = Math.min(teacherFeatures.length, start + CHUNK);
            INDArray chunk = raw.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            float[][] part = adaptedFromRaw(chunk).toFloatMatrix();
            System.arraycopy(part, 0, out, start, part.length);
        }
        return out;
    }

    TeacherFeatureNormalization normalization() {
        return normalization;
    }

    INDArray adaptedFromRaw(INDArray rawTeacherFeatures) {
        return adaptedFromNormalized(normalization.apply(rawTeacherFeatures));
    }

    /** F_a on already normalised input: the same arithmetic as training's forward pass. */
    INDArray adaptedFromNormalized(INDArray x) {
        INDArray h = Transforms.relu(x.mmul(w1).addiRowVector(b1), false);
        INDArray f = h.mmul(w2).addiRowVector(b2);
        return normalizeFeature ? unit(f) : f;
    }

    static INDArray unit(INDArray f) {
        return f.divColumnVector(Transforms.max(f.norm2(true, 1), 1e-12, false));
    }

    /** Writes F_a (normalisation + two layers) atomically to a small binary file. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeBoolean(normalizeFeature);
            normalization.write(out);
            AdaptationNd.writeMatrix(out, w1);
            AdaptationNd.writeMatrix(out, b1);
            AdaptationNd.writeMatrix(out, w2);
            AdaptationNd.writeMatrix(out, b2);
            out.flush();
        });
    }

    /** Reads a file written by {@link #save}; a damaged or foreign file gives an error naming it. */
    public static AdaptationModule load(Path file) {
        org.bridge.nd.Nd4jRuntime.init();
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            if (in.readInt() != MAGIC) {
                throw new UserFacingException(file + ": not an adaptation module file (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UserFacingException(file + ": adaptation module format version " + version
                        + ", this build reads " + VERSION);
            }
            boolean normalize = in.readBoolean();
            TeacherFeatureNormalization norm = TeacherFeatureNormalization.read(in);
            INDArray w1 = AdaptationNd.readMatrix(in, norm.dimension(), -1, "first layer weights");
            INDArray b1 = AdaptationNd.readMatrix(in, 1, w1.columns(), "first layer bias");
            INDArray w2 = AdaptationNd.readMatrix(in, w1.columns(), -1, "second layer weights");
            INDArray b2 = AdaptationNd.readMatrix(in, 1, w2.columns(), "second layer bias");
            if (in.read() != -1) {
                throw new UserFacingException(file + ": unexpected bytes after the adaptation module");
            }
            return new AdaptationModule(norm, w1, b1, w2, b2, normalize);
        } catch (EOFException e) {
            throw new UserFacingException(file + ": adaptation module file is truncated");
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot read adaptation module: " + e.getMessage());
        }
    }
}
