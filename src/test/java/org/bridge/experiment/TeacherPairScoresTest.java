package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceRecord;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher column never shows a number it did not compute. */
class TeacherPairScoresTest {

    @TempDir Path cache;

    private static FaceRecord face(String person, int n) {
        Path root = BridgeLocations.fromSystem().sampleData();
        return new FaceRecord(person, n, root.resolve(person).resolve(String.format("%s_%04d.jpg", person, n)));
    }

    @Test
    void aTeacherFreeRunHasNoTeacherScore() {
        try (TeacherPairScores scores = new TeacherPairScores(new TeacherWeights(cache))) {
            TeacherPairScores.Score s = scores.score(TeacherId.O, face("Synthetic_01", 1), face("Synthetic_01", 2));
            assertFalse(s.isAvailable());
            assertTrue(Double.isNaN(s.cosine()));
            assertEquals("n/a (teacher O)", s.text());
        }
    }

    @Test
    void missingWeightsSayHowToFetchThem() {
        try (TeacherPairScores scores = new TeacherPairScores(new TeacherWeights(cache))) {
            for (TeacherId t : new TeacherId[] {TeacherId.V, TeacherId.C, TeacherId.E}) {
                TeacherPairScores.Score s = scores.score(t, face("Synthetic_01", 1), face("Synthetic_02", 1));
                assertFalse(s.isAvailable(), t.name());
                assertTrue(s.text().contains("`java -jar target/bridge.jar teachers fetch`") && s.text().contains(cache.toString()), s.text());
            }
        }
    }
}
