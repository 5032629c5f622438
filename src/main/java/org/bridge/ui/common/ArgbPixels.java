package org.bridge.ui.common;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import org.bridge.data.RgbImage;

/**
 * An image as packed 8-bit ARGB ints, ready for a JavaFX {@link javafx.scene.image.PixelWriter}.
 * Built off the JavaFX thread (plain arrays, no toolkit needed); only {@link #toImage()} runs on it.
 *
 * <p>Low-resolution faces are enlarged here by an integer factor with nearest-neighbour
 * replication, so that every pixel of a 16 x 16 face shows as a sharp square: an ImageView's
 * smoothing or a fractional scale would blur exactly the detail the viewer came to see.
 */
public record ArgbPixels(int width, int height, int[] argb) {

    public ArgbPixels {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("need " + width + " x " + height + " pixels, got " + argb.length);
        }
    }

    /** The image at its own size. */
    public static ArgbPixels of(RgbImage img) {
        return enlarged(img, 1);
    }

    /**
     * Each pixel of {@code img} repeated {@code factor x factor} times. Channels are rounded and
     * clamped to 0..255 like {@link RgbImage#toBufferedImage()}, so what is shown is what a PNG
     * written by {@code bridge degrade} holds.
     */
    public static ArgbPixels enlarged(RgbImage img, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("enlargement factor must be >= 1: " + factor);
        }
        int w = img.width();
        int h = img.height();
        float[] d = img.data();
        int outW = w * factor;
        int[] out = new int[outW * h * factor];
        for (int y = 0; y < h; y++) {
            int rowStart = y * factor * outW;
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int argb = 0xFF000000 | (clamp8(d[i]) << 16) | (clamp8(d[i + 1]) << 8) | clamp8(d[i + 2]);
                int start = rowStart + x * factor;
                for (int k = 0; k < factor; k++) {
                    out[start + k] = argb;
                }
            }
            // The other factor - 1 rows of this source row are copies of the first.
            for (int r = 1; r < factor; r++) {
                System.arraycopy(out, rowStart, out, rowStart + r * outW, outW);
            }
        }
        return new ArgbPixels(outW, h * factor, out);
    }

    /**
     * The largest whole-number enlargement that keeps a {@code side}-pixel image within
     * {@code targetSide} display pixels (at least 1: large images are shown at their own size).
     */
    public static int enlargement(int side, int targetSide) {
        return Math.max(1, targetSide / side);
    }

    /** A JavaFX image of these pixels; call on the JavaFX thread. */
    public WritableImage toImage() {
        WritableImage img = new WritableImage(width, height);
        img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return img;
    }

    private static int clamp8(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }
}
