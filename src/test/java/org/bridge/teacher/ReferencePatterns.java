package org.bridge.teacher;

import org.bridge.data.RgbImage;

/**
 * The synthetic inputs of src/test/tfjs-reference/gen.js, reproduced bit for bit: integer
 * patterns 0..255 computed with 32-bit int arithmetic (JS {@code Math.imul}, {@code >>}, {@code &}
 * behave like Java's int operators).
 */
final class ReferencePatterns {

    private ReferencePatterns() {
    }

    /** 0 = diagonal ramps, 1 = elliptic bowl, 2 = hash noise. */
    static int pattern(int img, int y, int x, int c) {
        switch (img) {
            case 0:
                return (3 * x + 2 * y + 85 * c) & 255;
            case 1: {
                int dx = x - 100;
                int dy = y - 90;
                return Math.min(255, ((dx * dx + 2 * dy * dy) >> 5) + 30 * c);
            }
            case 2:
                return ((x * 73856093) ^ (y * 19349663) ^ ((c + 7) * 83492791)) & 255;
            default:
                throw new IllegalArgumentException("no pattern " + img);
        }
    }

    static RgbImage image(int img, int size) {
        RgbImage im = RgbImage.blank(size, size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    im.set(x, y, c, pattern(img, y, x, c));
                }
            }
        }
        return im;
    }
}
