package org.bridge.teacher;

import java.util.Arrays;

/**
 * A weight as it comes out of a TFJS manifest: host memory, row-major, either float32 (after
 * dequantisation) or int32 (shapes, axes, paddings). Kept free of ND4J so that loading and
 * load-time folding can be tested without the native backend.
 *
 * @param name   the manifest name (= the graph's Const node name)
 * @param shape  dimensions, empty for a scalar
 * @param floats values when the dtype is float32, else null
 * @param ints   values when the dtype is int32, else null
 */
public record WeightTensor(String name, int[] shape, float[] floats, int[] ints) {

    public WeightTensor {
        long n = elementCount(shape);
        long have = floats != null ? floats.length : (ints != null ? ints.length : -1);
        if (have != n) {
            throw new IllegalArgumentException("weight " + name + " has shape " + Arrays.toString(shape)
                    + " (" + n + " values) but " + have + " values");
        }
    }

    public static WeightTensor ofFloats(String name, int[] shape, float[] values) {
        return new WeightTensor(name, shape, values, null);
    }

    public static WeightTensor ofInts(String name, int[] shape, int[] values) {
        return new WeightTensor(name, shape, null, values);
    }

    public boolean isFloat() {
        return floats != null;
    }

    public int size() {
        return floats != null ? floats.length : ints.length;
    }

    public int rank() {
        return shape.length;
    }

    /** The float values; fails with the weight's name when it holds int32. */
    public float[] requireFloats() {
        if (floats == null) {
            throw new IllegalStateException("weight " + name + " is int32 where float32 was expected");
        }
        return floats;
    }

    /** The int values; fails with the weight's name when it holds float32. */
    public int[] requireInts() {
        if (ints == null) {
            throw new IllegalStateException("weight " + name + " is float32 where int32 was expected");
        }
        return ints;
    }

    /** The single value of a one-element tensor (any rank). */
    public float scalar() {
        if (size() != 1) {
            throw new IllegalStateException("weight " + name + " is not a scalar: " + Arrays.toString(shape));
        }
        return floats != null ? floats[0] : ints[0];
    }

    public long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
