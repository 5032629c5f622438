package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.data.FaceRecord;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;

class TeacherFeatureProviderTest {

    /** A provider without a one-pass path asks each network in turn; progress runs once from 0 to n. */
    @Test
    void networkFeaturesByDefaultAskEachNetworkInTurn() {
        List<TeacherId> asked = new ArrayList<>();
        TeacherFeatureProvider p = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
                asked.add(teacher);
                progress.update(0, images.size());
                progress.update(images.size(), images.size());
                float[][] f = new float[images.size()][];
                for (int i = 0; i < f.length; i++) {
                    f[i] = new float[] {teacher.ordinal(), i};
                }
                return f;
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                return "fake";
            }
        };
        List<FaceRecord> images = List.of(new FaceRecord("A", 1, Path.of("a1.jpg")),
                new FaceRecord("A", 2, Path.of("a2.jpg")), new FaceRecord("B", 1, Path.of("b1.jpg")),
                new FaceRecord("B", 2, Path.of("b2.jpg")));
        List<Integer> heard = new ArrayList<>();
        float[][][] vc = p.networkFeatures(List.of(TeacherId.V, TeacherId.C), images, (d, t) -> heard.add(d));
        assertEquals(List.of(TeacherId.V, TeacherId.C), asked);
        assertArrayEquals(new float[] {TeacherId.V.ordinal(), 3}, vc[0][3]);
        assertArrayEquals(new float[] {TeacherId.C.ordinal(), 0}, vc[1][0]);
        assertEquals(List.of(0, 2, 2, 4), heard);
    }
}
