package org.bridge.teacher;

import java.util.List;

import org.bridge.data.RgbImage;

/**
 * Teacher E: V and C together. Each network's feature is L2-normalised, then the two are
 * concatenated (1024 + 128 = 1152-D), so the cosine of two E features is the mean of the V
 * and C cosines and neither network dominates by its scale.
 */
public final class EnsembleTeacher implements Teacher {

    private final TeacherNetwork v;
    private final TeacherNetwork c;

    public EnsembleTeacher(TeacherNetwork v, TeacherNetwork c) {
        this.v = v;
        this.c = c;
    }

    @Override
    public TeacherId id() {
        return TeacherId.E;
    }

    @Override
    public String name() {
        return "E ensemble of " + v.name() + " and " + c.name();
    }

    @Override
    public int featureDimension() {
        return v.featureDimension() + c.featureDimension();
    }

    @Override
    public float[][] features(List<RgbImage> faces, FaceCropper cropper) {
        return combine(v.features(faces, cropper), c.features(faces, cropper));
    }

    /** Row-wise concatenation of the L2-normalised rows of {@code a} and {@code b}. */
    public static float[][] combine(float[][] a, float[][] b) {
        return combine(a, b, 1.0);
    }

    /**
     * Row-wise concatenation of the L2-normalised rows of {@code a} and of {@code b} scaled by
     * {@code weightB} (each row then has squared norm 1 + weightB^2).
     */
    public static float[][] combine(float[][] a, float[][] b, double weightB) {
        float[][] out = combineUnweighted(a, b);
        if (weightB != 1.0) {
            for (float[] row : out) {
                for (int i = row.length - b[0].length; i < row.length; i++) {
                    row[i] = (float) (row[i] * weightB);
                }
            }
        }
        return out;
    }

    private static float[][] combineUnweighted(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " rows");
        }
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            float[] row = new float[a[i].length + b[i].length];
            normalizeInto(a[i], row, 0);
            normalizeInto(b[i], row, a[i].length);
            out[i] = row;
        }
        return out;
    }

    private static void normalizeInto(float[] x, float[] dst, int offset) {
        double ss = 0;
        for (float f : x) {
            ss += (double) f * f;
        }
        // An all-zero feature stays zero rather than becoming NaN.
        double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0;
        for (int i = 0; i < x.length; i++) {
            dst[offset + i] = (float) (x[i] * inv);
        }
    }

    public TeacherNetwork v() {
        return v;
    }

    public TeacherNetwork c() {
        return c;
    }

    @Override
    public void close() {
        v.close();
        c.close();
    }
}
