package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * Throughput of D(I) on one core, printed for the record (training calls it about 110,000 times
 * at p = 16: 6,900 images x 16). Not a timed assertion: the machine is shared.
 */
class DegradationBenchmarkTest {

    @Test
    void printsImagesPerSecond() {
        RgbImage face = TestImages.syntheticFace();
        FaceBox box = FaceBox.lfwDeepFunneled();
        Degradation defaults = Degradation.withDefaults();
        Degradation clean = new Degradation(DegradationParams.clean());
        for (int p : new int[] {16, 96}) {
            int n = p == 16 ? 3000 : 600;
            run(defaults, face, box, p, n / 3); // warm-up
            double full = run(defaults, face, box, p, n);
            double cropOnly = run(clean, face, box, p, n);
            System.out.printf(Locale.ROOT, "degradation p=%d: %.0f images/s (default params), %.0f images/s "
                    + "(crop + area downsampling only), one thread%n", p, full, cropOnly);
        }
    }

    private static double run(Degradation d, RgbImage face, FaceBox box, int p, int n) {
        long t0 = System.nanoTime();
        double checksum = 0;
        for (int i = 0; i < n; i++) {
            RgbImage lr = d.perturbation(face, box, p, DegradationRandom.imageSeed(1, i / 16), i % 16);
            assertEquals(p, lr.width());
            checksum += lr.data()[0];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (Double.isNaN(checksum)) {
            throw new AssertionError("NaN pixel");
        }
        return n / seconds;
    }
}
