package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.FaceBox;
import org.junit.jupiter.api.Test;

/** The degraded test faces are fixed by seed and content, so two students are scored on the same faces. */
class DegradedTestFacesTest {

    private static RgbImage face(int shade) {
        float[] px = new float[250 * 250 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) ((i * 7919L + shade) % 256);
        }
        return new RgbImage(250, 250, px);
    }

    private static StudentFeatureExtractor student(String name) {
        return new StudentFeatureExtractor(name, null, FaceBox.lfwDeepFunneled(), 16);
    }

    @Test
    void everyStudentSeesTheSameDegradedCopyOfAFace() {
        Degradation full = new Degradation(DegradationParams.defaults());
        RgbImage face = face(3);
        float[] a = student("a").degradedBy(full, 5).input(face).data();
        float[] b = student("b").degradedBy(full, 5).input(face.copy()).data();
        assertArrayEquals(a, b);
        assertEquals(16 * 16 * 3, a.length);
    }

    @Test
    void theDegradedCopyDiffersFromTheCleanInputAndDependsOnTheSeedAndTheFace() {
        Degradation full = new Degradation(DegradationParams.defaults());
        RgbImage face = face(3);
        float[] clean = student("a").input(face).data();
        float[] degraded = student("a").degradedBy(full, 5).input(face).data();
        assertFalse(Arrays.equals(clean, degraded));
        assertFalse(Arrays.equals(degraded, student("a").degradedBy(full, 6).input(face).data()));
        Degradation none = new Degradation(DegradationParams.clean());
        assertArrayEquals(clean, student("a").degradedBy(none, 5).input(face).data(),
                "with no degradation step on, the degraded input is the clean one");
    }
}
