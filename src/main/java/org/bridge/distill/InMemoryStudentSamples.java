package org.bridge.distill;

import java.util.List;

import org.bridge.data.RgbImage;

/**
 * Student samples held in flat float arrays (about 3 KB per 16x16 sample, 110 KB at 96x96).
 */
public final class InMemoryStudentSamples implements StudentSamples {

    private final int resolution;
    private final float[] inputs;
    private final int[] labels;
    private final int classes;
    private final float[] targets;
    private final int targetDimension;
    private final int size;

    /**
     * @param resolution      p
     * @param inputs          n * 3 * p * p values, CHW per sample, 0..255
     * @param labels          n labels in [0, classes), or null
     * @param classes         number of classes (0 when labels is null)
     * @param targets         n * targetDimension values, or null
     * @param targetDimension length of one target (0 when targets is null)
     */
    public InMemoryStudentSamples(int resolution, float[] inputs, int[] labels, int classes, float[] targets,
                                  int targetDimension) {
        int len = StudentInput.length(resolution);
        if (inputs.length % len != 0) {
            throw new IllegalArgumentException(inputs.length + " input values are not a whole number of 3x"
                    + resolution + "x" + resolution + " samples");
        }
        this.size = inputs.length / len;
        if (labels != null) {
            if (labels.length != size) {
                throw new IllegalArgumentException(labels.length + " labels for " + size + " samples");
            }
            if (classes < 2) {
                throw new IllegalArgumentException("labelled samples need >= 2 classes, got " + classes);
            }
            for (int i = 0; i < size; i++) {
                if ((labels[i] < 0 && labels[i] != StudentSamples.UNLABELLED) || labels[i] >= classes) {
                    throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
                            + " is outside [0, " + classes + ")");
                }
                if (labels[i] == StudentSamples.UNLABELLED && targets == null) {
                    throw new IllegalArgumentException("sample " + i + " has neither an identity label nor a"
                            + " regression target");
                }
            }
        }
        if (targets != null && (targetDimension <= 0 || targets.length != (long) size * targetDimension)) {
            throw new IllegalArgumentException(targets.length + " target values do not match " + size
                    + " samples x " + targetDimension + " dimensions");
        }
        this.resolution = resolution;
        this.inputs = inputs;
        this.labels = labels;
        this.classes = labels == null ? 0 : classes;
        this.targets = targets;
        this.targetDimension = targets == null ? 0 : targetDimension;
    }

    /** Samples from p x p faces with labels and/or targets (either may be null). */
    public static InMemoryStudentSamples of(List<RgbImage> faces, int[] labels, int classes, float[][] targets) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no training faces");
        }
        int p = faces.get(0).width();
        int len = StudentInput.length(p);
        float[] in = new float[faces.size() * len];
        for (int i = 0; i < faces.size(); i++) {
            RgbImage f = faces.get(i);
            if (f.width() != p || f.height() != p) {
                throw new IllegalArgumentException("face " + i + " is " + f.width() + "x" + f.height()
                        + ", expected " + p + "x" + p);
            }
            StudentInput.writeChw(f, in, i * len);
        }
        float[] flat = null;
        int dim = 0;
        if (targets != null) {
            if (targets.length != faces.size()) {
                throw new IllegalArgumentException(targets.length + " targets for " + faces.size() + " faces");
            }
            dim = targets[0].length;
            flat = new float[faces.size() * dim];
            for (int i = 0; i < targets.length; i++) {
                if (targets[i].length != dim) {
                    throw new IllegalArgumentException("target " + i + " has " + targets[i].length
                            + " values, expected " + dim);
                }
                System.arraycopy(targets[i], 0, flat, i * dim, dim);
            }
        }
        return new InMemoryStudentSamples(p, in, labels, classes, flat, dim);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int targetDimension() {
        return targetDimension;
    }

    @Override
    public void input(int epoch, int index, float[] dst, int offset) {
        int len = StudentInput.length(resolution);
        System.arraycopy(inputs, index * len, dst, offset, len);
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("these samples carry no identity labels");
        }
        return labels[index];
    }

    @Override
    public void target(int index, float[] dst, int offset) {
        if (targets == null) {
            throw new IllegalStateException("these samples carry no regression targets");
        }
        System.arraycopy(targets, index * targetDimension, dst, offset, targetDimension);
    }
}
