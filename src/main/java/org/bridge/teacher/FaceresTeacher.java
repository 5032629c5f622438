package org.bridge.teacher;

import java.nio.file.Path;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Teacher V: "faceres" from @vladmandic/human 3.3.6, the HSE face model (MobileNet trained on
 * VGGFace2 identities). Its TFJS graph is run up to {@code global_pooling/Mean}, the 1024-D
 * embedding before the age/gender heads, which are never computed.
 *
 * <p>Input 224x224, RGB converted to BGR minus the VGGFace2 channel means
 * [103.939, 116.779, 123.68], no scaling (checked on real photos, see FACTS.md).
 */
public final class FaceresTeacher extends TeacherNetwork {

    public static final int INPUT_SIZE = 224;
    public static final int FEATURES = 1024;
    public static final String INPUT_NODE = "input_1";
    public static final String OUTPUT_NODE = "global_pooling/Mean";
    /** B, G, R means subtracted after the channel swap. */
    static final float[] MEAN_BGR = {103.939f, 116.779f, 123.68f};

    private final GraphRuntime runtime;

    private FaceresTeacher(GraphRuntime runtime) {
        this.runtime = runtime;
    }

    /** Loads faceres.json (+ faceres.bin next to it). */
    public static FaceresTeacher load(Path faceresJson) {
        Nd4jRuntime.init();
        return new FaceresTeacher(GraphRuntime.compile(TfjsGraphModel.load(faceresJson), INPUT_NODE, OUTPUT_NODE));
    }

    @Override
    public TeacherId id() {
        return TeacherId.V;
    }

    @Override
    public String name() {
        return "V faceres (@vladmandic/human 3.3.6)";
    }

    @Override
    public int featureDimension() {
        return FEATURES;
    }

    @Override
    public int inputSize() {
        return INPUT_SIZE;
    }

    @Override
    public void preprocess(RgbImage crop, float[] dst, int offset) {
        float[] src = crop.data();
        for (int i = 0; i < src.length; i += 3) {
            dst[offset + i] = src[i + 2] - MEAN_BGR[0];
            dst[offset + i + 1] = src[i + 1] - MEAN_BGR[1];
            dst[offset + i + 2] = src[i] - MEAN_BGR[2];
        }
    }

    @Override
    protected INDArray forward(INDArray batch) {
        return runtime.run(batch);
    }

    /** The compiled program (for tests and diagnostics). */
    GraphRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
