package org.bridge.teacher;

import org.bridge.data.RgbImage;

/** Cuts the aligned crop a teacher network expects ({@code inputSize()} square) out of a face image. */
@FunctionalInterface
public interface FaceCropper {

    RgbImage crop(RgbImage face, TeacherNetwork network);
}
