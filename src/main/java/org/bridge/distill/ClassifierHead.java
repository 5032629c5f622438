package org.bridge.distill;

/**
 * The student's identity layer and its classification loss (the upper part M_s^h that sits on
 * the mimic layer). Only training uses it; verification reads the mimic layer. Table IV of the
 * paper compares these losses at 16x16.
 *
 * <p>How each is built in DL4J:
 * <ul>
 * <li>{@link Kind#SOFTMAX}: fully connected layer + softmax + cross-entropy (DL4J OutputLayer).</li>
 * <li>{@link Kind#CENTER_LOSS}: softmax + cross-entropy plus Wen et al.'s centre loss on the mimic
 * feature (DL4J's CenterLossOutputLayer; {@code alpha} = centre update rate, {@code lambda} =
 * weight of the centre term).</li>
 * <li>{@link Kind#COSFACE}, {@link Kind#ARCFACE}, {@link Kind#SPHEREFACE}: the mimic feature is
 * L2-normalised, a bias-free fully connected layer with unit-norm weight columns gives the
 * cosines cos(theta_j), and {@link AngularMarginLoss} applies the margin to the target class,
 * scales by {@code scale} and takes softmax cross-entropy. The unit norm of the weights is kept by
 * projecting after every update (DL4J's UnitNormConstraint), not by differentiating through the
 * normalisation.</li>
 * <li>{@link Kind#SPHEREFACE_PLUS}: SphereFace plus the minimum-hyperspherical-energy term on the
 * class weights ({@link HypersphericalEnergy}, weight {@code mheWeight}, power {@code mhePower}),
 * added to the identity layer's weight gradient before the updater.</li>
 * </ul>
 *
 * @param kind   which loss
 * @param scale  s of the margin losses (feature norm after normalisation); unused otherwise
 * @param margin m: additive cosine margin (CosFace), additive angular margin in radians (ArcFace),
 *               integer angle multiplier (SphereFace); unused otherwise
 * @param lambda centre-loss weight (CENTER_LOSS) or SphereFace's blending weight lambda of
 *               (lambda cos + psi) / (1 + lambda); unused otherwise
 * @param alpha  centre update rate (CENTER_LOSS); unused otherwise
 * @param mheWeight weight lambda_M of the hyperspherical energy (SPHEREFACE_PLUS); 0 otherwise
 * @param mhePower  power s of the hyperspherical energy (SPHEREFACE_PLUS); 0 otherwise
 */
public record ClassifierHead(Kind kind, double scale, double margin, double lambda, double alpha,
                             double mheWeight, double mhePower) {

    /** The classification losses of Table IV that this project can train. */
    public enum Kind { SOFTMAX, CENTER_LOSS, COSFACE, ARCFACE, SPHEREFACE, SPHEREFACE_PLUS }

    public ClassifierHead {
        if (kind == null) {
            throw new IllegalArgumentException("classifier kind is required");
        }
        if (isAngular(kind) && !(scale > 0)) {
            throw new IllegalArgumentException(kind + " needs a positive scale s, got " + scale);
        }
        if ((kind == Kind.SPHEREFACE || kind == Kind.SPHEREFACE_PLUS) && (margin < 1 || margin != Math.rint(margin))) {
            throw new IllegalArgumentException("SphereFace's margin m must be a positive integer, got " + margin);
        }
        if ((kind == Kind.COSFACE || kind == Kind.ARCFACE) && !(margin >= 0 && margin < 1.5)) {
            throw new IllegalArgumentException(kind + " margin must be in [0, 1.5), got " + margin);
        }
        if (kind == Kind.SPHEREFACE_PLUS && !(mheWeight > 0 && mhePower > 0)) {
            throw new IllegalArgumentException("SphereFace+ needs a positive energy weight and power, got "
                    + mheWeight + " and " + mhePower);
        }
    }

    /** Plain softmax cross-entropy, the paper's default. */
    public static ClassifierHead softmax() {
        return new ClassifierHead(Kind.SOFTMAX, 0, 0, 0, 0, 0, 0);
    }

    /** Softmax plus centre loss; Wen et al. use lambda 0.003..0.01 and alpha 0.5. */
    public static ClassifierHead centerLoss(double lambda, double alpha) {
        return new ClassifierHead(Kind.CENTER_LOSS, 0, 0, lambda, alpha, 0, 0);
    }

    /** Large margin cosine loss; Wang et al. use s = 64, m = 0.35 (smaller s suits few classes). */
    public static ClassifierHead cosFace(double scale, double margin) {
        return new ClassifierHead(Kind.COSFACE, scale, margin, 0, 0, 0, 0);
    }

    /** Additive angular margin loss; Deng et al. use s = 64, m = 0.5 rad. */
    public static ClassifierHead arcFace(double scale, double margin) {
        return new ClassifierHead(Kind.ARCFACE, scale, margin, 0, 0, 0, 0);
    }

    /**
     * Multiplicative angular margin (A-Softmax) on normalised features with scale s; lambda
     * blends in the plain cosine as in Liu et al.'s training (they anneal it to about 5; here it
     * stays fixed). {@link #sphereFacePlus} adds SphereFace+'s inter-class energy term.
     */
    public static ClassifierHead sphereFace(double scale, int margin, double lambda) {
        return new ClassifierHead(Kind.SPHEREFACE, scale, margin, lambda, 0, 0, 0);
    }

    /**
     * SphereFace+: {@link #sphereFace} plus {@code mheWeight} times the hyperspherical energy of the
     * class weights with power {@code mhePower} ({@link HypersphericalEnergy}).
     */
    public static ClassifierHead sphereFacePlus(double scale, int margin, double lambda, double mheWeight,
                                                double mhePower) {
        return new ClassifierHead(Kind.SPHEREFACE_PLUS, scale, margin, lambda, 0, mheWeight, mhePower);
    }

    /** True when the head works on cosines of normalised features and weights. */
    public boolean isAngular() {
        return isAngular(kind);
    }

    private static boolean isAngular(Kind kind) {
        return kind == Kind.COSFACE || kind == Kind.ARCFACE || kind == Kind.SPHEREFACE
                || kind == Kind.SPHEREFACE_PLUS;
    }
}
