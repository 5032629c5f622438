package org.bridge.distill;

import java.util.List;

import org.bridge.data.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The student's input layout: NCHW float, {@code [batch, 3, p, p]}, channel 0 = red, values
 * 0..255 (the graph normalises). {@link RgbImage} is HWC, so faces are transposed here.
 */
public final class StudentInput {

    private StudentInput() {
    }

    /** Values per face: 3 * p * p. */
    public static int length(int resolution) {
        return 3 * resolution * resolution;
    }

    /** Writes one p x p face into {@code dst} at {@code offset} in CHW order. */
    public static void writeChw(RgbImage face, float[] dst, int offset) {
        int w = face.width();
        int h = face.height();
        if (w != h) {
            throw new IllegalArgumentException("student input must be square, got " + w + "x" + h);
        }
        float[] src = face.data();
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            dst[offset + i] = src[i * 3];
            dst[offset + plane + i] = src[i * 3 + 1];
            dst[offset + 2 * plane + i] = src[i * 3 + 2];
        }
    }

    /** A batch of equally sized square faces as {@code [n, 3, p, p]}. */
    public static INDArray batch(List<RgbImage> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int p = faces.get(0).width();
        int len = length(p);
        float[] buf = new float[faces.size() * len];
        for (int i = 0; i < faces.size(); i++) {
            RgbImage f = faces.get(i);
            if (f.width() != p || f.height() != p) {
                throw new IllegalArgumentException("face " + i + " is " + f.width() + "x" + f.height()
                        + ", expected " + p + "x" + p + " like the first face of the batch");
            }
            writeChw(f, buf, i * len);
        }
        return Nd4j.create(buf, new long[] {faces.size(), 3, p, p}, 'c');
    }

    /** Mirrors one CHW face left-right in place (training augmentation). */
    public static void flipHorizontally(float[] buf, int offset, int resolution) {
        int p = resolution;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < p; y++) {
                int row = offset + (c * p + y) * p;
                for (int a = 0, b = p - 1; a < b; a++, b--) {
                    float t = buf[row + a];
                    buf[row + a] = buf[row + b];
                    buf[row + b] = t;
                }
            }
        }
    }
}
