package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

class DegradationStepsTest {

    @Test
    void gammaMapsAKnownValue() {
        RgbImage img = TestImages.constant(2, 2, 127.5f);
        IlluminationChange.gamma(img, 2.0);
        assertEquals(63.75f, img.get(1, 1, 2), 1e-4f); // 255 * 0.5^2
        RgbImage ends = TestImages.of(2, 1, (x, y) -> x * 255);
        IlluminationChange.gamma(ends, 0.5);
        assertEquals(0f, ends.get(0, 0, 0), 0f);
        assertEquals(255f, ends.get(1, 0, 0), 1e-4f);
    }

    @Test
    void contrastScalesDeviationsAroundTheMean() {
        RgbImage img = TestImages.of(2, 1, (x, y) -> x == 0 ? 100 : 140);
        IlluminationChange.contrast(img, 1.5);
        assertEquals(90f, img.get(0, 0, 0), 1e-4f);
        assertEquals(150f, img.get(1, 0, 0), 1e-4f);
        assertEquals(120.0, TestImages.mean(img), 1e-4);
    }

    @Test
    void brightnessAddsAnOffset() {
        RgbImage img = TestImages.constant(3, 3, 100f);
        IlluminationChange.brightness(img, -12.5);
        assertEquals(87.5f, img.get(2, 2, 1), 0f);
    }

    @Test
    void illuminationStepClampsToTheByteRange() {
        DegradationParams.Illumination always = new DegradationParams.Illumination(0, 1, 0, 1, 1, 128);
        RgbImage img = TestImages.of(8, 8, (x, y) -> x * 36);
        new IlluminationChange(always).apply(img, new DegradationRandom(3));
        for (float v : img.data()) {
            assertTrue(v >= 0 && v <= 255, "out of range: " + v);
        }
    }

    @Test
    void gaussianBlurPreservesAConstantAndSpreadsAnImpulseBySigma() {
        RgbImage flat = TestImages.constant(12, 9, 200f);
        GaussianBlurStep.blur(flat, 1.3);
        for (float v : flat.data()) {
            assertEquals(200f, v, 1e-3f);
        }
        RgbImage impulse = TestImages.of(41, 41, (x, y) -> x == 20 && y == 20 ? 1000 : 0);
        GaussianBlurStep.blur(impulse, 2.0);
        double mass = 0;
        double second = 0;
        for (int y = 0; y < 41; y++) {
            for (int x = 0; x < 41; x++) {
                double v = impulse.get(x, y, 0);
                mass += v;
                second += v * (x - 20) * (x - 20);
            }
        }
        assertEquals(1000, mass, 1e-2);
        assertEquals(4.0, second / mass, 0.1); // variance = sigma^2 (kernel cut at 3 sigma)
    }

    @Test
    void motionBlurSmearsAlongItsDirectionOnly() {
        RgbImage flat = TestImages.constant(10, 10, 42f);
        MotionBlurStep.blur(flat, 3.5, 33);
        for (float v : flat.data()) {
            assertEquals(42f, v, 1e-3f);
        }
        RgbImage impulse = TestImages.of(21, 21, (x, y) -> x == 10 && y == 10 ? 900 : 0);
        MotionBlurStep.blur(impulse, 4, 0);
        assertTrue(impulse.get(12, 10, 0) > 0 && impulse.get(8, 10, 0) > 0, "horizontal spread");
        assertEquals(0f, impulse.get(14, 10, 0), 0f); // beyond half the length
        for (int x = 0; x < 21; x++) {
            assertEquals(0f, impulse.get(x, 9, 0), 0f);
            assertEquals(0f, impulse.get(x, 11, 0), 0f);
        }
        double mass = 0;
        for (int x = 0; x < 21; x++) {
            mass += impulse.get(x, 10, 0);
        }
        assertEquals(900, mass, 1e-2);
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        RgbImage img = TestImages.constant(64, 64, 128f);
        SensorNoise.addNoise(img, 5.0, 0, new DegradationRandom(11));
        assertEquals(5.0, std(img, 128), 0.25);

        RgbImage bright = TestImages.constant(64, 64, 200f);
        SensorNoise.addNoise(bright, 0, 0.5, new DegradationRandom(12));
        assertEquals(10.0, std(bright, 200), 0.5); // shot noise: sqrt(0.5 * 200)
    }

    private static double std(RgbImage img, double mean) {
        double s = 0;
        for (float v : img.data()) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / img.data().length);
    }

    @Test
    void jpegErrorGrowsAsQualityDrops() {
        RgbImage face = Degradation.clean(TestImages.syntheticFace(), FaceBox.lfwDeepFunneled(), 64);
        RgbImage q95 = face.copy();
        JpegRecompression.recompress(q95, 95);
        RgbImage q10 = face.copy();
        JpegRecompression.recompress(q10, 10);
        double e95 = rms(face, q95);
        double e10 = rms(face, q10);
        assertTrue(e95 > 0 && e95 < 8, "q95 error " + e95); // 4:2:0 chroma costs a few levels at colour edges
        assertTrue(e10 > 2 * e95, "q10 error " + e10 + " vs q95 " + e95);
        for (float v : q10.data()) {
            assertEquals(Math.rint(v), v, 0.0); // decoded JPEG is 8-bit
        }
    }

    private static double rms(RgbImage a, RgbImage b) {
        double s = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            s += d * d;
        }
        return Math.sqrt(s / a.data().length);
    }

    @Test
    void stepWithProbabilityZeroLeavesTheImageAlone() {
        RgbImage face = Degradation.clean(TestImages.syntheticFace(), FaceBox.lfwDeepFunneled(), 16);
        DegradationParams off = DegradationParams.clean();
        for (DegradationStep step : Degradation.standardSteps(off)) {
            RgbImage img = face.copy();
            step.apply(img, new DegradationRandom(99));
            assertEquals(java.util.Arrays.toString(face.data()), java.util.Arrays.toString(img.data()), step.name());
        }
        DegradationParams on = DegradationParams.defaults()
                .withIllumination(new DegradationParams.Illumination(1, 1.6, 1, 1.4, 1, 30))
                .withGaussianBlur(DegradationParams.defaults().gaussianBlur().withProbability(1))
                .withMotionBlur(DegradationParams.defaults().motionBlur().withProbability(1))
                .withNoise(DegradationParams.defaults().noise().withProbability(1))
                .withJpeg(DegradationParams.defaults().jpeg().withProbability(1))
                .withGrayscale(new DegradationParams.Grayscale(1));
        for (DegradationStep step : Degradation.standardSteps(on)) {
            RgbImage img = face.copy();
            step.apply(img, new DegradationRandom(99));
            assertNotEquals(java.util.Arrays.toString(face.data()), java.util.Arrays.toString(img.data()), step.name());
        }
    }
}
