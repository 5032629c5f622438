package org.bridge.ui.degradation;

import java.nio.file.Path;
import java.util.Objects;

import org.bridge.degrade.DegradationParams;

/**
 * What the Degradation tab asks to see: an immutable snapshot taken on the JavaFX thread and
 * handed to the background renderer.
 *
 * @param image      the high-resolution face image file
 * @param params     the degradation parameters D(I)
 * @param seed       the experiment seed; the image is image 0 of it, as for {@code bridge degrade}
 * @param resolution side p of the perturbations
 */
public record PreviewRequest(Path image, DegradationParams params, long seed, int resolution) {
    public PreviewRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(params, "params");
        DegradationViewModel.resolutionProblem(resolution).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }
}
