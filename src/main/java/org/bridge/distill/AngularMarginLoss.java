package org.bridge.distill;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Softmax cross-entropy with an angular margin on the target class: CosFace, ArcFace and
 * SphereFace (Table IV's margin losses). The layer before it must output cosines
 * cos(theta_j) between the L2-normalised feature and unit-norm class weights (see
 * {@link StudentNetwork}); this loss turns them into logits
 * {@code z_j = s * cos(theta_j)} for j != y and {@code z_y = s * phi(cos(theta_y))} with
 * <ul>
 * <li>CosFace: {@code phi = cos(theta) - m};</li>
 * <li>ArcFace: {@code phi = cos(theta + m)}, falling back to {@code cos(theta) - m sin(m)} when
 * {@code theta + m > pi} (as in the authors' code, keeps phi decreasing in theta);</li>
 * <li>SphereFace: {@code phi = (lambda cos(theta) + psi(theta)) / (1 + lambda)}, with
 * {@code psi = (-1)^k cos(m theta) - 2k} on {@code [k pi/m, (k+1) pi/m]}.</li>
 * </ul>
 * Loss per example: {@code log sum_j exp(z_j) - z_y}; gradient with respect to the cosines
 * {@code s (p_j - [j=y]) phi'_j}. Computed on the CPU in Java: the arrays are batch x classes,
 * small next to the convolutions. Per-example label masks (B x 1) are honoured, so a training
 * phase can switch the loss off.
 *
 * <p>Instances are serialised into DL4J's model JSON through the annotated constructor.
 */
public final class AngularMarginLoss implements ILossFunction {

    private static final double COS_LIMIT = 1 - 1e-7;

    @JsonProperty("kind")
    private final ClassifierHead.Kind kind;
    @JsonProperty("scale")
    private final double scale;
    @JsonProperty("margin")
    private final double margin;
    @JsonProperty("lambda")
    private final double lambda;

    @JsonCreator
    public AngularMarginLoss(@JsonProperty("kind") ClassifierHead.Kind kind, @JsonProperty("scale") double scale,
                             @JsonProperty("margin") double margin, @JsonProperty("lambda") double lambda) {
        if (kind != ClassifierHead.Kind.COSFACE && kind != ClassifierHead.Kind.ARCFACE
                && kind != ClassifierHead.Kind.SPHEREFACE) {
            throw new IllegalArgumentException("not an angular margin loss: " + kind);
        }
        this.kind = kind;
        this.scale = scale;
        this.margin = margin;
        this.lambda = lambda;
    }

    static AngularMarginLoss of(ClassifierHead head) {
        // SphereFace+ has SphereFace's loss; its energy term acts on the weights (HypersphericalEnergy).
        ClassifierHead.Kind kind = head.kind() == ClassifierHead.Kind.SPHEREFACE_PLUS
                ? ClassifierHead.Kind.SPHEREFACE : head.kind();
        return new AngularMarginLoss(kind, head.scale(), head.margin(), head.lambda());
    }

    public ClassifierHead.Kind getKind() {
        return kind;
    }

    public double getScale() {
        return scale;
    }

    public double getMargin() {
        return margin;
    }

    public double getLambda() {
        return lambda;
    }

    /** phi(c) for the target class and its derivative d phi / d c. */
    double[] targetLogit(double c) {
        c = Math.max(-COS_LIMIT, Math.min(COS_LIMIT, c));
        switch (kind) {
            case COSFACE:
                return new double[] {c - margin, 1};
            case ARCFACE: {
                double theta = Math.acos(c);
                if (theta + margin <= Math.PI) {
                    return new double[] {Math.cos(theta + margin), Math.sin(theta + margin) / Math.sin(theta)};
                }
                return new double[] {c - margin * Math.sin(margin), 1};
            }
            case SPHEREFACE: {
                double theta = Math.acos(c);
                int m = (int) margin;
                int k = (int) Math.floor(m * theta / Math.PI);
                k = Math.min(k, m - 1); // theta = pi exactly belongs to the last interval
                double sign = (k % 2 == 0) ? 1 : -1;
                double psi = sign * Math.cos(m * theta) - 2 * k;
                double dPsi = sign * m * Math.sin(m * theta) / Math.sin(theta);
                return new double[] {(lambda * c + psi) / (1 + lambda), (lambda + dPsi) / (1 + lambda)};
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /** Per-example loss (column 0 of the result) and gradient with respect to the cosines. */
    private Pair<double[], double[][]> evaluate(INDArray labels, INDArray preOutput, IActivation activationFn,
                                               INDArray mask, boolean wantGradient) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("AngularMarginLoss expects cosines with identity activation, got "
                    + activationFn);
        }
        if (preOutput.rank() != 2 || !labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape())
                    + " and cosines " + java.util.Arrays.toString(preOutput.shape()) + " must be equal 2-D shapes");
        }
        if (mask != null && mask.size(1) != 1) {
            throw new UnsupportedOperationException("AngularMarginLoss supports per-example masks only");
        }
        double[][] cos = preOutput.toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        double[] m = mask == null ? null : mask.reshape(mask.length()).toDoubleVector();
        int rows = cos.length;
        double[] loss = new double[rows];
        double[][] grad = wantGradient ? new double[rows][] : null;
        double[] z = new double[rows == 0 ? 0 : cos[0].length];
        double[] dPhi = new double[z.length];
        for (int i = 0; i < rows; i++) {
            int target = argMax(y[i]);
            for (int j = 0; j < z.length; j++) {
                if (j == target) {
                    double[] phi = targetLogit(cos[i][j]);
                    z[j] = scale * phi[0];
                    dPhi[j] = phi[1];
                } else {
                    z[j] = scale * cos[i][j];
                    dPhi[j] = 1;
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            double logSumExp = max + Math.log(sum);
            double w = m == null ? 1 : m[i];
            loss[i] = w * (logSumExp - z[target]);
            if (wantGradient) {
                double[] g = new double[z.length];
                for (int j = 0; j < z.length; j++) {
                    double p = Math.exp(z[j] - logSumExp);
                    g[j] = w * scale * (p - (j == target ? 1 : 0)) * dPhi[j];
                }
                grad[i] = g;
            }
        }
        return Pair.of(loss, grad);
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double[] loss = evaluate(labels, preOutput, activationFn, mask, false).getFirst();
        double sum = 0;
        for (double v : loss) {
            sum += v;
        }
        return average && loss.length > 0 ? sum / loss.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] loss = evaluate(labels, preOutput, activationFn, mask, false).getFirst();
        return Nd4j.create(loss, new long[] {loss.length, 1}).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[][] grad = evaluate(labels, preOutput, activationFn, mask, true).getSecond();
        return Nd4j.create(grad).castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Pair<double[], double[][]> r = evaluate(labels, preOutput, activationFn, mask, true);
        double sum = 0;
        for (double v : r.getFirst()) {
            sum += v;
        }
        int n = r.getFirst().length;
        return Pair.of(average && n > 0 ? sum / n : sum, Nd4j.create(r.getSecond()).castTo(preOutput.dataType()));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "AngularMarginLoss(" + kind + ", s=" + scale + ", m=" + margin
                + (kind == ClassifierHead.Kind.SPHEREFACE ? ", lambda=" + lambda : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AngularMarginLoss a && a.kind == kind && a.scale == scale && a.margin == margin
                && a.lambda == lambda;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, scale, margin, lambda);
    }
}
