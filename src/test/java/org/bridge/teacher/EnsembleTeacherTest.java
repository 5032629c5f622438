package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnsembleTeacherTest {

    @Test
    void concatenatesUnitRowsAndScalesTheSecondBlock() {
        float[][] v = {{3, 4}, {0, 0}};
        float[][] c = {{0, 2, 0}, {1, 0, 0}};
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1, 0}, EnsembleTeacher.combine(v, c)[0], 1e-6f);
        float[][] half = EnsembleTeacher.combine(v, c, 0.5);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0.5f, 0}, half[0], 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0, 0}, half[1], 1e-6f, "an all-zero row stays zero, not NaN");
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0}, EnsembleTeacher.combine(v, c, 0)[0], 1e-6f,
                "weight 0 leaves V alone");
        assertThrows(IllegalArgumentException.class, () -> EnsembleTeacher.combine(v, new float[][] {{1}}, 0.5));
    }
}
