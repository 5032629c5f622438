package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bridge.data.RgbImage;
import org.bridge.eval.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-time flip averaging of a really trained student. */
class FlipAveragedExtractorTest {

    @TempDir Path runs;

    private static RgbImage randomFace(long seed) {
        Random r = new Random(seed);
        float[] d = new float[250 * 250 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(256);
        }
        return new RgbImage(250, 250, d);
    }

    @Test
    void mirroringSwapsColumnsAndTwiceIsTheIdentity() {
        RgbImage img = new RgbImage(3, 1, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, img.mirrored().data());
        RgbImage face = randomFace(3);
        assertArrayEquals(face.data(), face.mirrored().mirrored().data());
    }

    @Test
    void theFlipAveragedFeatureIsTheSumOfTheUnitFeaturesOfTheInputAndItsMirror() {
        RunFolder f = TrainedStudentFixture.write(new RunStore(runs), "flip", 16);
        TrainedStudent trained = TrainedStudent.open(f.dir());
        StudentFeatureExtractor plain = trained.extractor(16);
        StudentFeatureExtractor flip = plain.flipAveraged();
        assertTrue(flip.isFlipAveraged());
        assertFalse(plain.isFlipAveraged());
        assertEquals("S-16-c-O+flip", flip.name());

        RgbImage face = randomFace(1);
        // The two views the student sees: the 16x16 input and its mirror (mirroring happens after
        // the crop, whose box is not centred on the 250x250 frame).
        RgbImage lr = plain.input(face);
        float[][] views = trained.student().features(List.of(lr, lr.mirrored()));
        assertTrue(Similarity.cosine(views[0], views[1]) < 0.99999,
                "a random face is not symmetric, so the student's two views differ");
        float[] expected = new float[views[0].length];
        double na = Math.sqrt(dot(views[0], views[0]));
        double nb = Math.sqrt(dot(views[1], views[1]));
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (views[0][i] / na + views[1][i] / nb);
        }
        assertArrayEquals(expected, StudentFeatureExtractor.sumOfUnitVectors(views[0], views[1]), 1e-6f);
        float[] measured = flip.extract(face);
        assertArrayEquals(expected, measured, 1e-4f);
        // Symmetric in the two views: swapping them gives the same feature.
        assertArrayEquals(StudentFeatureExtractor.sumOfUnitVectors(views[1], views[0]),
                StudentFeatureExtractor.sumOfUnitVectors(views[0], views[1]), 1e-6f);
        assertEquals(plain.extract(face).length, measured.length);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
