package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.bridge.testsupport.RequiredResources;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of faces through each network must not grow native memory: every intermediate is
 * closed after its last reader. One leaked batch of faceres activations is ~0.5 GB and of
 * face-api ~0.1 GB, so a leak shows within a few batches; the bound leaves room for the Java
 * heap (resident memory counts it too) and allocator noise only.
 */
class TeacherMemoryTest {

    private static final long BOUND = 200L << 20;

    @BeforeAll
    static void init() {
        Nd4jRuntime.init();
    }

    private static List<RgbImage> batch(int size) {
        List<RgbImage> crops = new ArrayList<>();
        for (int i = 0; i < TeacherNetwork.DEFAULT_BATCH; i++) {
            crops.add(ReferencePatterns.image(i % 3, size));
        }
        return crops;
    }

    /**
     * Growth is measured between the middle and the end of the run, after a warm-up, so that the
     * JVM heap and malloc's arenas settling (which depend on what ran before in this JVM) do not
     * count; a leak grows with every batch and shows in the second half as much as in the first.
     */
    private static void assertFlat(TeacherNetwork net, int batches) {
        List<RgbImage> crops = batch(net.inputSize());
        for (int i = 0; i < 8; i++) {
            net.features(crops);
        }
        for (int i = 0; i < batches / 2; i++) {
            net.features(crops);
        }
        System.gc();
        long mid = Pointer.physicalBytes();
        long peak = mid;
        for (int i = 0; i < batches / 2; i++) {
            net.features(crops);
            peak = Math.max(peak, Pointer.physicalBytes());
        }
        System.gc();
        long after = Pointer.physicalBytes();
        System.out.printf("%s: %d faces, resident %d MB at half-way -> %d MB at the end (peak %d MB)%n", net.name(),
                batches * crops.size(), mid >> 20, after >> 20, peak >> 20);
        assertTrue(after - mid < BOUND, net.name() + ": resident memory grew by " + ((after - mid) >> 20)
                + " MB over the second " + (batches / 2) + " batches");
    }

    @Test
    void faceApiStaysFlatOver1024Faces() {
        try (FaceApiTeacher c = Teachers.faceApi(RequiredResources.teacherWeights())) {
            assertFlat(c, 32);
        }
    }

    @Test
    void faceresStaysFlatOver512Faces() {
        try (FaceresTeacher v = Teachers.faceres(RequiredResources.teacherWeights())) {
            assertFlat(v, 16);
        }
    }
}
