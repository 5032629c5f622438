package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossDatasetDistillationTest {

    private static final AdaptationToyData TOY = new AdaptationToyData(20, 5, 64, 16, 1.0, 6);
    private static final AdaptationToyData.Sample DATA = TOY.sample(4, 7);

    @Test
    void trainsBothStagesAndKeepsThemInTheRunFolder(@TempDir Path run) throws IOException {
        AdaptationParams p = AdaptationParams.defaults().withEpochs(5);
        CrossDatasetDistillation.Result r = CrossDatasetDistillation.run(DATA.features(), DATA.labels(), 20, p,
                TeacherSoftmax.Params.defaults().withEpochs(5), null);
        assertNotNull(r.teacherSoftmax());
        assertEquals(5, r.adaptation().history().size());
        assertTrue(r.adaptation().history().get(4).distillation() > 0);
        r.save(run);
        assertTrue(Files.isRegularFile(run.resolve(CrossDatasetDistillation.TEACHER_SOFTMAX_FILE)));
        AdaptationModule back = AdaptationModule.load(run.resolve(CrossDatasetDistillation.MODULE_FILE));
        float[][] a = r.adapt(DATA.features());
        float[][] b = back.adapt(DATA.features());
        assertEquals(128, a[0].length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
    }

    @Test
    void directCompressionNeedsNoTeacherSoftmax(@TempDir Path run) throws IOException {
        CrossDatasetDistillation.Result r = CrossDatasetDistillation.run(DATA.features(), DATA.labels(), 20,
                AdaptationParams.defaults().withEpochs(2).classificationOnly(), TeacherSoftmax.Params.defaults(), null);
        assertNull(r.teacherSoftmax());
        r.save(run);
        assertTrue(Files.isRegularFile(run.resolve(CrossDatasetDistillation.MODULE_FILE)));
        assertFalse(Files.exists(run.resolve(CrossDatasetDistillation.TEACHER_SOFTMAX_FILE)));
    }

    @Test
    void aListenerCanStopTraining() {
        class Stop extends RuntimeException {
        }
        int[] epochs = {0};
        assertThrows(Stop.class, () -> CrossDatasetDistillation.run(DATA.features(), DATA.labels(), 20,
                AdaptationParams.defaults().withEpochs(10).classificationOnly(), TeacherSoftmax.Params.defaults(), e -> {
                    epochs[0]++;
                    if (e.epoch() == 2) {
                        throw new Stop();
                    }
                }));
        assertEquals(2, epochs[0]);
    }
}
