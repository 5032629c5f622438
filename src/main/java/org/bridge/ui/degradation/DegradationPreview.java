package org.bridge.ui.degradation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationRandom;
import org.bridge.degrade.FaceBox;
import org.bridge.ui.common.ArgbPixels;

/**
 * Computes what the Degradation tab shows, on a background thread: the perturbations of one
 * face exactly as the training pipeline makes them (image 0 of the seed, as in
 * {@code bridge degrade}), the same face cleanly cropped at the paper's resolutions and its
 * bilinear up-sampling. Thread-safe: the decoder is, and nothing else is shared.
 */
public final class DegradationPreview {

    /** Display size the perturbation tiles are enlarged towards. */
    public static final int GRID_TILE = 80;
    /** Display size the clean crops are enlarged towards. */
    public static final int CLEAN_TILE = 128;
    /** Side of the bilinear up-sampling (BI) shown under the clean crops. */
    public static final int BILINEAR_SIDE = 96;

    // Dragging a slider re-renders the same image many times; keep its decoded pixels.
    private final ImageDecoder decoder = new ImageDecoder(4);

    /**
     * Everything for {@code q}, or null when {@code superseded} turned true on the way (checked
     * between perturbations, so a stale request costs at most one more perturbation).
     */
    public PreviewResult render(PreviewRequest q, BooleanSupplier superseded) {
        long start = System.nanoTime();
        RgbImage hr = decoder.decode(q.image());
        Degradation degradation = new Degradation(q.params());
        FaceBox base = q.params().baseBox();
        long imageSeed = DegradationRandom.imageSeed(q.seed(), 0);
        int gridFactor = ArgbPixels.enlargement(q.resolution(), GRID_TILE);

        int count = q.params().count();
        List<FaceBox> boxes = new ArrayList<>(count);
        List<ArgbPixels> perturbations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (superseded.getAsBoolean()) {
                return null;
            }
            boxes.add(degradation.jitteredBox(base, DegradationRandom.perturbationSeed(imageSeed, i)));
            RgbImage lr = degradation.perturbation(hr, base, q.resolution(), imageSeed, i);
            perturbations.add(ArgbPixels.enlarged(lr, gridFactor));
        }

        List<ArgbPixels> clean = new ArrayList<>();
        List<Integer> cleanFactors = new ArrayList<>();
        List<ArgbPixels> bilinear = new ArrayList<>();
        for (int p : DegradationViewModel.PAPER_RESOLUTIONS) {
            RgbImage c = Degradation.clean(hr, base, p);
            int f = ArgbPixels.enlargement(p, CLEAN_TILE);
            clean.add(ArgbPixels.enlarged(c, f));
            cleanFactors.add(f);
            bilinear.add(ArgbPixels.of(Degradation.bilinearUpsample(c, BILINEAR_SIDE)));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new PreviewResult(q, ArgbPixels.of(hr), boxes, perturbations, gridFactor, clean, cleanFactors,
                bilinear, millis);
    }
}
