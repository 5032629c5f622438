package org.bridge.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

class ArgbPixelsTest {

    @Test
    void enlargesEachPixelIntoASharpSquareAndRoundsLikeAPng() {
        // 2 x 1 image: a red pixel and an out-of-range one (clamped as RgbImage.toBufferedImage does).
        RgbImage img = new RgbImage(2, 1, new float[] {255, 0, 0, -4, 127.6f, 300});
        ArgbPixels p = ArgbPixels.enlarged(img, 3);
        assertEquals(6, p.width());
        assertEquals(3, p.height());
        int red = 0xFFFF0000;
        int other = 0xFF0080FF;
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(x < 3 ? red : other, p.argb()[y * 6 + x], "pixel " + x + "," + y);
            }
        }
        assertEquals(img.toBufferedImage().getRGB(1, 0), ArgbPixels.of(img).argb()[1]);
    }

    @Test
    void enlargementIsTheLargestWholeFactorWithinTheTarget() {
        assertEquals(5, ArgbPixels.enlargement(16, 80));
        assertEquals(2, ArgbPixels.enlargement(32, 80));
        assertEquals(1, ArgbPixels.enlargement(64, 80));
        assertEquals(2, ArgbPixels.enlargement(64, 128));
        assertEquals(1, ArgbPixels.enlargement(96, 128));
        assertEquals(1, ArgbPixels.enlargement(250, 80));
        assertThrows(IllegalArgumentException.class, () -> ArgbPixels.enlarged(RgbImage.blank(1, 1), 0));
    }
}
