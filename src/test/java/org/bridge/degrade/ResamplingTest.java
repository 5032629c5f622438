package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    private static final RgbImage CHECKER = TestImages.of(4, 4, (x, y) -> (x + y) % 2 == 0 ? 0 : 255);
    /** Values 0..15 row by row: every 2x2 block has a different mean. */
    private static final RgbImage RAMP16 = TestImages.of(4, 4, (x, y) -> y * 4 + x);

    @Test
    void areaResizeOfCheckerboardGivesTheMean() {
        RgbImage out = Resampling.area(CHECKER, 2, 2);
        for (float v : out.data()) {
            assertEquals(127.5f, v, 0f);
        }
    }

    @Test
    void cropOfWholeImageAveragesExactBlocks() {
        // Box = the whole 4x4 image, 2x2 output: each output pixel covers one 2x2 block exactly.
        RgbImage checker = Resampling.crop(CHECKER, new FaceBox(2, 2, 4, 0), 2);
        for (float v : checker.data()) {
            assertEquals(127.5f, v, 0f);
        }
        RgbImage ramp = Resampling.crop(RAMP16, new FaceBox(2, 2, 4, 0), 2);
        assertEquals((0 + 1 + 4 + 5) / 4f, ramp.get(0, 0, 0), 0f);
        assertEquals((2 + 3 + 6 + 7) / 4f, ramp.get(1, 0, 1), 0f);
        assertEquals((8 + 9 + 12 + 13) / 4f, ramp.get(0, 1, 2), 0f);
        assertEquals((10 + 11 + 14 + 15) / 4f, ramp.get(1, 1, 0), 0f);
        assertEquals(ramp.get(1, 1, 0), Resampling.area(RAMP16, 2, 2).get(1, 1, 0), 0f);
    }

    @Test
    void areaResizeWeighsPartialPixelsByOverlap() {
        // 3 -> 2: output pixel 0 covers source [0, 1.5): pixel 0 fully, pixel 1 half.
        RgbImage src = TestImages.of(3, 3, (x, y) -> 10 * x + 100 * y);
        RgbImage out = Resampling.area(src, 2, 2);
        double expected = (1.0 * (0) + 0.5 * (10) + 0.5 * (100) + 0.25 * (110)) / 2.25;
        assertEquals(expected, out.get(0, 0, 0), 1e-4);
        double expected11 = (0.25 * 110 + 0.5 * 120 + 0.5 * 210 + 1.0 * 220) / 2.25;
        assertEquals(expected11, out.get(1, 1, 0), 1e-4);
    }

    @Test
    void cropAgreesWithExactAreaResizeForNonIntegerFactors() {
        // 250 -> 16 (15.625 source px per output px): the crop's sampled integral of the
        // bilinear reconstruction stays within a grey level or two of the exact area mean.
        RgbImage face = TestImages.syntheticFace();
        RgbImage crop = Resampling.crop(face, new FaceBox(125, 125, 250, 0), 16);
        RgbImage area = Resampling.area(face, 16, 16);
        double worst = 0;
        for (int i = 0; i < crop.data().length; i++) {
            worst = Math.max(worst, Math.abs(crop.data()[i] - area.data()[i]));
        }
        assertTrue(worst < 3, "worst difference " + worst);
    }

    @Test
    void cropDownsamplingSuppressesAliasing() {
        // One-pixel vertical stripes: any point sampler (nearest, plain bilinear at pixel centres)
        // returns 0 or 255; an area average over ~9 source pixels returns close to the mean.
        RgbImage stripes = TestImages.of(250, 250, (x, y) -> x % 2 == 0 ? 0 : 255);
        RgbImage lr = Resampling.crop(stripes, FaceBox.lfwDeepFunneled(), 16);
        float worst = 0;
        for (float v : lr.data()) {
            worst = Math.max(worst, Math.abs(v - 127.5f));
        }
        assertTrue(worst < 20, "stripes should average out, worst deviation " + worst);
        // The same stripes through bilinear resize (no pre-filter) alias strongly: the test can tell.
        RgbImage naive = Resampling.bilinear(stripes, 27, 27);
        float naiveWorst = 0;
        for (float v : naive.data()) {
            naiveWorst = Math.max(naiveWorst, Math.abs(v - 127.5f));
        }
        assertTrue(naiveWorst > 60, "bilinear without pre-filter should alias, worst " + naiveWorst);
    }

    @Test
    void cropRotationFollowsTheDocumentedConvention() {
        // +90 degrees turns the box clockwise, so the crop shows the image turned anti-clockwise:
        // out(x, y) = src(3 - y, x).
        RgbImage out = Resampling.crop(RAMP16, new FaceBox(2, 2, 4, 90), 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(RAMP16.get(3 - y, x, 0), out.get(x, y, 0), 1e-4, "at " + x + "," + y);
            }
        }
    }

    @Test
    void cropOutsideTheImageClampsToTheEdge() {
        RgbImage src = TestImages.of(4, 4, (x, y) -> x == 0 ? 50 : 200);
        // A box entirely left of the image sees only the (clamped) left column.
        RgbImage out = Resampling.crop(src, new FaceBox(-10, 2, 4, 0), 2);
        for (float v : out.data()) {
            assertEquals(50f, v, 0f);
        }
    }

    @Test
    void bilinearUpsampleOfConstantIsConstant() {
        RgbImage up = Degradation.bilinearUpsample(TestImages.constant(16, 16, 77.25f), 224);
        assertEquals(224, up.width());
        for (float v : up.data()) {
            assertEquals(77.25f, v, 0f);
        }
    }

    @Test
    void bilinearUpsampleOfRampUsesHalfPixelCentres() {
        // Source column x holds 10x + 5. Output x of 8 samples source (x + 0.5) / 2 - 0.5.
        RgbImage src = TestImages.of(4, 4, (x, y) -> 10 * x + 5);
        RgbImage up = Degradation.bilinearUpsample(src, 8);
        assertEquals(5f, up.get(0, 3, 0), 1e-5f); // -0.25 clamps to the first centre
        for (int x = 1; x <= 6; x++) {
            double f = (x + 0.5) / 2 - 0.5;
            assertEquals(10 * f + 5, up.get(x, 5, 1), 1e-4, "x=" + x);
        }
        assertEquals(35f, up.get(7, 0, 2), 1e-5f); // 3.25 clamps to the last centre
    }

    @Test
    void areaDownThenBilinearUpIsTheBiBaseline() {
        // A horizontal ramp survives area down + bilinear up away from the edges.
        RgbImage src = TestImages.of(64, 64, (x, y) -> 2 * x + 40);
        RgbImage back = Degradation.bilinearHallucination(src, new FaceBox(32, 32, 64, 0), 16, 64);
        for (int x = 4; x < 60; x++) {
            // Block means lie on the same line, and bilinear interpolation reproduces a line.
            assertEquals(2 * x + 40, back.get(x, 30, 0), 1e-3, "x=" + x);
        }
    }

    @Test
    void anOutputTooLargeForOneArrayIsRefusedNotOverflowed() {
        // 100000 x 100000 x 3 overflows int to a negative array size, 40000 to a wrong positive one.
        for (int size : new int[] {100_000, 40_000, 26_755}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Resampling.crop(CHECKER, new FaceBox(2, 2, 4, 0), size));
            assertTrue(e.getMessage().contains("too large"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Resampling.bilinear(CHECKER, size, size));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Resampling.area(CHECKER, size, size));
        }
    }
}
