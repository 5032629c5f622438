package org.bridge.experiment;

import org.bridge.data.RgbImage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A stand-in network with a teacher's id and input size, for crop geometry only (never run). */
final class FakeNetwork extends TeacherNetwork {

    static final FakeNetwork C_SIZE = new FakeNetwork(TeacherId.C, 150);
    static final FakeNetwork V_SIZE = new FakeNetwork(TeacherId.V, 224);

    private final TeacherId id;
    private final int size;

    FakeNetwork(TeacherId id, int size) {
        this.id = id;
        this.size = size;
    }

    @Override
    public TeacherId id() {
        return id;
    }

    @Override
    public String name() {
        return "fake " + id;
    }

    @Override
    public int featureDimension() {
        return 1;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public void preprocess(RgbImage crop, float[] dst, int offset) {
        throw new UnsupportedOperationException("geometry only");
    }

    @Override
    protected INDArray forward(INDArray batch) {
        throw new UnsupportedOperationException("geometry only");
    }

    @Override
    public void close() {
    }
}
