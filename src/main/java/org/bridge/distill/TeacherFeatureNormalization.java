package org.bridge.distill;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fixed map applied to a raw teacher feature f_t before {@link TeacherSoftmax} and the
 * adaptation module see it: (1) divide the vector by its L2 norm, (2) subtract the per-dimension
 * mean and divide by the per-dimension standard deviation, both measured on the training
 * features and stored with the model.
 *
 * <p>Why: the teachers' raw scales differ (V is a 1024-D pooled activation, C a 128-D embedding
 * whose vectors are far from zero-centred: same-person cosines ~0.95 vs ~0.83 for different
 * people, see ../shared/teachers/FACTS.md; E concatenates two unit vectors). The L2 step keeps
 * only the direction, which is what the teachers' own cosine verification uses; the
 * standardisation centres the cloud so that a ReLU layer and a linear softmax start in a sensible
 * regime with the same learning rate for every teacher. Both steps are a fixed invertible affine
 * map of the unit vector, so they add no information and remove none that a linear classifier
 * could use. A dimension that is constant on the training set gets weight zero.
 */
final class TeacherFeatureNormalization {

    private final INDArray mean;
    private final INDArray inverseStd;

    private TeacherFeatureNormalization(INDArray mean, INDArray inverseStd) {
        this.mean = mean;
        this.inverseStd = inverseStd;
    }

    /** Measures mean and standard deviation of the L2-normalised training features (N x D). */
    static TeacherFeatureNormalization fit(INDArray features) {
        INDArray unit = unitRows(features);
        INDArray mean = unit.mean(true, 0);
        INDArray std = unit.std(false, true, 0);
        float[] s = std.data().asFloat();
        float[] inv = new float[s.length];
        for (int q = 0; q < s.length; q++) {
            inv[q] = s[q] > 1e-6f ? 1f / s[q] : 0f;
        }
        return new TeacherFeatureNormalization(mean, Nd4j.create(inv, new long[] {1, inv.length}, 'c'));
    }

    int dimension() {
        return (int) mean.length();
    }

    /** The normalised features, a new N x D array. */
    INDArray apply(INDArray features) {
        if (features.columns() != dimension()) {
            throw new IllegalArgumentException("teacher features have " + features.columns()
                    + " dimensions, this model was trained on " + dimension());
        }
        return unitRows(features).subiRowVector(mean).muliRowVector(inverseStd);
    }

    private static INDArray unitRows(INDArray features) {
        INDArray norms = features.norm2(true, 1);
        // An all-zero vector stays zero instead of becoming NaN.
        norms = Transforms.max(norms, 1e-12, false);
        return features.divColumnVector(norms);
    }

    void write(DataOutputStream out) throws IOException {
        AdaptationNd.writeMatrix(out, mean);
        AdaptationNd.writeMatrix(out, inverseStd);
    }

    static TeacherFeatureNormalization read(DataInputStream in) throws IOException {
        INDArray mean = AdaptationNd.readMatrix(in, 1, -1, "normalisation mean");
        INDArray inv = AdaptationNd.readMatrix(in, 1, mean.columns(), "normalisation scale");
        return new TeacherFeatureNormalization(mean, inv);
    }
}
