package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The principal-component targets on data whose principal directions are known. */
class TeacherPcaTargetsTest {

    /** Unit-ish vectors around a common mean, spread along axis 0 (large), 1 (small), the rest tiny. */
    private static float[][] data(int n, Random r) {
        float[][] x = new float[n][6];
        for (int i = 0; i < n; i++) {
            x[i][5] = 1; // the common mean direction, removed by the centring
            x[i][0] = (float) (0.3 * r.nextGaussian());
            x[i][1] = (float) (0.1 * r.nextGaussian());
            for (int d = 2; d < 5; d++) {
                x[i][d] = (float) (0.01 * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void keepsTheDirectionsOfLargestVarianceInOrderAndScalesToUnitMeanSquaredNorm() {
        float[][] x = data(4000, new Random(1));
        TeacherPcaTargets pca = TeacherPcaTargets.fit(x, 2);
        double[] v = pca.componentVariances();
        assertTrue(v[0] > 5 * v[1], "first component has the most variance: " + v[0] + " vs " + v[1]);
        // (the L2 normalisation moves a little variance into the mean direction, axis 5)
        assertTrue(pca.explainedVariance() > 0.95, "explained " + pca.explainedVariance());
        float[][] t = pca.project(x);
        assertEquals(2, t[0].length);
        double meanSq = 0;
        double[] corr = new double[2];
        for (int i = 0; i < x.length; i++) {
            meanSq += (t[i][0] * t[i][0] + t[i][1] * t[i][1]) / x.length;
            corr[0] += t[i][0] * x[i][0];
            corr[1] += t[i][1] * x[i][1];
        }
        assertEquals(1.0, meanSq, 1e-3);
        // Component 0 is axis 0 and component 1 axis 1, up to sign.
        for (int k = 0; k < 2; k++) {
            double tt = 0;
            double xx = 0;
            for (int i = 0; i < x.length; i++) {
                tt += (double) t[i][k] * t[i][k];
                xx += (double) x[i][k] * x[i][k];
            }
            assertTrue(Math.abs(corr[k]) / Math.sqrt(tt * xx) > 0.98, "component " + k);
        }
    }

    @Test
    void projectsNewFeaturesWithTheFittedMeanAndRefusesAnotherDimension() {
        float[][] x = data(500, new Random(2));
        TeacherPcaTargets pca = TeacherPcaTargets.fit(x, 3);
        // Centred on the fitted mean: the training projections average to zero...
        float[][] t = pca.project(x);
        for (int k = 0; k < 3; k++) {
            double m = 0;
            for (float[] row : t) {
                m += row[k] / t.length;
            }
            assertEquals(0, m, 1e-3, "component " + k);
        }
        // ...and a feature's length does not matter (only its direction, as for cosine scores).
        float[] scaled = x[7].clone();
        for (int d = 0; d < scaled.length; d++) {
            scaled[d] *= 5;
        }
        assertEquals(t[7][0], pca.project(new float[][] {scaled})[0][0], 1e-4);
        assertThrows(IllegalArgumentException.class, () -> pca.project(new float[][] {{1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> TeacherPcaTargets.fit(data(10, new Random(3)), 7));
    }
}
