package org.bridge.distill;

/**
 * Training samples for the student, read by index: the LR input I' (p x p RGB, CHW, 0..255), its
 * identity label and its regression target (f_a(I), or f_t(I) for supervision dc).
 *
 * <p>The trainer only asks for the samples of the current batch, so an implementation may hold
 * everything in memory ({@link InMemoryStudentSamples}) or synthesise D(I) on the fly (needed at
 * 96x96, where 16 perturbations of a public set do not fit in memory). {@code epoch} lets an
 * on-the-fly source draw a fresh perturbation per epoch; in-memory sources ignore it.
 * Implementations are called from the training thread only.
 */
public interface StudentSamples {

    int size();

    /** Input size p; every sample is p x p. */
    int resolution();

    /** Number of identity classes, 0 when the samples carry no labels. */
    int classes();

    /** Length of the regression target, 0 when the samples carry none. */
    int targetDimension();

    /** Writes sample {@code index} as 3 x p x p floats (CHW, 0..255) into {@code dst} at {@code offset}. */
    void input(int epoch, int index, float[] dst, int offset);

    /**
     * Label of a sample with a regression target but no identity class: a public image of a person
     * with too few images to be a class (see {@code training.regressAllPublicImages}). The trainer
     * masks it out of the cross-entropy; it still counts in the regression.
     */
    int UNLABELLED = -1;

    /** Identity label in [0, classes), or {@link #UNLABELLED}. */
    int label(int index);

    /** Writes the regression target of sample {@code index} into {@code dst} at {@code offset}. */
    void target(int index, float[] dst, int offset);
}
