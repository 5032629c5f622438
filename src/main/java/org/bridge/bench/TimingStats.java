package org.bridge.bench;

import java.util.Arrays;

/**
 * Summary of repeated throughput measurements (faces/s): median and spread. Quartiles by linear
 * interpolation between order statistics.
 */
public record TimingStats(int timings, double median, double min, double max, double q1, double q3) {

    public static TimingStats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new TimingStats(v.length, quantile(v, 0.5), v[0], v[v.length - 1], quantile(v, 0.25), quantile(v, 0.75));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
