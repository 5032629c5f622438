package org.bridge.distill;

/**
 * The regression part of the student's objective: the mimic layer (128-D) regresses onto a
 * teacher feature, R = weight * sum_i || M_s^l(I') - f ||^2 (eq. 6 of the paper).
 *
 * <p>For supervisions s and sc the target is the adapted feature f_a, which is 128-D like the
 * mimic layer, so the loss sits directly on the mimic layer ({@link #mimic}). For supervision dc
 * the target is the raw teacher feature f_t (1024-D for CosFace, 128-D for FaceAPI, 1152-D for an
 * ensemble, ...): a training-only linear projection maps the mimic layer to that dimension and the
 * loss regresses the projection ({@link #projected}). The projection is dropped at inference,
 * just like the identity layer, so the student keeps its 128-D mimic feature. With a 128-D raw
 * teacher, dc may also regress the mimic layer directly.
 *
 * @param targetDimension length of the target vector
 * @param projected       whether a linear projection (with bias) sits between mimic layer and loss
 * @param weight          multiplier of the regression loss relative to the classification loss
 * @param loss            sum over dimensions (eq. 6) or mean over dimensions
 * @param unitSphere      whether the student's vector (mimic layer or dc projection) is
 *                        L2-normalised before the squared error, so that with unit targets
 *                        R = weight * || m/|m| - f/|f| ||^2 = weight * (2 - 2 cos(m, f)): see
 *                        {@link #onUnitSphere()} for why
 */
public record RegressionHead(int targetDimension, boolean projected, double weight, Loss loss, boolean unitSphere) {

    /** How squared errors over the target's dimensions are combined (then averaged over the batch). */
    public enum Loss {
        /** sum_d (y_d - t_d)^2, the paper's || . ||^2. */
        SUM_SQUARED,
        /** sum_d (y_d - t_d)^2 / D, independent of the target dimension. */
        MEAN_SQUARED
    }

    public RegressionHead {
        if (targetDimension <= 0) {
            throw new IllegalArgumentException("regression target dimension must be positive, got " + targetDimension);
        }
        if (!projected && targetDimension != StudentNetwork.MIMIC_DIMENSION) {
            throw new IllegalArgumentException("the mimic layer is " + StudentNetwork.MIMIC_DIMENSION
                    + "-D, so a " + targetDimension + "-D target needs a projection (supervision dc)");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("regression weight must be positive and finite, got " + weight);
        }
        if (loss == null) {
            throw new IllegalArgumentException("regression loss kind is required");
        }
    }

    public RegressionHead(int targetDimension, boolean projected, double weight, Loss loss) {
        this(targetDimension, projected, weight, loss, false);
    }

    /** Regression of the mimic layer onto a 128-D target (supervisions s and sc). */
    public static RegressionHead mimic(double weight, Loss loss) {
        return new RegressionHead(StudentNetwork.MIMIC_DIMENSION, false, weight, loss);
    }

    /** Regression of a linear projection of the mimic layer onto a raw teacher feature (supervision dc). */
    public static RegressionHead projected(int targetDimension, double weight, Loss loss) {
        return new RegressionHead(targetDimension, true, weight, loss);
    }

    /**
     * The same head with the student's vector L2-normalised before the squared error (targets
     * should then be unit vectors: {@code targetNorm} 1). Why: measured on LFW, the plain L2 head
     * first has to shrink the student's output (norm ~7 after classification pre-training, or
     * after initialisation) onto unit-norm targets, and that shrinking both stalls the regression
     * at the predict-zero loss and wrecks the classifier at the start of fine-tuning (class loss
     * 2.4 -> 6.2). On the unit sphere the regression only turns the direction, which is all the
     * cosine verification uses, and leaves the norm to the classifier.
     */
    public RegressionHead onUnitSphere() {
        return new RegressionHead(targetDimension, projected, weight, loss, true);
    }
}
