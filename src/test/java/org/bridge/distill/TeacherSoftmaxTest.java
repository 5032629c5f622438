package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherSoftmaxTest {

    private static AdaptationToyData toy;
    private static AdaptationToyData.Sample train;
    private static AdaptationToyData.Sample test;
    private static TeacherSoftmax teacher;

    @BeforeAll
    static void trainOnce() {
        // 50 identities in 10 families, 256-D, noise chosen so that classification is far from
        // trivial (a 2-shot softmax reaches ~0.77 here, see AdaptationTrainerTest).
        toy = new AdaptationToyData(50, 10, 256, 32, 1.5, 1);
        train = toy.sample(10, 2);
        test = toy.sample(10, 3);
        teacher = TeacherSoftmax.train(train.features(), train.labels(), 50,
                TeacherSoftmax.Params.defaults().withEpochs(30));
    }

    @Test
    void learnsToClassifyHeldOutImages() {
        double trainAcc = teacher.accuracy(train.features(), train.labels());
        double testAcc = teacher.accuracy(test.features(), test.labels());
        System.out.printf("teacher softmax: train accuracy %.3f, held-out accuracy %.3f, loss %.3f -> %.3f%n",
                trainAcc, testAcc, teacher.lossHistory().get(0), teacher.lossHistory().get(29));
        assertEquals(30, teacher.lossHistory().size());
        assertTrue(teacher.lossHistory().get(29) < 0.5 * teacher.lossHistory().get(0));
        // Chance is 0.02.
        assertTrue(testAcc > 0.9, "held-out accuracy " + testAcc);
        assertEquals(50, teacher.classes());
        assertEquals(256, teacher.featureDimension());
    }

    @Test
    void softTargetsAreDistributionsThatFlattenWithTemperature() {
        float[][] sharp = teacher.softTargets(test.features(), 1);
        float[][] soft = teacher.softTargets(test.features(), 8);
        double sharpMax = 0;
        double softMax = 0;
        for (int i = 0; i < sharp.length; i++) {
            double s1 = 0;
            double s8 = 0;
            for (int k = 0; k < 50; k++) {
                s1 += sharp[i][k];
                s8 += soft[i][k];
                assertTrue(sharp[i][k] >= 0 && soft[i][k] >= 0);
            }
            assertEquals(1, s1, 1e-4);
            assertEquals(1, s8, 1e-4);
            sharpMax += max(sharp[i]);
            softMax += max(soft[i]);
        }
        assertTrue(softMax < sharpMax, "T = 8 must flatten the distribution");
    }

    private static double max(float[] a) {
        double m = a[0];
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Test
    void saveAndLoadGiveIdenticalLogits(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("teacher-softmax.bin");
        teacher.save(file);
        TeacherSoftmax back = TeacherSoftmax.load(file);
        float[][] a = teacher.logits(test.features());
        float[][] b = back.logits(test.features());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
        assertEquals(teacher.lossHistory(), back.lossHistory());
    }

    @Test
    void aForeignFileIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-softmax.bin");
        Files.writeString(file, "hello");
        UserFacingException e = assertThrows(UserFacingException.class, () -> TeacherSoftmax.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void badInputIsRejected() {
        float[][] x = {{1, 2}, {3, 4}, {5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherSoftmax.train(x, new int[] {0, 1, 1}, TeacherSoftmax.Params.defaults()));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TeacherSoftmax.train(new float[][] {{1, 2}, {3, 4}}, new int[] {0}, TeacherSoftmax.Params.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> TeacherSoftmax.train(new float[][] {{1, Float.NaN}, {3, 4}}, new int[] {0, 1},
                        TeacherSoftmax.Params.defaults()));
        assertThrows(IllegalArgumentException.class, () -> teacher.logits(new float[][] {{1, 2, 3}}));
    }
}
