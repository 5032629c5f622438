package org.bridge.teacher;

import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts, on the calling thread, what the teacher networks compute through {@link NdOps}: the
 * multiply-adds of every convolution, depthwise convolution and matrix product (output elements
 * x kernel fan-in), and the bytes of every layer output. For the efficiency benchmark (issue 7);
 * costs nothing when not counting.
 */
public final class OpCounter {

    /** Totals of one counted call: multiply-adds, layer-output bytes, number of counted ops. */
    public record Counts(long multiplyAdds, long outputBytes, long ops) {
    }

    private static final ThreadLocal<long[]> ACTIVE = new ThreadLocal<>();

    private OpCounter() {
    }

    /** Runs {@code work} and returns what it computed through NdOps on this thread. */
    public static <T> Counts count(Supplier<T> work) {
        long[] previous = ACTIVE.get();
        long[] c = new long[3];
        ACTIVE.set(c);
        try {
            work.get();
        } finally {
            ACTIVE.set(previous);
        }
        return new Counts(c[0], c[1], c[2]);
    }

    /** Records one op's output and its multiply-adds (per output element). */
    static INDArray record(INDArray out, long multiplyAddsPerOutput) {
        long[] c = ACTIVE.get();
        if (c != null) {
            c[0] += out.length() * multiplyAddsPerOutput;
            c[1] += out.length() * out.dataType().width();
            c[2]++;
        }
        return out;
    }
}
