package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 1 on synthetic teacher features ({@link AdaptationToyData}: 50 identities in 10 families,
 * 256-D, noise 1.5). Most tests use a narrower hidden layer (128 instead of 512) to stay fast on
 * two shared cores; one checks the paper's sizes.
 */
class AdaptationTrainerTest {

    private static final int K = 50;

    private static AdaptationToyData.Sample rich;
    private static AdaptationToyData.Sample five;
    private static AdaptationToyData.Sample few;
    private static AdaptationToyData.Sample test;
    private static TeacherSoftmax teacher;

    @BeforeAll
    static void data() {
        AdaptationToyData toy = new AdaptationToyData(K, 10, 256, 32, 1.5, 1);
        rich = toy.sample(20, 101);
        few = toy.sample(2, 201);
        test = toy.sample(10, 301);
        five = toy.sample(5, 401);
        // S^_t sees 20 images per identity. Large batches and a larger step: the convex softmax
        // converges in ~120 updates here.
        teacher = TeacherSoftmax.train(rich.features(), rich.labels(), K, new TeacherSoftmax.Params(15, 3e-3, 128, 1e-3, 1));
    }

    /** Defaults with a 128-wide hidden layer. */
    private static AdaptationParams small() {
        return AdaptationParams.defaults().withSizes(128, 128).withSeed(3);
    }

    @Test
    void classificationOnlyAndDistillationBothTrainAndGive128DimensionalFeatures() {
        AdaptationParams paperSizes = AdaptationParams.defaults().withEpochs(12).withSeed(3);
        for (AdaptationParams p : List.of(paperSizes.classificationOnly(), paperSizes)) {
            List<AdaptationTrainer.EpochLoss> seen = new ArrayList<>();
            AdaptationTraining t = AdaptationTrainer.train(five.features(), five.labels(), K,
                    p.usesDistillation() ? teacher : null, p, seen::add);
            assertEquals(12, seen.size());
            assertEquals(seen, t.history());
            AdaptationTrainer.EpochLoss first = seen.get(0);
            AdaptationTrainer.EpochLoss last = seen.get(11);
            assertTrue(last.classification() < 0.5 * first.classification(), "C falls: " + first + " -> " + last);
            assertTrue(last.total() < first.total());
            if (p.usesDistillation()) {
                assertEquals(last.classification() + p.lambda() * last.distillation(), last.total(), 1e-9);
                assertTrue(last.distillation() < first.distillation(), "D falls: " + first + " -> " + last);
            }
            AdaptationModule m = t.module();
            assertEquals(128, m.dimension());
            assertEquals(512, m.hidden());
            assertEquals(256, m.inputDimension());
            assertEquals(256 * 512 + 512 + 512 * 128 + 128, m.parameterCount());
            float[][] fa = m.adapt(test.features());
            assertEquals(test.features().length, fa.length);
            for (float[] row : fa) {
                assertEquals(128, row.length);
                for (float v : row) {
                    assertTrue(Float.isFinite(v));
                }
            }
            double acc = t.accuracy(test.features(), test.labels());
            System.out.printf("%s: C %.3f -> %.3f, D %.3f -> %.3f, held-out accuracy %.3f, %.1f s%n",
                    p.usesDistillation() ? "C + lambda D" : "C only", first.classification(), last.classification(),
                    first.distillation(), last.distillation(), acc, t.trainSeconds());
            // Chance is 0.02; five images per identity and 12 epochs give ~0.8.
            assertTrue(acc > 0.6, "held-out accuracy " + acc);
        }
    }

    @Test
    void lambdaZeroSwitchesTheDistillationTermOff() {
        AdaptationParams p = small().classificationOnly().withEpochs(5);
        AdaptationTraining withoutTeacher = AdaptationTrainer.train(few.features(), few.labels(), K, null, p);
        AdaptationTraining withTeacher = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p);
        // D is measured (the teacher is there) but contributes nothing to the objective...
        for (AdaptationTrainer.EpochLoss e : withTeacher.history()) {
            assertTrue(e.distillation() > 0, "D is still measured: " + e);
            assertEquals(e.classification(), e.total(), 0.0, "total = C when lambda = 0");
        }
        for (AdaptationTrainer.EpochLoss e : withoutTeacher.history()) {
            assertTrue(Double.isNaN(e.distillation()), "no teacher, no D: " + e);
        }
        // ...nor to the gradient: both runs are bit-for-bit the same.
        float[][] a = withoutTeacher.module().adapt(test.features());
        float[][] b = withTeacher.module().adapt(test.features());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
        // Control: with lambda > 0 the same seed gives different weights, so the comparison above can fail.
        float[][] c = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p.withLambda(1)).module()
                .adapt(test.features());
        assertFalse(Arrays.equals(a[0], c[0]));
    }

    /**
     * The soft targets carry knowledge: M_a sees only two labelled images per identity, S^_t was
     * fitted on twenty (the analogue of the teacher's richer private training). Distilling the
     * teacher's softened outputs must clearly beat the same module trained on the labels alone.
     * Measured while writing this (toy seeds 1-5, hidden 128, lambda 1, T 4): C only 0.46-0.56,
     * C + lambda D 0.69-0.75, a margin of 0.16-0.24.
     */
    @Test
    void softTargetsOfABetterInformedTeacherBeatLabelsAlone() {
        AdaptationParams p = small().withEpochs(60);
        AdaptationTraining cOnly = AdaptationTrainer.train(few.features(), few.labels(), K, null, p.classificationOnly());
        AdaptationTraining distilled = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p);
        double a = cOnly.accuracy(test.features(), test.labels());
        double b = distilled.accuracy(test.features(), test.labels());
        double t = teacher.accuracy(test.features(), test.labels());
        System.out.printf("2 labelled images per identity: C only %.3f, C + lambda D %.3f (teacher softmax %.3f)%n", a, b, t);
        assertTrue(b > a + 0.1, "C + lambda D " + b + " vs C only " + a);
    }

    @Test
    void needsTheTeacherWhenLambdaIsPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptationTrainer.train(few.features(), few.labels(), K, null, small()));
        assertTrue(e.getMessage().contains("S^_t"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AdaptationTrainer.train(few.features(), few.labels(), K + 1, teacher, small()));
    }

    @Test
    void saveAndLoadGiveIdenticalFeatures(@TempDir Path dir) throws IOException {
        for (boolean normalize : new boolean[] {true, false}) {
            AdaptationTraining t = AdaptationTrainer.train(few.features(), few.labels(), K, teacher,
                    small().withEpochs(3).withNormalizeFeature(normalize));
            Path file = dir.resolve("adaptation-" + normalize + ".bin");
            t.module().save(file);
            AdaptationModule back = AdaptationModule.load(file);
            assertEquals(normalize, back.normalizesFeature());
            float[][] a = t.module().adapt(test.features());
            float[][] b = back.adapt(test.features());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f);
                double norm = 0;
                for (float v : a[i]) {
                    norm += v * v;
                }
                if (normalize) {
                    assertEquals(1, Math.sqrt(norm), 1e-4, "f_a is L2-normalised");
                }
            }
        }
        Path truncated = dir.resolve("truncated.bin");
        byte[] whole = Files.readAllBytes(dir.resolve("adaptation-true.bin"));
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        UserFacingException e = assertThrows(UserFacingException.class, () -> AdaptationModule.load(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void sameSeedSameModule() {
        AdaptationParams p = small().withEpochs(3);
        float[][] a = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p).module().adapt(test.features());
        float[][] b = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p).module().adapt(test.features());
        float[][] c = AdaptationTrainer.train(few.features(), few.labels(), K, teacher, p.withSeed(4)).module()
                .adapt(test.features());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
        assertFalse(Arrays.equals(a[0], c[0]), "another seed, other weights");
    }
}
