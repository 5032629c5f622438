package org.bridge.teacher;

import java.nio.file.Path;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Teacher C: the face-api recognition net from @vladmandic/face-api 1.7.15 (dlib-style ResNet),
 * 150x150 input, 128-D descriptor. Preprocessing as in face-api's FaceRecognitionNet:
 * RGB, {@code (x - [122.782, 117.001, 104.298]) / 255}.
 */
public final class FaceApiTeacher extends TeacherNetwork {

    public static final int INPUT_SIZE = FaceApiRecognitionNet.INPUT_SIZE;
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final FaceApiRecognitionNet net;

    private FaceApiTeacher(FaceApiRecognitionNet net) {
        this.net = net;
    }

    /** Loads the weights manifest (+ face_recognition_model.bin next to it). */
    public static FaceApiTeacher load(Path manifest) {
        Nd4jRuntime.init();
        return new FaceApiTeacher(FaceApiRecognitionNet.load(manifest));
    }

    @Override
    public TeacherId id() {
        return TeacherId.C;
    }

    @Override
    public String name() {
        return "C face-api ResNet (@vladmandic/face-api 1.7.15)";
    }

    @Override
    public int featureDimension() {
        return FaceApiRecognitionNet.FEATURES;
    }

    @Override
    public int inputSize() {
        return INPUT_SIZE;
    }

    @Override
    public void preprocess(RgbImage crop, float[] dst, int offset) {
        float[] src = crop.data();
        for (int i = 0; i < src.length; i += 3) {
            // Same float32 operations, in the same order, as face-api: subtract, then divide.
            dst[offset + i] = (src[i] - MEAN_RGB[0]) / 255f;
            dst[offset + i + 1] = (src[i + 1] - MEAN_RGB[1]) / 255f;
            dst[offset + i + 2] = (src[i + 2] - MEAN_RGB[2]) / 255f;
        }
    }

    @Override
    protected INDArray forward(INDArray batch) {
        return net.forward(batch);
    }

    @Override
    public void close() {
        net.close();
    }
}
