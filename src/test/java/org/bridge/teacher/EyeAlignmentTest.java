package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Random;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

/** The two-eye similarity and the detector-aligned crops built on it. */
class EyeAlignmentTest {

    private static FaceDetection withEyes(double lx, double ly, double rx, double ry) {
        return new FaceDetection(0.9, lx - 30, ly - 40, rx + 30, ry + 60,
                new double[] {lx, ly, rx, ry, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    @Test
    void mapsTheTemplateEyesExactlyOntoTheDetectedEyes() {
        Random r = new Random(7);
        EyeAlignment.EyeTemplate t = EyeAlignment.FACE_API;
        for (int i = 0; i < 200; i++) {
            // Any position, scale and in-plane rotation, including upside down.
            double lx = 300 * r.nextDouble();
            double ly = 300 * r.nextDouble();
            double angle = 2 * Math.PI * r.nextDouble();
            double dist = 5 + 100 * r.nextDouble();
            double rx = lx + dist * Math.cos(angle);
            double ry = ly + dist * Math.sin(angle);
            AffineCrop c = EyeAlignment.crop(withEyes(lx, ly, rx, ry), t);
            assertEquals(lx, c.sourceX(t.leftX(), t.leftY()), 1e-9);
            assertEquals(ly, c.sourceY(t.leftX(), t.leftY()), 1e-9);
            assertEquals(rx, c.sourceX(t.rightX(), t.rightY()), 1e-9);
            assertEquals(ry, c.sourceY(t.rightX(), t.rightY()), 1e-9);
            // A similarity: orthogonal columns of equal length, no reflection.
            assertEquals(c.a(), c.d(), 1e-12);
            assertEquals(-c.b(), c.c(), 1e-12);
            assertEquals(150, c.width());
        }
    }

    @Test
    void tiltedTemplatesWorkToo() {
        EyeAlignment.EyeTemplate t = new EyeAlignment.EyeTemplate(30, 60, 80, 50, 112);
        AffineCrop c = EyeAlignment.similarity(10, 20, 110, 20, t);
        assertEquals(10, c.sourceX(30, 60), 1e-9);
        assertEquals(20, c.sourceY(30, 60), 1e-9);
        assertEquals(110, c.sourceX(80, 50), 1e-9);
        assertEquals(20, c.sourceY(80, 50), 1e-9);
    }

    /** The fixed LFW chip is the same construction applied to the mean detected eyes. */
    @Test
    void theMeanEyesGiveTheFixedFaceApiCrop() {
        AffineCrop c = EyeAlignment.crop(withEyes(103.26, 113.14, 146.85, 112.46), EyeAlignment.FACE_API);
        AffineCrop fixed = LfwFixedCrop.C;
        assertEquals(fixed.a(), c.a(), 1e-4);
        assertEquals(fixed.b(), c.b(), 1e-4);
        assertEquals(fixed.c(), c.c(), 1e-4);
        assertEquals(fixed.d(), c.d(), 1e-4);
        assertEquals(fixed.tx(), c.tx(), 0.01);
        assertEquals(fixed.ty(), c.ty(), 0.01);
    }

    /** On the mean face, the faceres template gives (up to the 0.9 degree levelling) the fixed 1.4x box crop. */
    @Test
    void theMeanEyesGiveNearlyTheFixedFaceresCrop() {
        AffineCrop v = DetectorAlignedCrop.cropFor(withEyes(103.26, 113.14, 146.85, 112.46), TeacherId.V);
        AffineCrop fixed = LfwFixedCrop.V;
        assertEquals(224, v.width());
        assertEquals(fixed.a(), v.a(), 1e-3);
        assertEquals(0.68 / 66.33, Math.abs(v.b()), 1e-3);
        for (double[] p : new double[][] {{0, 0}, {224, 0}, {0, 224}, {224, 224}, {112, 112}}) {
            assertEquals(fixed.sourceX(p[0], p[1]), v.sourceX(p[0], p[1]), 2.0);
            assertEquals(fixed.sourceY(p[0], p[1]), v.sourceY(p[0], p[1]), 2.0);
        }
    }

    @Test
    void noFaceFallsBackToTheFixedCropOnlyInTheLfwFrame() {
        RgbImage lfw = RgbImage.blank(250, 250);
        lfw.set(120, 130, 0, 200);
        RgbImage c = DetectorAlignedCrop.crop(lfw, Optional.empty(), TeacherId.C);
        RgbImage expected = LfwFixedCrop.C.apply(lfw);
        assertEquals(150, c.width());
        for (int i = 0; i < c.data().length; i++) {
            assertEquals(expected.data()[i], c.data()[i]);
        }
        assertThrows(IllegalArgumentException.class,
                () -> DetectorAlignedCrop.crop(RgbImage.blank(300, 200), Optional.empty(), TeacherId.V));
        assertThrows(IllegalArgumentException.class,
                () -> new EyeAlignment.EyeTemplate(1, 1, 1, 1, 150));
    }
}
