package org.bridge.teacher;

/**
 * Straightforward loop implementations of TensorFlow's NHWC ops, written from TF's documented
 * semantics, used as the reference the ND4J-backed ops are checked against. Tensors are
 * row-major float arrays with explicit shapes.
 */
final class NaiveOps {

    private NaiveOps() {
    }

    /** TF output size for one spatial dimension. */
    static int outSize(int in, int k, int s, int d, boolean same) {
        int effK = (k - 1) * d + 1;
        return same ? (in + s - 1) / s : (in - effK + s) / s;
    }

    /** TF's padding before (top/left): total/2, the odd remainder going after. */
    static int padBefore(int in, int out, int k, int s, int d, boolean same) {
        if (!same) {
            return 0;
        }
        int total = Math.max((out - 1) * s + (k - 1) * d + 1 - in, 0);
        return total / 2;
    }

    /** x [n,h,w,c], w [kh,kw,c,o], bias [o] or null. Returns [n,oh,ow,o]. */
    static float[] conv2d(float[] x, int n, int h, int w, int c, float[] wt, int kh, int kw, int o, float[] bias,
                          int sh, int sw, boolean same, int dh, int dw) {
        int oh = outSize(h, kh, sh, dh, same);
        int ow = outSize(w, kw, sw, dw, same);
        int pt = padBefore(h, oh, kh, sh, dh, same);
        int pl = padBefore(w, ow, kw, sw, dw, same);
        float[] out = new float[n * oh * ow * o];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int oc = 0; oc < o; oc++) {
                        double acc = bias == null ? 0 : bias[oc];
                        for (int i = 0; i < kh; i++) {
                            int iy = y * sh - pt + i * dh;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int j = 0; j < kw; j++) {
                                int ix = xx * sw - pl + j * dw;
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int ic = 0; ic < c; ic++) {
                                    acc += x[((b * h + iy) * w + ix) * c + ic] * wt[((i * kw + j) * c + ic) * o + oc];
                                }
                            }
                        }
                        out[((b * oh + y) * ow + xx) * o + oc] = (float) acc;
                    }
                }
            }
        }
        return out;
    }

    /** x [n,h,w,c], w [kh,kw,c,m]; output channel c*m+k. */
    static float[] depthwise(float[] x, int n, int h, int w, int c, float[] wt, int kh, int kw, int m, float[] bias,
                             int sh, int sw, boolean same) {
        int oh = outSize(h, kh, sh, 1, same);
        int ow = outSize(w, kw, sw, 1, same);
        int pt = padBefore(h, oh, kh, sh, 1, same);
        int pl = padBefore(w, ow, kw, sw, 1, same);
        int o = c * m;
        float[] out = new float[n * oh * ow * o];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int ic = 0; ic < c; ic++) {
                        for (int k = 0; k < m; k++) {
                            double acc = bias == null ? 0 : bias[ic * m + k];
                            for (int i = 0; i < kh; i++) {
                                int iy = y * sh - pt + i;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int ix = xx * sw - pl + j;
                                    if (ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    acc += x[((b * h + iy) * w + ix) * c + ic] * wt[((i * kw + j) * c + ic) * m + k];
                                }
                            }
                            out[((b * oh + y) * ow + xx) * o + ic * m + k] = (float) acc;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Max or average pooling; average divides by the number of real (unpadded) cells, like TF. */
    static float[] pool(float[] x, int n, int h, int w, int c, int k, int s, boolean same, boolean max) {
        int oh = outSize(h, k, s, 1, same);
        int ow = outSize(w, k, s, 1, same);
        int pt = padBefore(h, oh, k, s, 1, same);
        int pl = padBefore(w, ow, k, s, 1, same);
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int i = 0; i < k; i++) {
                            int iy = y * s - pt + i;
                            for (int j = 0; j < k; j++) {
                                int ix = xx * s - pl + j;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                float v = x[((b * h + iy) * w + ix) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        out[((b * oh + y) * ow + xx) * c + ch] = (float) (max ? acc : acc / count);
                    }
                }
            }
        }
        return out;
    }

    /** a [n,k] x b [k,m] + bias [m]. */
    static float[] matmul(float[] a, int n, int k, float[] b, int m, float[] bias) {
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double acc = bias == null ? 0 : bias[j];
                for (int t = 0; t < k; t++) {
                    acc += a[i * k + t] * b[t * m + j];
                }
                out[i * m + j] = (float) acc;
            }
        }
        return out;
    }

    static float[] random(java.util.Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian());
        }
        return v;
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " vs " + b.length);
        }
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
