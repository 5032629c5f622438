package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bridge.nd.Nd4jRuntime;
import org.bridge.teacher.NdOps.Activation;
import org.bridge.teacher.NdOps.Padding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each libnd4j-backed op against a naive loop over TF's semantics, on small random tensors. */
class NdOpsTest {

    private static final float TOL = 1e-4f;

    @BeforeAll
    static void init() {
        Nd4jRuntime.init();
    }

    private static float[] host(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /**
     * Sizes chosen so SAME padding totals are odd and even, strides 1 and 2, and VALID leaves
     * cells over (e.g. 9 with k=3,s=2 -> total pad 2; 8 with k=3,s=2 -> total 1, extra at the end).
     */
    @ParameterizedTest(name = "conv2d {0}x{1} c{2} k{3}x{4} o{5} s{6} {7}")
    @CsvSource({
            "7,7,3,3,3,4,1,SAME",
            "8,8,3,3,3,4,2,SAME",
            "9,9,2,3,3,5,2,SAME",
            "8,6,3,2,2,4,2,SAME",
            "10,11,3,7,7,4,2,VALID",
            "9,8,2,3,3,3,2,VALID",
            "6,6,3,1,1,8,1,SAME",
            "4,4,3,3,3,2,1,SAME",
    })
    void conv2dMatchesNaive(int h, int w, int c, int kh, int kw, int o, int s, String pad) {
        Random r = new Random(h * 31 + w * 7 + c + kh + o + s);
        int n = 2;
        float[] x = NaiveOps.random(r, n * h * w * c);
        float[] wt = NaiveOps.random(r, kh * kw * c * o);
        float[] bias = NaiveOps.random(r, o);
        boolean same = pad.equals("SAME");
        float[] expected = NaiveOps.conv2d(x, n, h, w, c, wt, kh, kw, o, bias, s, s, same, 1, 1);
        try (INDArray xa = NdOps.fromHost(x, n, h, w, c); INDArray wa = NdOps.fromHost(wt, kh, kw, c, o);
             INDArray ba = NdOps.fromHost(bias, o);
             INDArray out = NdOps.conv2d(xa, wa, ba, s, s, Padding.valueOf(pad))) {
            int oh = NaiveOps.outSize(h, kh, s, 1, same);
            int ow = NaiveOps.outSize(w, kw, s, 1, same);
            assertArrayEquals(new long[] {n, oh, ow, o}, out.shape());
            float diff = NaiveOps.maxAbsDiff(expected, host(out));
            assertTrue(diff < TOL, "max abs diff " + diff);
        }
    }

    @Test
    void conv2dWithoutBias() {
        Random r = new Random(5);
        float[] x = NaiveOps.random(r, 1 * 5 * 5 * 2);
        float[] wt = NaiveOps.random(r, 3 * 3 * 2 * 3);
        float[] expected = NaiveOps.conv2d(x, 1, 5, 5, 2, wt, 3, 3, 3, null, 2, 2, true, 1, 1);
        try (INDArray xa = NdOps.fromHost(x, 1, 5, 5, 2); INDArray wa = NdOps.fromHost(wt, 3, 3, 2, 3);
             INDArray out = NdOps.conv2d(xa, wa, null, 2, 2, Padding.SAME)) {
            assertTrue(NaiveOps.maxAbsDiff(expected, host(out)) < TOL);
        }
    }

    @ParameterizedTest(name = "depthwise {0}x{1} c{2} k{3} m{4} s{5} {6}")
    @CsvSource({
            "7,7,4,3,1,1,SAME",
            "8,8,4,3,1,2,SAME",
            "9,9,3,3,1,2,SAME",
            "8,8,3,5,1,2,SAME",
            "9,8,3,3,1,2,VALID",
            "6,6,2,3,2,1,SAME",
    })
    void depthwiseMatchesNaive(int h, int w, int c, int k, int m, int s, String pad) {
        Random r = new Random(h * 13 + c * 3 + k + m + s);
        int n = 2;
        float[] x = NaiveOps.random(r, n * h * w * c);
        float[] wt = NaiveOps.random(r, k * k * c * m);
        float[] bias = NaiveOps.random(r, c * m);
        boolean same = pad.equals("SAME");
        float[] expected = NaiveOps.depthwise(x, n, h, w, c, wt, k, k, m, bias, s, s, same);
        try (INDArray xa = NdOps.fromHost(x, n, h, w, c); INDArray wa = NdOps.fromHost(wt, k, k, c, m);
             INDArray ba = NdOps.fromHost(bias, c * m);
             INDArray out = NdOps.depthwiseConv2d(xa, wa, ba, s, s, Padding.valueOf(pad))) {
            assertEquals(c * m, out.size(3));
            float diff = NaiveOps.maxAbsDiff(expected, host(out));
            assertTrue(diff < TOL, "max abs diff " + diff);
        }
    }

    @ParameterizedTest(name = "{0}pool {1}x{2} k{3} s{4} {5}")
    @CsvSource({
            "max,8,8,2,2,SAME",
            "max,9,7,2,2,SAME",
            "max,9,9,3,2,VALID",
            "max,72,72,3,2,VALID",
            "max,7,7,3,2,SAME",
            "avg,8,8,2,2,VALID",
            "avg,9,9,2,2,VALID",
            "avg,7,7,3,2,SAME",
            "avg,9,8,2,2,SAME",
    })
    void poolingMatchesNaive(String kind, int h, int w, int k, int s, String pad) {
        Random r = new Random(h + w + k + s + kind.length());
        int n = 2;
        int c = 3;
        float[] x = NaiveOps.random(r, n * h * w * c);
        boolean max = kind.equals("max");
        float[] expected = NaiveOps.pool(x, n, h, w, c, k, s, pad.equals("SAME"), max);
        try (INDArray xa = NdOps.fromHost(x, n, h, w, c);
             INDArray out = max ? NdOps.maxPool(xa, k, k, s, s, Padding.valueOf(pad))
                     : NdOps.avgPool(xa, k, k, s, s, Padding.valueOf(pad))) {
            assertEquals(expected.length, out.length());
            float diff = NaiveOps.maxAbsDiff(expected, host(out));
            assertTrue(diff < 1e-5f, "max abs diff " + diff);
        }
    }

    @Test
    void matmulWithBiasMatchesNaive() {
        Random r = new Random(9);
        float[] a = NaiveOps.random(r, 5 * 64);
        float[] b = NaiveOps.random(r, 64 * 7);
        float[] bias = NaiveOps.random(r, 7);
        float[] expected = NaiveOps.matmul(a, 5, 64, b, 7, bias);
        try (INDArray aa = NdOps.fromHost(a, 5, 64); INDArray ba = NdOps.fromHost(b, 64, 7);
             INDArray bb = NdOps.fromHost(bias, 7); INDArray out = NdOps.matmul(aa, ba, bb)) {
            assertArrayEquals(new long[] {5, 7}, out.shape());
            assertTrue(NaiveOps.maxAbsDiff(expected, host(out)) < TOL);
        }
    }

    @Test
    void activationsClipLikeTf() {
        float[] v = {-3f, -0.5f, 0f, 0.5f, 5.9f, 6f, 6.5f, 100f};
        try (INDArray a = NdOps.fromHost(v.clone(), v.length); INDArray b = NdOps.fromHost(v.clone(), v.length)) {
            NdOps.activateInPlace(a, Activation.RELU);
            NdOps.activateInPlace(b, Activation.RELU6);
            assertArrayEquals(new float[] {0, 0, 0, 0.5f, 5.9f, 6f, 6.5f, 100f}, host(a));
            assertArrayEquals(new float[] {0, 0, 0, 0.5f, 5.9f, 6f, 6f, 6f}, host(b));
        }
    }

    @Test
    void broadcastingBinaryOpsAndMean() {
        Random r = new Random(3);
        float[] x = NaiveOps.random(r, 2 * 3 * 4 * 5);
        float[] ch = NaiveOps.random(r, 5);
        try (INDArray xa = NdOps.fromHost(x, 2, 3, 4, 5); INDArray ca = NdOps.fromHost(ch, 5);
             INDArray sum = NdOps.binary("add", xa, ca); INDArray prod = NdOps.binary("multiply", xa, ca);
             INDArray mn = NdOps.binary("minimum", xa, ca); INDArray mean = NdOps.mean(xa, false, 1, 2)) {
            float[] s = host(sum);
            float[] p = host(prod);
            float[] m = host(mn);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i] + ch[i % 5], s[i], 1e-6);
                assertEquals(x[i] * ch[i % 5], p[i], 1e-6);
                assertEquals(Math.min(x[i], ch[i % 5]), m[i], 0);
            }
            assertArrayEquals(new long[] {2, 5}, mean.shape());
            float[] mh = host(mean);
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 5; c++) {
                    double acc = 0;
                    for (int k = 0; k < 12; k++) {
                        acc += x[(b * 12 + k) * 5 + c];
                    }
                    assertEquals(acc / 12, mh[b * 5 + c], 1e-5);
                }
            }
        }
    }

    @Test
    void padZerosPlacesInputAtOffset() {
        float[] x = {1, 2, 3, 4, 5, 6};
        try (INDArray xa = NdOps.fromHost(x, 1, 1, 2, 3); INDArray out = NdOps.padZeros(xa,
                new int[][] {{0, 0}, {0, 0}, {0, 1}, {0, 2}})) {
            assertArrayEquals(new long[] {1, 1, 3, 5}, out.shape());
            assertArrayEquals(new float[] {1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0}, host(out));
        }
    }
}
