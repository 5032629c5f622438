package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.teacher.BlazeFaceDetector;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;

/**
 * The detector's face box: the base box carried by the eyes (exact geometry), and the real
 * BlazeFace on LFW (where it must give back about the base box) and on ORL (a tight crop).
 */
class DetectedFaceBoxTest {

    private static final FaceBox BASE = FaceBox.lfwDeepFunneled();

    private static FaceBox at(double lx, double ly, double rx, double ry) {
        return DetectedFaceBox.boxFor(lx, ly, rx, ry, BASE);
    }

    @Test
    void lfwsMeanEyesGiveTheBaseBox() {
        FaceBox b = at(DetectedFaceBox.LEFT_EYE_X, DetectedFaceBox.LEFT_EYE_Y, DetectedFaceBox.RIGHT_EYE_X,
                DetectedFaceBox.RIGHT_EYE_Y);
        assertEquals(BASE.centreX(), b.centreX(), 1e-9);
        assertEquals(BASE.centreY(), b.centreY(), 1e-9);
        assertEquals(BASE.side(), b.side(), 1e-9);
        assertEquals(0, b.angleDegrees(), 1e-9);
    }

    @Test
    void theBoxMovesScalesAndTurnsWithTheEyes() {
        double lx = DetectedFaceBox.LEFT_EYE_X;
        double ly = DetectedFaceBox.LEFT_EYE_Y;
        double mx = DetectedFaceBox.RIGHT_EYE_X - lx;
        double my = DetectedFaceBox.RIGHT_EYE_Y - ly;
        // Eyes half as far apart, about the image origin, then moved by (10, -20).
        FaceBox half = at(lx / 2 + 10, ly / 2 - 20, (lx + mx) / 2 + 10, (ly + my) / 2 - 20);
        assertEquals(BASE.centreX() / 2 + 10, half.centreX(), 1e-9);
        assertEquals(BASE.centreY() / 2 - 20, half.centreY(), 1e-9);
        assertEquals(BASE.side() / 2, half.side(), 1e-9);
        // The right eye turned 30 degrees down (clockwise as displayed) about the left eye.
        double r = Math.toRadians(30);
        FaceBox turned = at(lx, ly, lx + mx * Math.cos(r) - my * Math.sin(r), ly + mx * Math.sin(r) + my * Math.cos(r));
        assertEquals(30, turned.angleDegrees(), 1e-9);
        assertEquals(BASE.side(), turned.side(), 1e-9);
        double qx = BASE.centreX() - lx;
        double qy = BASE.centreY() - ly;
        assertEquals(lx + qx * Math.cos(r) - qy * Math.sin(r), turned.centreX(), 1e-9);
        assertEquals(ly + qx * Math.sin(r) + qy * Math.cos(r), turned.centreY(), 1e-9);
    }

    @Test
    void onLfwTheDetectorGivesBackAboutTheBaseBoxAndOnOrlASquareOnTheFace() {
        Path lfw = RequiredResources.lfw().resolve("lfw-deepfunneled");
        Path orl = RequiredResources.orl();
        ImageDecoder decoder = new ImageDecoder();
        try (DetectedFaceBox located = new DetectedFaceBox(BlazeFaceDetector.load(RequiredResources.teacherWeights()), BASE)) {
            for (String rel : new String[] {"Aaron_Eckhart/Aaron_Eckhart_0001.jpg", "Serena_Williams/Serena_Williams_0001.jpg"}) {
                FaceBox b = located.locate(decoder.decode(lfw.resolve(rel))).orElseThrow();
                assertTrue(Math.abs(b.centreX() - BASE.centreX()) < 12 && Math.abs(b.centreY() - BASE.centreY()) < 12
                        && Math.abs(b.side() / BASE.side() - 1) < 0.15 && Math.abs(b.angleDegrees()) < 10, rel + ": " + b);
            }
            RgbImage face = decoder.decode(orl.resolve("s1").resolve("1.pgm"));
            FaceBox b = located.locate(face).orElseThrow();
            // A 92x112 crop holds little more than the face: LFW's square around it is about the image's width.
            assertTrue(b.centreX() > 30 && b.centreX() < 62 && b.centreY() > 35 && b.centreY() < 80, "s1/1: " + b);
            assertTrue(b.side() > 60 && b.side() < 140, "s1/1: " + b);
        }
    }
}
