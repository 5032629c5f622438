package org.bridge.teacher;

import java.util.List;

import org.bridge.data.RgbImage;

/**
 * A pretrained face-recognition network (or an ensemble of them) that turns face images into
 * feature vectors: the teacher t of the paper's students S-p-x-t.
 *
 * <p>Faces come in their source frame (e.g. a 250x250 deep-funneled LFW image); a
 * {@link FaceCropper} cuts each member network's aligned input out of it, because V and C use
 * different crops. Single networks also take ready-made crops directly:
 * {@link TeacherNetwork#features(List)}.
 */
public interface Teacher extends AutoCloseable {

    /** V, C or E. */
    TeacherId id();

    /** Human-readable name with the pinned package it comes from. */
    String name();

    /** Length of each feature vector. */
    int featureDimension();

    /**
     * Features of the given faces, one row each, in order.
     *
     * @param faces   faces in their source frame
     * @param cropper makes each member network's aligned crop
     */
    float[][] features(List<RgbImage> faces, FaceCropper cropper);

    /** Releases the network weights' native memory. */
    @Override
    void close();
}
