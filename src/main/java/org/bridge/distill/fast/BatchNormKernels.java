package org.bridge.distill.fast;

import java.nio.FloatBuffer;

/**
 * Batch norm in training mode on channels-last activations ({@code rows x channels}, channel
 * fastest), fused with what follows it in the student: a ReLU, or the skip addition and ReLU of a
 * residual block. Statistics are per channel over all rows (samples and positions), the variance
 * biased, as DL4J's batch-norm layer computes them; sums are in double.
 */
final class BatchNormKernels {

    private BatchNormKernels() {
    }

    /** Batch statistics of one forward pass, kept for the backward pass and the running averages. */
    static final class Statistics {
        final float[] mean;
        final float[] invStd;
        /** Biased batch variance (without eps), for the running average. */
        final double[] variance;
        final double[] meanDouble;

        Statistics(int channels) {
            mean = new float[channels];
            invStd = new float[channels];
            variance = new double[channels];
            meanDouble = new double[channels];
        }
    }

    /**
     * y = act(gamma (z - mean) / sqrt(var + eps) + beta [+ skip]), act = ReLU when {@code relu}.
     *
     * @param skip added before the ReLU (residual block), or null
     */
    static void forward(Parallel par, FloatBuffer z, FloatBuffer y, int rows, int channels, float[] gamma,
                        float[] beta, FloatBuffer skip, boolean relu, double eps, Statistics stats) {
        int parts = par.parts(rows);
        double[][] sum = new double[parts][channels];
        double[][] squares = new double[parts][channels];
        par.forRange(rows, (part, from, to) -> {
            double[] s = sum[part];
            double[] q = squares[part];
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    double v = z.get(base + c);
                    s[c] += v;
                    q[c] += v * v;
                }
            }
        });
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = 0;
            double q = 0;
            for (int part = 0; part < parts; part++) {
                s += sum[part][c];
                q += squares[part][c];
            }
            double mean = s / rows;
            double var = Math.max(0, q / rows - mean * mean);
            stats.meanDouble[c] = mean;
            stats.mean[c] = (float) mean;
            stats.variance[c] = var;
            stats.invStd[c] = (float) (1 / Math.sqrt(var + eps));
            scale[c] = gamma[c] * stats.invStd[c];
        }
        float[] mean = stats.mean;
        par.forRange(rows, (part, from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    float v = (z.get(base + c) - mean[c]) * scale[c] + beta[c];
                    if (skip != null) {
                        v += skip.get(base + c);
                    }
                    if (relu && !(v > 0)) {
                        v = 0;
                    }
                    y.put(base + c, v);
                }
            }
        });
    }

    /**
     * Gradient of the loss at z from the gradient at the output: the ReLU (masked where
     * {@code reluOut} is not positive) and the batch norm with its dependence on the batch mean
     * and variance. {@code dz} may be {@code dy} itself.
     *
     * @param dyExtra a second gradient at the same output (an activation read by two layers), or null
     * @param dGamma  receives sum(g * xhat) per channel
     * @param dBeta   receives sum(g) per channel
     */
    static void backward(Parallel par, FloatBuffer z, FloatBuffer reluOut, FloatBuffer dy, FloatBuffer dyExtra,
                         FloatBuffer dz, int rows, int channels, float[] gamma, Statistics stats, double[] dGamma,
                         double[] dBeta) {
        int parts = par.parts(rows);
        double[][] sumG = new double[parts][channels];
        double[][] sumGx = new double[parts][channels];
        float[] mean = stats.mean;
        float[] invStd = stats.invStd;
        par.forRange(rows, (part, from, to) -> {
            double[] sg = sumG[part];
            double[] sx = sumGx[part];
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    int j = base + c;
                    float g = gradient(dy, dyExtra, reluOut, j);
                    float xhat = (z.get(j) - mean[c]) * invStd[c];
                    sg[c] += g;
                    sx[c] += g * xhat;
                }
            }
        });
        float[] a = new float[channels];
        float[] b = new float[channels];
        float[] k = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sg = 0;
            double sx = 0;
            for (int part = 0; part < parts; part++) {
                sg += sumG[part][c];
                sx += sumGx[part][c];
            }
            dBeta[c] = sg;
            dGamma[c] = sx;
            // dz = gamma invStd (g - sum(g)/M - xhat sum(g xhat)/M)
            k[c] = gamma[c] * invStd[c];
            a[c] = (float) (sg / rows);
            b[c] = (float) (sx / rows);
        }
        par.forRange(rows, (part, from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    int j = base + c;
                    float g = gradient(dy, dyExtra, reluOut, j);
                    float xhat = (z.get(j) - mean[c]) * invStd[c];
                    dz.put(j, k[c] * (g - a[c] - xhat * b[c]));
                }
            }
        });
    }

    private static float gradient(FloatBuffer dy, FloatBuffer dyExtra, FloatBuffer reluOut, int j) {
        if (reluOut != null && !(reluOut.get(j) > 0)) {
            return 0;
        }
        float g = dy.get(j);
        return dyExtra == null ? g : g + dyExtra.get(j);
    }

    /**
     * Backward through the ReLU after a skip addition: g = (out > 0) ? g : 0 in place, and a copy
     * of the result into {@code skipGradient} (the gradient reaching the skip branch).
     */
    static void reluSkip(Parallel par, FloatBuffer out, FloatBuffer g, FloatBuffer skipGradient, int length) {
        par.forRange(length, (part, from, to) -> {
            for (int j = from; j < to; j++) {
                float v = out.get(j) > 0 ? g.get(j) : 0;
                g.put(j, v);
                skipGradient.put(j, v);
            }
        });
    }
}
