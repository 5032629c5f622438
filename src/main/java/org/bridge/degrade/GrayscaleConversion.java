package org.bridge.degrade;

import org.bridge.data.RgbImage;

/**
 * Makes the face grey ({@link DegradationParams.Grayscale}): every pixel's three channels become
 * its BT.601 luma, so a colour student sees the monochrome faces of ORL-like archives and night
 * cameras during training.
 */
public final class GrayscaleConversion implements DegradationStep {

    private final DegradationParams.Grayscale params;

    public GrayscaleConversion(DegradationParams.Grayscale params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "grayscale";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        if (random.chance(params.probability())) {
            toGrey(image);
        }
    }

    /** R = G = B = 0.299 R + 0.587 G + 0.114 B, in place. */
    public static void toGrey(RgbImage image) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i += 3) {
            float luma = (float) (0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]);
            d[i] = luma;
            d[i + 1] = luma;
            d[i + 2] = luma;
        }
    }
}
