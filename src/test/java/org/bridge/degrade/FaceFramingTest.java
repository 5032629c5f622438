package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

class FaceFramingTest {

    /** Red grows with x (0..255 across the width), green with y, so a crop shows which part it saw. */
    private static RgbImage ramps(int w, int h) {
        RgbImage img = RgbImage.blank(w, h);
        float[] d = img.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                d[i] = 255f * (x + 0.5f) / w;
                d[i + 1] = 255f * (y + 0.5f) / h;
            }
        }
        return img;
    }

    /** A stand-in detector: a face square in the middle of images wider than tall, none in the others. */
    private static final FaceLocator CENTRE_OF_WIDE_IMAGES = image -> image.width() > image.height()
            ? java.util.Optional.of(new FaceBox(image.width() / 2.0, image.height() / 2.0, image.height() / 2.0, 0))
            : java.util.Optional.empty();

    private static float red(RgbImage img, int x, int y) {
        return img.data()[(y * img.width() + x) * 3];
    }

    private static float green(RgbImage img, int x, int y) {
        return img.data()[(y * img.width() + x) * 3 + 1];
    }

    @Test
    void withoutADetectorAutoFramesAnOrlSizedCropWhole() {
        FaceFraming auto = new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled());
        assertEquals(FaceBoxPolicy.WHOLE, auto.resolve(92, 112));
        RgbImage in = auto.input(ramps(92, 112), 16);
        assertEquals(16, in.width());
        // The student's input spans the image edge to edge in both directions.
        assertTrue(red(in, 0, 8) < 16 && red(in, 15, 8) > 239, red(in, 0, 8) + " .. " + red(in, 15, 8));
        assertTrue(green(in, 8, 0) < 16 && green(in, 8, 15) > 239, green(in, 8, 0) + " .. " + green(in, 8, 15));
        assertFalse(auto.leavesImage(92, 112));
        assertEquals(new FaceFraming.Tally(FaceBoxPolicy.AUTO, 0, 0, 1, 0, 0, 16), auto.tally());

        // LFW's absolute box (the only framing before policies) sees the clamped right and bottom edges.
        RgbImage lfw = new FaceFraming(FaceBoxPolicy.LFW, FaceBox.lfwDeepFunneled()).input(ramps(92, 112), 16);
        assertTrue(red(lfw, 0, 8) > 100, "starts at x = 52 of 92: " + red(lfw, 0, 8));
    }

    @Test
    void lfwSizedImagesKeepTheBaseBoxByDefault() {
        FaceFraming auto = new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled());
        assertEquals(FaceBox.lfwDeepFunneled(), auto.box(250, 250));
        RgbImage hr = ramps(250, 250);
        assertEquals(java.util.Arrays.toString(Degradation.clean(hr, FaceBox.lfwDeepFunneled(), 16).data()),
                java.util.Arrays.toString(auto.input(hr, 16).data()));
        assertEquals("auto (lfw on 1 image)", auto.tally().describe());
    }

    @Test
    void relativeScalesTheBaseBoxToTheImage() {
        FaceFraming rel = new FaceFraming(FaceBoxPolicy.RELATIVE, FaceBox.lfwDeepFunneled());
        FaceBox b = rel.box(125, 125);
        FaceBox lfw = FaceBox.lfwDeepFunneled();
        assertEquals(lfw.centreX() / 2, b.centreX(), 1e-9);
        assertEquals(lfw.centreY() / 2, b.centreY(), 1e-9);
        assertEquals(lfw.side() / 2, b.side(), 1e-9);
        assertFalse(rel.leavesImage(92, 112));
        assertFalse(rel.leavesImage(12, 12));
    }

    @Test
    void aBoxLeavingTheImageIsCounted() {
        FaceFraming lfw = new FaceFraming(FaceBoxPolicy.LFW, FaceBox.lfwDeepFunneled());
        assertTrue(lfw.leavesImage(92, 112));
        assertFalse(lfw.leavesImage(250, 250));
        assertTrue(new FaceFraming(FaceBoxPolicy.LFW, new FaceBox(125, 125, 200, 30)).leavesImage(250, 250),
                "a rotated box's corners count");
        lfw.input(ramps(92, 112), 16);
        lfw.input(ramps(250, 250), 16);
        lfw.input(ramps(12, 12), 16);
        // The 12x12 image holds fewer than 16 pixels of face a side: up-sampled, and said so.
        assertEquals(new FaceFraming.Tally(FaceBoxPolicy.LFW, 3, 0, 0, 2, 1, 16), lfw.tally());
    }

    @Test
    void tinyAndOddProbesAreEnlargedWithoutFailing() {
        for (FaceBoxPolicy p : FaceBoxPolicy.values()) {
            FaceFraming f = new FaceFraming(p, FaceBox.lfwDeepFunneled(), CENTRE_OF_WIDE_IMAGES);
            for (int[] size : new int[][] {{12, 12}, {10, 14}, {1, 1}, {3, 40}}) {
                RgbImage in = f.input(ramps(size[0], size[1]), 16);
                assertEquals(16, in.width());
                assertEquals(16, in.height());
                for (float v : in.data()) {
                    assertTrue(Float.isFinite(v) && v >= 0 && v <= 255, p + " " + size[0] + "x" + size[1] + ": " + v);
                }
            }
        }
        RgbImage in = new FaceFraming(FaceBoxPolicy.WHOLE, FaceBox.lfwDeepFunneled()).input(ramps(10, 14), 16);
        assertTrue(red(in, 0, 8) < 40 && red(in, 15, 8) > 215, "10x14 stretched edge to edge");
    }

    @Test
    void probesSmallerThanTheInputAreCountedAsUpSampled() {
        FaceFraming auto = new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled());
        auto.input(ramps(12, 10), 16);
        auto.input(ramps(7, 15), 16);
        auto.input(ramps(92, 112), 16);
        auto.input(ramps(16, 40), 16);
        FaceFraming.Tally t = auto.tally();
        assertEquals(2, t.upsampled(), "12x10 and 7x15 hold fewer than 16 pixels a side; 16x40 does not");
        assertEquals("2 images with a face smaller than 16x16 pixels were up-sampled bilinearly to it",
                t.upsampling().orElseThrow());
        assertTrue(new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled()).tally().upsampling().isEmpty());
    }

    @Test
    void theDetectorsBoxIsUsedWhereItFindsAFaceAndTheWholeImageWhereNot() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        FaceLocator counting = image -> {
            calls.incrementAndGet();
            return CENTRE_OF_WIDE_IMAGES.locate(image);
        };
        FaceFraming det = new FaceFraming(FaceBoxPolicy.DETECTOR, FaceBox.lfwDeepFunneled(), counting);
        RgbImage wide = ramps(200, 100);
        FaceFraming.Placement p = det.placement(wide);
        assertEquals(new FaceFraming.Placement(FaceBoxPolicy.DETECTOR, new FaceBox(100, 50, 50, 0)), p);
        RgbImage in = det.input(wide, 16);
        // The middle quarter of the width: red from 75 to 125 of 200 pixels.
        assertTrue(red(in, 0, 8) > 90 && red(in, 15, 8) < 165, "the detector's square, not the whole image");
        det.count(wide, 16);
        assertEquals(1, calls.get(), "one detection per image, however often it is framed");

        RgbImage tall = ramps(92, 112);
        assertEquals(FaceBoxPolicy.WHOLE, det.placement(tall).applied(), "no face found: the whole image");
        RgbImage whole = det.input(tall, 16);
        assertTrue(red(whole, 0, 8) < 20 && red(whole, 15, 8) > 235, "edge to edge");
        assertEquals(new FaceFraming.Tally(FaceBoxPolicy.DETECTOR, 0, 0, 0, 2, 1, 0, 0, 16), det.tally());
        assertEquals("detector (detector on 2 images, whole (no face found) on 1 image)", det.tally().describe());
        assertTrue(det.fresh().tally().describe().equals("detector"), "a fresh framing starts a new tally");

        FaceFraming outside = new FaceFraming(FaceBoxPolicy.DETECTOR, FaceBox.lfwDeepFunneled(),
                image -> java.util.Optional.of(new FaceBox(10, 10, 40, 0)));
        assertTrue(outside.leavesImage(wide));
        assertThrows(IllegalStateException.class, () -> det.box(200, 100), "a detector's box needs the pixels");
        assertThrows(IllegalArgumentException.class, () -> new FaceFraming(FaceBoxPolicy.DETECTOR, FaceBox.lfwDeepFunneled()));
    }

    @Test
    void withADetectorAutoKeepsLfwsBoxOnLfwFramesAndLocatesFacesElsewhere() {
        FaceFraming auto = new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled(), CENTRE_OF_WIDE_IMAGES);
        assertEquals(FaceBoxPolicy.LFW, auto.placement(ramps(250, 250)).applied());
        assertEquals(FaceBoxPolicy.DETECTOR, auto.placement(ramps(200, 100)).applied());
        FaceFraming.Placement none = auto.placement(ramps(92, 112));
        assertEquals(FaceBoxPolicy.WHOLE, none.applied());
        assertTrue(none.noFaceFound());
        auto.input(ramps(250, 250), 16);
        auto.input(ramps(200, 100), 16);
        auto.input(ramps(92, 112), 16);
        assertEquals("auto (lfw on 1 image, detector on 1 image, whole (no face found) on 1 image)", auto.tally().describe());
        assertThrows(IllegalStateException.class, () -> auto.box(92, 112), "auto places a detector's box there");
        assertEquals(FaceBox.lfwDeepFunneled(), auto.box(250, 250));
    }
}
