package org.bridge.distill;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny synthetic problem for the trainer tests: each class is a colour (plus a class-specific
 * bright quadrant) drowned in strong per-pixel noise, and each class has a fixed random 128-D
 * "teacher feature" as regression target (plus a little per-sample noise).
 */
final class ToyFaces {

    final int classes;
    final int perClass;
    final int p;
    final float[] inputs;
    final int[] labels;
    final float[] targets;
    final int targetDimension;

    ToyFaces(int classes, int perClass, int p, int targetDimension, long seed) {
        this.classes = classes;
        this.perClass = perClass;
        this.p = p;
        this.targetDimension = targetDimension;
        Random r = new Random(seed);
        int n = classes * perClass;
        int len = StudentInput.length(p);
        inputs = new float[n * len];
        labels = new int[n];
        targets = new float[n * targetDimension];
        float[][] colour = new float[classes][3];
        float[][] feature = new float[classes][targetDimension];
        for (int k = 0; k < classes; k++) {
            for (int c = 0; c < 3; c++) {
                colour[k][c] = 60 + 130 * r.nextFloat();
            }
            for (int d = 0; d < targetDimension; d++) {
                feature[k][d] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = k;
            int qx = (k % 2) * p / 2;
            int qy = ((k / 2) % 2) * p / 2;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < p; y++) {
                    for (int x = 0; x < p; x++) {
                        boolean bright = x >= qx && x < qx + p / 2 && y >= qy && y < qy + p / 2;
                        float v = colour[k][c] + (bright ? 40 : 0) + (float) r.nextGaussian() * 50;
                        inputs[i * len + (c * p + y) * p + x] = Math.max(0, Math.min(255, v));
                    }
                }
            }
            for (int d = 0; d < targetDimension; d++) {
                targets[i * targetDimension + d] = feature[k][d] + 0.05f * (float) r.nextGaussian();
            }
        }
    }

    StudentSamples samples() {
        return new InMemoryStudentSamples(p, inputs, labels, classes, targetDimension > 0 ? targets : null,
                targetDimension);
    }

    StudentSamples labelsOnly() {
        return new InMemoryStudentSamples(p, inputs, labels, classes, null, 0);
    }

    INDArray inputArray() {
        return Nd4j.create(inputs, new long[] {labels.length, 3, p, p}, 'c');
    }

    /** Fraction of samples whose arg-max logit is their label. */
    double accuracy(Student student) {
        int[] predicted = student.predict(inputArray());
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** Mean over samples of the summed squared error between mimic features and targets. */
    double regressionError(Student student) {
        float[][] f = student.features(inputArray());
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            for (int d = 0; d < targetDimension; d++) {
                double e = f[i][d] - targets[i * targetDimension + d];
                sum += e * e;
            }
        }
        return sum / f.length;
    }
}
