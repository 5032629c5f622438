package org.bridge.teacher;

import java.util.ArrayList;
import java.util.List;

import org.bridge.data.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pretrained network used as a teacher: fixed square input, its own pixel preprocessing,
 * and a forward pass on ND4J that yields a {@link #featureDimension()}-D vector per face.
 * Crops are fed in batches of {@link #batchSize()} to bound memory.
 */
public abstract class TeacherNetwork implements Teacher {

    public static final int DEFAULT_BATCH = 32;

    private int batchSize = DEFAULT_BATCH;

    /** Side of the square input in pixels. */
    public abstract int inputSize();

    /**
     * Writes the network input for one aligned crop ({@code inputSize()} square, RGB 0..255) as
     * HWC floats at {@code dst[offset..offset + inputSize^2*3)}.
     */
    public abstract void preprocess(RgbImage crop, float[] dst, int offset);

    /** Forward pass on a preprocessed batch {@code [N, inputSize, inputSize, 3]}; returns new {@code [N, D]}. */
    protected abstract INDArray forward(INDArray batch);

    /**
     * The network alone on an already preprocessed batch {@code [N, inputSize, inputSize, 3]}
     * (see {@link #preprocess}); returns a new {@code [N, featureDimension]} array. For timing the
     * network without cropping and image conversion (the efficiency benchmark).
     */
    public final INDArray embed(INDArray preprocessedBatch) {
        return forward(preprocessedBatch);
    }

    public int batchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The preprocessed input of one crop, HWC. */
    public float[] preprocess(RgbImage crop) {
        float[] out = new float[inputSize() * inputSize() * 3];
        preprocess(crop, out, 0);
        return out;
    }

    /** Features of crops that are already aligned for this network. */
    public float[][] features(List<RgbImage> alignedCrops) {
        int s = inputSize();
        int per = s * s * 3;
        float[][] out = new float[alignedCrops.size()][];
        for (int start = 0; start < alignedCrops.size(); start += batchSize) {
            int n = Math.min(batchSize, alignedCrops.size() - start);
            float[] input = new float[n * per];
            for (int i = 0; i < n; i++) {
                RgbImage crop = alignedCrops.get(start + i);
                if (crop.width() != s || crop.height() != s) {
                    throw new IllegalArgumentException(name() + " needs " + s + "x" + s + " crops, crop " + (start + i)
                            + " is " + crop.width() + "x" + crop.height());
                }
                preprocess(crop, input, i * per);
            }
            try (INDArray batch = NdOps.fromHost(input, n, s, s, 3); INDArray f = forward(batch)) {
                float[][] rows = f.toFloatMatrix();
                System.arraycopy(rows, 0, out, start, n);
            }
        }
        return out;
    }

    @Override
    public float[][] features(List<RgbImage> faces, FaceCropper cropper) {
        List<RgbImage> crops = new ArrayList<>(faces.size());
        for (RgbImage f : faces) {
            crops.add(cropper.crop(f, this));
        }
        return features(crops);
    }
}
