package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * BlazeFace decoding (anchors, score threshold, suppression, mapping back to the image) on
 * synthetic rows, and the real detector on real LFW faces: one face each, eyes near the mean
 * deep-funneled positions (103, 113) and (147, 112) of ../shared/teachers/FACTS.md.
 */
class BlazeFaceDetectorTest {

    private static final double[] MEAN_LEFT_EYE = {103.26, 113.14};
    private static final double[] MEAN_RIGHT_EYE = {146.85, 112.46};
    private static final List<String> FACES = List.of("Aaron_Eckhart/Aaron_Eckhart_0001.jpg",
            "George_W_Bush/George_W_Bush_0010.jpg", "Serena_Williams/Serena_Williams_0001.jpg");

    private static BlazeFaceDetector detector;

    /** Loaded on first use, so the decoding tests run without weights. */
    private static synchronized BlazeFaceDetector detector() {
        if (detector == null) {
            detector = BlazeFaceDetector.load(RequiredResources.teacherWeights());
        }
        return detector;
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void anchorsAreHumansTwoGrids() {
        double[][] a = BlazeFaceDetector.anchors(256);
        assertEquals(896, a.length);
        // Stride 16, 2 per cell: cells (0,0) twice, then (1,0).
        assertEquals(8, a[0][0]);
        assertEquals(8, a[0][1]);
        assertEquals(8, a[1][0]);
        assertEquals(24, a[2][0]);
        assertEquals(248, a[511][0]);
        assertEquals(248, a[511][1]);
        // Stride 32, 6 per cell, from anchor 512 on.
        assertEquals(16, a[512][0]);
        assertEquals(16, a[517][1]);
        assertEquals(48, a[518][0]);
        assertEquals(240, a[895][1]);
    }

    /** One row of raw output: logit, centre offset, size, 6 keypoint offsets, all relative to the anchor. */
    private static void row(float[] raw, int anchor, double score, double dx, double dy, double w, double h) {
        int o = anchor * 17;
        raw[o] = (float) Math.log(score / (1 - score));
        raw[o + 1] = (float) dx;
        raw[o + 2] = (float) dy;
        raw[o + 3] = (float) w;
        raw[o + 4] = (float) h;
        for (int k = 0; k < 6; k++) {
            raw[o + 5 + 2 * k] = (float) (dx - 10 + 4 * k);
            raw[o + 6 + 2 * k] = (float) (dy - 5 + k);
        }
    }

    @Test
    void decodingThresholdsSuppressesAndMapsBackToTheImage() {
        double[][] anchors = BlazeFaceDetector.anchors(256);
        float[] raw = new float[896 * 17];
        for (int a = 0; a < 896; a++) {
            raw[a * 17] = -10; // score 0.00005: below the threshold
        }
        // Anchor 200 (stride 16, cell (4, 6), centre (72, 104)) and a heavy overlap at 202 (centre (88, 104)).
        row(raw, 200, 0.9, 2, 3, 60, 70);
        row(raw, 202, 0.8, -12, 3, 60, 70);
        // A separate, weaker face far away; and one just under the threshold.
        row(raw, 700, 0.5, 0, 0, 40, 40);
        row(raw, 300, 0.19, 0, 0, 40, 40);
        double scale = 2.0;
        List<FaceDetection> found = BlazeFaceDetector.decode(raw, anchors, scale, 10, 20);
        assertEquals(2, found.size(), found.toString());
        FaceDetection best = found.get(0);
        assertEquals(0.9, best.score(), 1e-6);
        assertEquals(0.5, found.get(1).score(), 1e-6);
        // Centre (72+2, 104+3) in 256 px, size 60x70, then x2 and minus the letterbox padding.
        assertEquals((74 - 30) * scale - 10, best.x0(), 1e-4);
        assertEquals((107 - 35) * scale - 20, best.y0(), 1e-4);
        assertEquals((74 + 30) * scale - 10, best.x1(), 1e-4);
        assertEquals((107 + 35) * scale - 20, best.y1(), 1e-4);
        // Keypoint k = anchor + offset, same mapping.
        assertEquals((72 + 2 - 10) * scale - 10, best.keypointX(0), 1e-4);
        assertEquals((104 + 3 - 5) * scale - 20, best.keypointY(0), 1e-4);
        assertEquals((72 + 2 - 10 + 4 * 5) * scale - 10, best.keypointX(5), 1e-4);
    }

    @Test
    void thePrimaryFaceIsTheBestOneCoveringTheImageCentre() {
        FaceDetection edge = new FaceDetection(0.95, 150, 0, 250, 100, new double[12]);
        FaceDetection centre = new FaceDetection(0.7, 70, 80, 180, 190, new double[12]);
        FaceDetection weakCentre = new FaceDetection(0.3, 60, 60, 190, 200, new double[12]);
        assertEquals(centre, BlazeFaceDetector.primary(List.of(edge, centre, weakCentre), 250, 250).orElseThrow());
        assertTrue(BlazeFaceDetector.primary(List.of(edge), 250, 250).isEmpty());
        assertTrue(BlazeFaceDetector.primary(List.of(), 250, 250).isEmpty());
    }

    /** An LFW image where a bystander at the edge outscores the subject (found on the full pairs set). */
    @Test
    void aBystanderAtTheEdgeIsNotThePrimaryFace() {
        Path file = RequiredResources.lfw().resolve("lfw-deepfunneled/Aldo_Paredes/Aldo_Paredes_0002.jpg");
        RgbImage img = new ImageDecoder().decode(file);
        List<FaceDetection> all = detector().detect(img);
        System.out.println("Aldo_Paredes_0002: " + all);
        assertTrue(all.size() >= 2, all.toString());
        assertTrue(all.get(0).keypointX(0) > 150, "the best-scoring face is the bystander on the right: " + all);
        FaceDetection p = detector().primary(img).orElseThrow();
        assertNear("subject's eye on the image's left", MEAN_LEFT_EYE, p.keypointX(0), p.keypointY(0), 15);
        assertNear("subject's eye on the image's right", MEAN_RIGHT_EYE, p.keypointX(1), p.keypointY(1), 15);
    }

    @Test
    void detectionRoundTripsThroughFloats() {
        FaceDetection d = new FaceDetection(0.75, 1, 2, 3, 4, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertEquals(d, FaceDetection.fromFloats(d.toFloats()));
    }

    @Test
    void findsOneFaceWithEyesNearTheMeanDeepFunneledPositions() {
        Path lfw = RequiredResources.lfw();
        for (String rel : FACES) {
            RgbImage img = new ImageDecoder().decode(lfw.resolve("lfw-deepfunneled").resolve(rel));
            List<FaceDetection> faces = detector().detect(img);
            System.out.println(rel + ": " + faces);
            assertEquals(1, faces.size(), rel + ": " + faces);
            FaceDetection f = faces.get(0);
            assertTrue(f.score() > 0.5, rel + " score " + f.score());
            assertNear(rel + " eye on the image's left", MEAN_LEFT_EYE, f.keypointX(0), f.keypointY(0), 10);
            assertNear(rel + " eye on the image's right", MEAN_RIGHT_EYE, f.keypointX(1), f.keypointY(1), 10);
        }
    }

    /** The same face letterboxed into a taller canvas is found at the same place, shifted by the offset. */
    @Test
    void letterboxingMapsBackToTheOriginalFrame() {
        Path lfw = RequiredResources.lfw();
        RgbImage img = new ImageDecoder().decode(lfw.resolve("lfw-deepfunneled").resolve(FACES.get(0)));
        RgbImage tall = RgbImage.blank(250, 330);
        int offset = 50;
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 250; x++) {
                for (int c = 0; c < 3; c++) {
                    tall.set(x, y + offset, c, img.get(x, y, c));
                }
            }
        }
        FaceDetection a = detector().primary(img).orElseThrow();
        FaceDetection b = detector().primary(tall).orElseThrow();
        System.out.println("original " + a + "\nletterboxed " + b);
        // Different network inputs (scale 330/256 vs 250/256), so a few pixels of difference are normal.
        assertNear("left eye", new double[] {a.keypointX(0), a.keypointY(0) + offset}, b.keypointX(0), b.keypointY(0), 4);
        assertNear("right eye", new double[] {a.keypointX(1), a.keypointY(1) + offset}, b.keypointX(1), b.keypointY(1), 4);
    }

    @Test
    void findsNoFaceInAFlatGreyImage() {
        RgbImage grey = RgbImage.blank(250, 250);
        java.util.Arrays.fill(grey.data(), 128f);
        assertTrue(detector().detect(grey).isEmpty());
    }

    private static void assertNear(String what, double[] expected, double x, double y, double tolerance) {
        double d = Math.hypot(x - expected[0], y - expected[1]);
        assertTrue(d <= tolerance, String.format("%s at (%.1f, %.1f), expected within %.0f px of (%.1f, %.1f)", what, x,
                y, tolerance, expected[0], expected[1]));
    }
}
