package org.bridge.distill;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 128-D regression target that keeps the teacher's own geometry: each raw teacher feature is
 * L2-normalised (for the ensemble E, V and C are already unit vectors each, so both count
 * equally), centred on the public set's mean and projected onto the public set's top principal
 * components; all vectors are then scaled by one common factor so that their mean squared norm is
 * 1 (relative lengths are kept: a face far from the mean stays far). Note that the experiment
 * runner then rescales each target to {@code training.targetNorm} (1 by default, and required by
 * the unit-sphere regression), which keeps only the directions.
 *
 * <p>Why this exists next to the paper's adapted feature f_a: the adaptation module, trained with
 * cross-entropy on the public identities, turns f_a into an identity code (on LFW split A the mean
 * cosine of two different people's f_a is 0.00, of the same person's 0.77, after 40 epochs at
 * 99.98% training accuracy). Regressing onto such codes tells a student little its identity labels
 * do not: measured on full LFW with the plain L2 head, S-16-sc-E with f_a reached 76.8% against
 * 78.4% for S-16-c-O; on the development fold with the unit-sphere head, s onto f_a reached AUC
 * 0.849 and s onto these components 0.870 (c-O 0.856; experiments/README.md). The principal components
 * of the teacher features keep what the teacher knows beyond identity labels (pose, age, sex,
 * lighting, similarity between people), which is the knowledge distillation is meant to carry; the
 * quick student probe in ../shared/design/STUDENT-PROBE.md measured +7 points at 16x16 with it.
 * Fitted on the public set only, so nothing of the target half is seen.
 */
public final class TeacherPcaTargets {

    private final float[] mean;
    /** components[k] is the k-th principal direction (unit), by decreasing variance. */
    private final float[][] components;
    private final double[] variances;
    private final double totalVariance;
    private final double scale;

    private TeacherPcaTargets(float[] mean, float[][] components, double[] variances, double totalVariance,
                              double scale) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
        this.scale = scale;
    }

    /** Fits the mean and the top {@code dimension} components on the public set's raw teacher features. */
    public static TeacherPcaTargets fit(float[][] teacherFeatures, int dimension) {
        if (teacherFeatures.length < 2) {
            throw new IllegalArgumentException("principal components need at least 2 features, got "
                    + teacherFeatures.length);
        }
        int d = teacherFeatures[0].length;
        if (dimension <= 0 || dimension > d) {
            throw new IllegalArgumentException("cannot keep " + dimension + " components of " + d + "-D features");
        }
        float[][] unit = unitRows(teacherFeatures);
        int n = unit.length;
        float[] mean = new float[d];
        for (float[] row : unit) {
            for (int q = 0; q < d; q++) {
                mean[q] += row[q] / n;
            }
        }
        float[] centred = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < d; q++) {
                centred[i * d + q] = unit[i][q] - mean[q];
            }
        }
        // Covariance in double: eigenvectors of near-equal eigenvalues need the precision.
        INDArray x = Nd4j.create(centred, new long[] {n, d}, 'c').castTo(DataType.DOUBLE);
        INDArray cov = x.transpose().mmul(x).divi(n - 1);
        double total = 0;
        for (int q = 0; q < d; q++) {
            total += cov.getDouble(q, q);
        }
        INDArray vectors = cov.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        Integer[] order = new Integer[d];
        for (int q = 0; q < d; q++) {
            order[q] = q;
        }
        double[] ev = values.castTo(DataType.DOUBLE).toDoubleVector();
        Arrays.sort(order, (a, b) -> Double.compare(ev[b], ev[a]));
        float[][] components = new float[dimension][d];
        double[] variances = new double[dimension];
        double kept = 0;
        for (int k = 0; k < dimension; k++) {
            int col = order[k];
            variances[k] = Math.max(0, ev[col]);
            kept += variances[k];
            for (int q = 0; q < d; q++) {
                components[k][q] = (float) vectors.getDouble(q, col);
            }
        }
        // Mean squared norm of the projections = kept variance * (n-1)/n; scale it to 1.
        double meanSquaredNorm = kept * (n - 1) / n;
        double scale = meanSquaredNorm > 0 ? 1 / Math.sqrt(meanSquaredNorm) : 1;
        return new TeacherPcaTargets(mean, components, variances, total, scale);
    }

    public int dimension() {
        return components.length;
    }

    /** Share of the unit features' variance the kept components explain. */
    public double explainedVariance() {
        return totalVariance > 0 ? Arrays.stream(variances).sum() / totalVariance : 0;
    }

    /** Variance along each kept component (before the common scaling), decreasing. */
    public double[] componentVariances() {
        return variances.clone();
    }

    /** The common factor applied to every projection. */
    public double scale() {
        return scale;
    }

    /** The targets of the given raw teacher features (N x dimension). */
    public float[][] project(float[][] teacherFeatures) {
        float[][] unit = unitRows(teacherFeatures);
        float[][] out = new float[unit.length][components.length];
        for (int i = 0; i < unit.length; i++) {
            if (unit[i].length != mean.length) {
                throw new IllegalArgumentException("feature " + i + " has " + unit[i].length
                        + " values, the components were fitted on " + mean.length);
            }
            for (int k = 0; k < components.length; k++) {
                double s = 0;
                float[] c = components[k];
                for (int q = 0; q < mean.length; q++) {
                    s += (unit[i][q] - mean[q]) * c[q];
                }
                out[i][k] = (float) (s * scale);
            }
        }
        return out;
    }

    private static float[][] unitRows(float[][] features) {
        float[][] out = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            double sq = 0;
            for (float v : features[i]) {
                sq += (double) v * v;
            }
            // One norm for the whole vector: the ensemble's halves (V and C, unit each) are scaled
            // alike, so they keep weighing the same.
            double f = sq > 0 ? 1 / Math.sqrt(sq) : 0;
            out[i] = new float[features[i].length];
            for (int q = 0; q < out[i].length; q++) {
                out[i][q] = (float) (features[i][q] * f);
            }
        }
        return out;
    }
}
