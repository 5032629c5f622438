package org.bridge.degrade;

import org.bridge.data.RgbImage;
import org.bridge.data.synthetic.SyntheticFaceSet;

/** Small images with known content for the degradation tests. */
final class TestImages {

    private TestImages() {
    }

    /** A 250x250 synthetic face framed like deep-funneled LFW (no real data needed). */
    static RgbImage syntheticFace() {
        return RgbImage.fromBufferedImage(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(0, 1));
    }

    static RgbImage constant(int w, int h, float value) {
        float[] d = new float[w * h * 3];
        java.util.Arrays.fill(d, value);
        return new RgbImage(w, h, d);
    }

    /** Pixel (x, y) has value f(x, y) in all three channels. */
    static RgbImage of(int w, int h, java.util.function.IntBinaryOperator f) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    img.set(x, y, c, f.applyAsInt(x, y));
                }
            }
        }
        return img;
    }

    static double mean(RgbImage img) {
        double s = 0;
        for (float v : img.data()) {
            s += v;
        }
        return s / img.data().length;
    }
}
