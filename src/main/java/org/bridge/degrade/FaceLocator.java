package org.bridge.degrade;

import java.util.Optional;

import org.bridge.data.RgbImage;

/**
 * Finds the face square of one image in the student's framing, for {@link FaceBoxPolicy#DETECTOR}
 * (a face detector lives above this package, so it is handed in). Implementations must be safe
 * to call from several threads.
 */
public interface FaceLocator {

    /** The face square in {@code image}'s pixels, or empty when no face was found. */
    Optional<FaceBox> locate(RgbImage image);
}
