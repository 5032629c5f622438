package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.FaceBox;
import org.junit.jupiter.api.Test;

/**
 * The degraded test faces are fixed by seed and content, so two students are scored on the same faces;
 * grey test faces are the luma of the colour input.
 */
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

    @Test
    void greyTestFacesAreTheLumaOfTheColourInputWhateverElseIsOn() {
        RgbImage face = face(3);
        StudentFeatureExtractor colour = student("a");
        StudentFeatureExtractor grey = colour.greyed();
        assertEquals("a+grey", grey.name());
        assertEquals(grey, grey.greyed());
        float[] c = colour.input(face).data();
        float[] g = grey.input(face).data();
        assertFalse(Arrays.equals(c, g));
        for (int i = 0; i < c.length; i += 3) {
            float luma = (float) (0.299 * c[i] + 0.587 * c[i + 1] + 0.114 * c[i + 2]);
            assertEquals(luma, g[i], 1e-3f);
            assertEquals(g[i], g[i + 1], 0f);
            assertEquals(g[i], g[i + 2], 0f);
        }
        // Grey composes with the other test-time options: flip keeps it, a degradation is greyed after.
        assertEquals("a+grey+flip", grey.flipAveraged().name());
        assertTrue(grey.flipAveraged().isGrey());
        Degradation full = new Degradation(DegradationParams.defaults());
        float[] d = colour.degradedBy(full, 5).input(face).data();
        float[] dg = grey.degradedBy(full, 5).input(face).data();
        assertEquals((float) (0.299 * d[0] + 0.587 * d[1] + 0.114 * d[2]), dg[0], 1e-3f);
    }
}
