package org.bridge.distill;

import java.util.Random;

/**
 * Synthetic "teacher features" for the step-1 tests: K identities whose centres lie in a
 * low-dimensional latent space, grouped into families (identities of one family are close, so
 * a good teacher's soft outputs carry similarity structure), embedded in D dimensions, plus
 * isotropic Gaussian noise in all D dimensions and a common offset (like teacher C's features,
 * which are not zero-centred).
 */
final class AdaptationToyData {

    /** Features and labels of one sample. */
    record Sample(float[][] features, int[] labels) {
    }

    private final int classes;
    private final int dim;
    private final double noise;
    private final float[][] centres;

    /**
     * @param classes   identities
     * @param families  groups of similar identities
     * @param dim       feature dimension
     * @param latentDim dimension of the subspace holding the centres
     * @param noise     standard deviation of the per-image noise in every dimension
     */
    AdaptationToyData(int classes, int families, int dim, int latentDim, double noise, long seed) {
        this.classes = classes;
        this.dim = dim;
        this.noise = noise;
        Random rnd = new Random(seed);
        double[][] embed = new double[latentDim][dim];
        for (double[] row : embed) {
            for (int q = 0; q < dim; q++) {
                row[q] = rnd.nextGaussian() / Math.sqrt(latentDim);
            }
        }
        double[][] familyCentre = new double[families][latentDim];
        for (double[] f : familyCentre) {
            for (int q = 0; q < latentDim; q++) {
                f[q] = rnd.nextGaussian();
            }
        }
        double[] offset = new double[dim];
        for (int q = 0; q < dim; q++) {
            offset[q] = 0.5 + 0.1 * rnd.nextGaussian();
        }
        centres = new float[classes][dim];
        for (int k = 0; k < classes; k++) {
            double[] latent = new double[latentDim];
            for (int q = 0; q < latentDim; q++) {
                latent[q] = familyCentre[k % families][q] + 0.6 * rnd.nextGaussian();
            }
            for (int q = 0; q < dim; q++) {
                double v = offset[q];
                for (int l = 0; l < latentDim; l++) {
                    v += latent[l] * embed[l][q];
                }
                centres[k][q] = (float) v;
            }
        }
    }

    int classes() {
        return classes;
    }

    /** perClass images of every identity, identity-major order. */
    Sample sample(int perClass, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[classes * perClass][dim];
        int[] y = new int[classes * perClass];
        int i = 0;
        for (int k = 0; k < classes; k++) {
            for (int s = 0; s < perClass; s++, i++) {
                y[i] = k;
                for (int q = 0; q < dim; q++) {
                    x[i][q] = (float) (centres[k][q] + noise * rnd.nextGaussian());
                }
            }
        }
        return new Sample(x, y);
    }
}
