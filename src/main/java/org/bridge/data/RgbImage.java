package org.bridge.data;

import java.awt.image.BufferedImage;

/**
 * An RGB image as floats in 0..255, row-major, interleaved (HWC: {@code data[(y * width + x) * 3 + c]},
 * c = 0 red, 1 green, 2 blue). The common currency between readers, the degradation pipeline and
 * the networks' preprocessing: floats so that chained operations do not round at every step.
 * Grey images are stored with three equal channels.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] data;

    public RgbImage(int width, int height, float[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (data.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " values, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new float[width * height * 3]);
    }

    public static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] d = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            d[i * 3] = (p >> 16) & 255;
            d[i * 3 + 1] = (p >> 8) & 255;
            d[i * 3 + 2] = p & 255;
        }
        return new RgbImage(w, h, d);
    }

    /** Rounds and clamps to 8 bits per channel. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (clamp8(data[i * 3]) << 16) | (clamp8(data[i * 3 + 1]) << 8) | clamp8(data[i * 3 + 2]);
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    private static int clamp8(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy): callers that mutate it own the image. */
    public float[] data() {
        return data;
    }

    public float get(int x, int y, int channel) {
        return data[(y * width + x) * 3 + channel];
    }

    public void set(int x, int y, int channel, float value) {
        data[(y * width + x) * 3 + channel] = value;
    }

    public RgbImage copy() {
        return new RgbImage(width, height, data.clone());
    }

    /** A new image mirrored left-right (faces are near-symmetric: the test-time flip). */
    public RgbImage mirrored() {
        float[] d = new float[data.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int from = (y * width + x) * 3;
                int to = (y * width + (width - 1 - x)) * 3;
                d[to] = data[from];
                d[to + 1] = data[from + 1];
                d[to + 2] = data[from + 2];
            }
        }
        return new RgbImage(width, height, d);
    }
}
