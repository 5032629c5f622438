package org.bridge.distill;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The minimum-hyperspherical-energy (MHE) term that turns SphereFace into SphereFace+ (Liu et al.,
 * "Learning towards Minimum Hyperspherical Energy", 2018): the class weight vectors of the
 * identity layer are pushed apart on the unit sphere, which the A-Softmax loss alone does not do.
 *
 * <p>For the N columns w_j of the identity layer's W ([128, N]), with u_j = w_j / |w_j|:
 * {@code E = 1 / (N (N - 1)) * sum_{i != j} |u_i - u_j|^(-s)}, added to the loss as
 * {@code weight * E}. Its gradient is added to W's gradient before the updater, so Adam sees the
 * sum of the classification and the energy gradients, as autodiff would give:
 * {@code dE/du_i = -(2 s / (N (N - 1))) * sum_j |u_i - u_j|^(-s-2) (u_i - u_j)}, then through the
 * normalisation {@code dE/dw_i = (I - u_i u_i^T) dE/du_i / |w_i|}. Distances use
 * {@code |u_i - u_j|^2 = 2 - 2 u_i.u_j}, floored so two coinciding classes cannot give infinity.
 *
 * <p>The full pairwise energy over all classes is computed every iteration (the paper's mini-batch
 * form samples it by the batch's classes): N x N is under a million entries for the public
 * identities here, a few milliseconds next to the convolutions.
 *
 * <p>DL4J hands a regulariser the parameter as a flat view of its updater block; {@code rows} (the
 * mimic dimension) restores W's [rows, classes] shape, in DL4J's 'f' order for dense weights.
 *
 * <p>Serialised into DL4J's model JSON through the annotated constructor, so checkpoints resume.
 */
public final class HypersphericalEnergy implements Regularization {

    /** Smallest squared distance used: two classes closer than 0.01 count as 0.01 apart. */
    private static final double MIN_SQUARED_DISTANCE = 1e-4;

    @JsonProperty("weight")
    private final double weight;
    @JsonProperty("power")
    private final double power;
    @JsonProperty("rows")
    private final long rows;

    @JsonCreator
    public HypersphericalEnergy(@JsonProperty("weight") double weight, @JsonProperty("power") double power,
                                @JsonProperty("rows") long rows) {
        if (!(weight >= 0) || !(power > 0) || rows < 1) {
            throw new IllegalArgumentException("hyperspherical energy needs weight >= 0, power s > 0 and rows >= 1, got "
                    + "weight " + weight + ", s " + power + ", rows " + rows);
        }
        this.weight = weight;
        this.power = power;
        this.rows = rows;
    }

    /** W as [rows, classes]: a 2-D parameter as it is, a flat one reshaped in DL4J's 'f' order. */
    private INDArray matrix(INDArray param) {
        if (param.rank() == 2 && param.rows() == rows) {
            return param;
        }
        if (param.length() % rows != 0) {
            throw new IllegalArgumentException("parameter of length " + param.length() + " is not " + rows
                    + " rows of class weights");
        }
        return param.reshape('f', new long[] {rows, param.length() / rows});
    }

    public double weight() {
        return weight;
    }

    public double power() {
        return power;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.BEFORE_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        INDArray w = matrix(param).castTo(DataType.DOUBLE);
        long n = w.columns();
        if (weight == 0 || n < 2) {
            return;
        }
        INDArray norms = w.norm2(0); // [N]
        INDArray u = w.divRowVector(norms);
        INDArray k = kernel(u, power + 2); // |u_i - u_j|^(-s-2), zero diagonal
        // sum_j K_ij (u_i - u_j) = u_i * rowSum_i - (U K)_i, for all i at once.
        INDArray pull = u.mulRowVector(k.sum(1)).subi(u.mmul(k));
        INDArray dU = pull.muli(-2 * power / ((double) n * (n - 1)));
        // Tangent projection and 1/|w|: (dU - u (u . dU)) / |w|.
        INDArray radial = u.mul(dU).sum(0);
        INDArray dW = dU.subi(u.mulRowVector(radial)).diviRowVector(norms);
        dW.muli(weight);
        if (gradView.rank() == 2 && gradView.rows() == rows) {
            gradView.addi(dW.castTo(gradView.dataType()));
        } else {
            // Flatten in the 'f' order DL4J's flat view uses (the explicit long[] keeps Java from
            // reading 'f' as a dimension of the varargs overload).
            gradView.addi(Nd4j.toFlattened('f', dW).castTo(gradView.dataType()).reshape(gradView.shape()));
        }
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        INDArray w = matrix(param).castTo(DataType.DOUBLE);
        long n = w.columns();
        if (weight == 0 || n < 2) {
            return 0;
        }
        INDArray u = w.divRowVector(w.norm2(0));
        return weight * energy(u, power);
    }

    /** The energy E of unit columns {@code u} (no weight), for tests and reports. */
    public static double energy(INDArray u, double power) {
        long n = u.columns();
        return kernel(u.castTo(DataType.DOUBLE), power).sumNumber().doubleValue() / ((double) n * (n - 1));
    }

    /** {@code |u_i - u_j|^(-p)} for i != j, 0 on the diagonal. */
    private static INDArray kernel(INDArray u, double p) {
        INDArray squared = u.transpose().mmul(u).muli(-2).addi(2);
        Transforms.max(squared, MIN_SQUARED_DISTANCE, false);
        INDArray k = Transforms.pow(squared, -p / 2, false);
        long n = u.columns();
        k.muli(Nd4j.ones(DataType.DOUBLE, n, n).subi(Nd4j.eye(n).castTo(DataType.DOUBLE)));
        return k;
    }

    @Override
    public Regularization clone() {
        return new HypersphericalEnergy(weight, power, rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HypersphericalEnergy h && h.weight == weight && h.power == power && h.rows == rows;
    }

    @Override
    public int hashCode() {
        return (Double.hashCode(weight) * 31 + Double.hashCode(power)) * 31 + Long.hashCode(rows);
    }

    @Override
    public String toString() {
        return "HypersphericalEnergy(weight=" + weight + ", s=" + power + ", rows=" + rows + ")";
    }
}
