package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

class DegradationTest {

    private static final RgbImage FACE = TestImages.syntheticFace();
    private static final FaceBox BOX = FaceBox.lfwDeepFunneled();

    /** Every step always on, so determinism covers every random draw. */
    private static DegradationParams allOn() {
        DegradationParams d = DegradationParams.defaults();
        return d.withIllumination(new DegradationParams.Illumination(1, 1.6, 1, 1.4, 1, 30))
                .withGaussianBlur(d.gaussianBlur().withProbability(1))
                .withMotionBlur(d.motionBlur().withProbability(1))
                .withNoise(d.noise().withProbability(1))
                .withJpeg(d.jpeg().withProbability(1));
    }

    @Test
    void sameSeedGivesBitIdenticalImages() {
        List<RgbImage> a = new Degradation(allOn()).perturbations(FACE, BOX, 16, 1234L, 16);
        List<RgbImage> b = new Degradation(allOn()).perturbations(FACE, BOX, 16, 1234L, 16);
        assertEquals(16, a.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(16, a.get(i).width());
            assertArrayEquals(a.get(i).data(), b.get(i).data(), "perturbation " + i);
        }
    }

    @Test
    void differentSeedsAndIndicesGiveDifferentImages() {
        Degradation d = new Degradation(allOn());
        List<RgbImage> a = d.perturbations(FACE, BOX, 16, 1234L, 16);
        List<RgbImage> b = d.perturbations(FACE, BOX, 16, 1235L, 16);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            assertFalse(Arrays.equals(a.get(i).data(), b.get(i).data()), "perturbation " + i);
            distinct.add(Arrays.toString(a.get(i).data()));
        }
        assertEquals(16, distinct.size(), "the 16 perturbations of one image must differ");
    }

    @Test
    void resultsDoNotDependOnOrderOrThreads() throws Exception {
        Degradation d = Degradation.withDefaults();
        long experimentSeed = 77;
        List<RgbImage> inOrder = IntStream.range(0, 8)
                .mapToObj(i -> d.perturbation(FACE, BOX, 24, DegradationRandom.imageSeed(experimentSeed, 3), i))
                .collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Reverse order, on several threads.
            List<Future<RgbImage>> futures = IntStream.iterate(7, i -> i >= 0, i -> i - 1)
                    .mapToObj(i -> pool.submit(() -> d.perturbation(FACE, BOX, 24,
                            DegradationRandom.imageSeed(experimentSeed, 3), i)))
                    .collect(Collectors.toList());
            for (int k = 0; k < 8; k++) {
                assertArrayEquals(inOrder.get(7 - k).data(), futures.get(k).get().data());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void seedTreeSeparatesImagesAndPerturbations() {
        Set<Long> seeds = new HashSet<>();
        for (long img = 0; img < 50; img++) {
            for (int p = 0; p < 16; p++) {
                seeds.add(DegradationRandom.perturbationSeed(DegradationRandom.imageSeed(5, img), p));
            }
        }
        assertEquals(800, seeds.size());
        assertNotEquals(DegradationRandom.imageSeed(5, 1), DegradationRandom.imageSeed(6, 1));
    }

    @Test
    void zeroJitterEqualsTheCleanCrop() {
        DegradationParams zero = DegradationParams.clean()
                .withJitter(new DegradationParams.CropJitter(1, 0, 1, 0));
        RgbImage clean = Degradation.clean(FACE, BOX, 16);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(clean.data(), new Degradation(zero).perturbation(FACE, BOX, 16, 9, i).data());
        }
        // Default jitter does move the crop.
        RgbImage jittered = new Degradation(DegradationParams.clean()
                .withJitter(DegradationParams.defaults().jitter())).perturbation(FACE, BOX, 16, 9, 0);
        assertFalse(Arrays.equals(clean.data(), jittered.data()));
    }

    @Test
    void jitterStaysWithinItsBounds() {
        DegradationParams.CropJitter j = DegradationParams.defaults().jitter();
        Degradation d = Degradation.withDefaults();
        for (int i = 0; i < 500; i++) {
            FaceBox b = d.jitteredBox(BOX, DegradationRandom.perturbationSeed(42, i));
            assertTrue(Math.abs(b.centreX() - BOX.centreX()) <= j.maxShift() * BOX.side() + 1e-9);
            assertTrue(Math.abs(b.centreY() - BOX.centreY()) <= j.maxShift() * BOX.side() + 1e-9);
            double s = b.side() / BOX.side();
            assertTrue(s >= 1 / j.maxScale() - 1e-12 && s <= j.maxScale() + 1e-12, "scale " + s);
            assertTrue(Math.abs(b.angleDegrees()) <= j.maxRotationDegrees());
        }
    }

    @Test
    void switchingOneStepOffLeavesTheOthersDrawsAlone() {
        // With JPEG off, the jitter and the other steps see the same random streams: the only
        // difference from the all-on result is the JPEG step itself.
        DegradationParams on = allOn();
        DegradationParams noJpeg = on.withJpeg(on.jpeg().withProbability(0));
        long seed = DegradationRandom.perturbationSeed(8, 2);
        assertEquals(new Degradation(on).jitteredBox(BOX, seed), new Degradation(noJpeg).jitteredBox(BOX, seed));
        RgbImage withoutJpeg = new Degradation(noJpeg).perturbation(FACE, BOX, 32, 8, 2);
        RgbImage recompressed = withoutJpeg.copy();
        DegradationRandom jpegStream = new DegradationRandom(DegradationRandom.streamSeed(seed, "jpeg"));
        new JpegRecompression(on.jpeg()).apply(recompressed, jpegStream);
        assertArrayEquals(new Degradation(on).perturbation(FACE, BOX, 32, 8, 2).data(), recompressed.data());
    }

    @Test
    void greyOffLeavesEarlierRunsPixelsAndGreyOnIsTheirLuma() {
        // Runs made before the grey step existed had the five colour steps only; at probability 0
        // the grey step must not change one of their pixels.
        DegradationParams on = allOn();
        List<DegradationStep> colourSteps = Degradation.standardSteps(on).subList(0, 5);
        RgbImage before = new Degradation(on, colourSteps).perturbation(FACE, BOX, 16, 4, 3);
        assertArrayEquals(before.data(), new Degradation(on).perturbation(FACE, BOX, 16, 4, 3).data());
        RgbImage grey = new Degradation(on.withGrayscale(new DegradationParams.Grayscale(1)))
                .perturbation(FACE, BOX, 16, 4, 3);
        float[] c = before.data();
        float[] g = grey.data();
        boolean coloured = false;
        for (int i = 0; i < c.length; i += 3) {
            coloured |= c[i] != c[i + 1] || c[i + 1] != c[i + 2];
            float luma = (float) (0.299 * c[i] + 0.587 * c[i + 1] + 0.114 * c[i + 2]);
            assertEquals(luma, g[i], 1e-3f);
            assertEquals(g[i], g[i + 1], 0f);
            assertEquals(g[i], g[i + 2], 0f);
        }
        assertTrue(coloured, "the test face must have colour for this test to mean anything");
    }

    @Test
    void greyChanceIsHonouredOverManyPerturbations() {
        DegradationParams d = DegradationParams.defaults().withGrayscale(new DegradationParams.Grayscale(0.3));
        Degradation deg = new Degradation(d);
        int grey = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            float[] px = deg.perturbation(FACE, BOX, 8, 11, i).data();
            boolean allEqual = true;
            for (int k = 0; k < px.length && allEqual; k += 3) {
                allEqual = px[k] == px[k + 1] && px[k + 1] == px[k + 2];
            }
            grey += allEqual ? 1 : 0;
        }
        assertEquals(0.3, grey / (double) n, 0.07, grey + " of " + n + " grey");
    }

    @Test
    void cleanPipelineOutputIsTheCleanCropForAnySeed() {
        Degradation clean = new Degradation(DegradationParams.clean());
        assertTrue(clean.params().isClean());
        assertFalse(DegradationParams.defaults().isClean());
        RgbImage expected = Degradation.clean(FACE, BOX, 32);
        assertArrayEquals(expected.data(), clean.perturbation(FACE, BOX, 32, 1, 0).data());
        assertArrayEquals(expected.data(), clean.perturbation(FACE, BOX, 32, 999, 5).data());
    }

    @Test
    void defaultPerturbationsStayFaceLike() {
        // Degraded versions keep the overall brightness of the clean face within the illumination
        // range and are not garbage (e.g. all black, or noise unrelated to the face).
        RgbImage clean = Degradation.clean(FACE, BOX, 16);
        for (RgbImage lr : Degradation.withDefaults().perturbations(FACE, 16, 2020)) {
            assertEquals(TestImages.mean(clean), TestImages.mean(lr), 60);
            assertTrue(correlation(clean, lr) > 0.5, "correlation " + correlation(clean, lr));
        }
    }

    private static double correlation(RgbImage a, RgbImage b) {
        double ma = TestImages.mean(a);
        double mb = TestImages.mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.data().length; i++) {
            double x = a.data()[i] - ma;
            double y = b.data()[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void rejectsDuplicateStepNamesAndBadSizes() {
        DegradationParams p = DegradationParams.defaults();
        assertThrows(IllegalArgumentException.class, () -> new Degradation(p,
                List.of(new GaussianBlurStep(p.gaussianBlur()), new GaussianBlurStep(p.gaussianBlur()))));
        assertThrows(IllegalArgumentException.class,
                () -> Degradation.withDefaults().perturbation(FACE, BOX, 0, 1, 0));
    }
}
