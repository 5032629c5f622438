package org.bridge.ui.degradation;

import java.util.List;

import org.bridge.degrade.FaceBox;
import org.bridge.ui.common.ArgbPixels;

/**
 * Everything the Degradation tab draws for one {@link PreviewRequest}, already converted to
 * display pixels off the JavaFX thread.
 *
 * @param request       what was asked
 * @param hr            the high-resolution image at its own size
 * @param jitteredBoxes the face box of each perturbation, in the order of {@code perturbations}
 * @param perturbations the p x p perturbations, enlarged by {@code gridFactor} (nearest neighbour)
 * @param gridFactor    enlargement of the perturbations
 * @param clean         the clean crop at each of {@link DegradationViewModel#PAPER_RESOLUTIONS},
 *                      enlarged nearest-neighbour
 * @param cleanFactors  the enlargement of each clean crop
 * @param bilinear      each clean crop bilinearly up-sampled to {@link DegradationPreview#BILINEAR_SIDE}
 *                      (the paper's BI input), at its own size
 * @param millis        time taken to compute it all
 */
public record PreviewResult(PreviewRequest request, ArgbPixels hr, List<FaceBox> jitteredBoxes,
                            List<ArgbPixels> perturbations, int gridFactor, List<ArgbPixels> clean,
                            List<Integer> cleanFactors, List<ArgbPixels> bilinear, long millis) {

    public PreviewResult {
        jitteredBoxes = List.copyOf(jitteredBoxes);
        perturbations = List.copyOf(perturbations);
        clean = List.copyOf(clean);
        cleanFactors = List.copyOf(cleanFactors);
        bilinear = List.copyOf(bilinear);
    }

    /** Whether the base box reaches outside the image (where the crop repeats edge pixels). */
    public boolean baseBoxOutsideImage() {
        return !BoxOutline.inside(request.params().baseBox(), hr.width(), hr.height());
    }
}
