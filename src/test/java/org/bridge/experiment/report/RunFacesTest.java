package org.bridge.experiment.report;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faces behind a run, on the bundled sample set (part of the repository). */
class RunFacesTest {

    @TempDir Path runs;

    @Test
    void findsTheImageAndGivesTheInputTheStudentWasEvaluatedOn() {
        BridgeLocations locations = BridgeLocations.fromSystem();
        RunRecord run = RunRecord.read(new RunFolderFixture(new RunStore(runs)).student("S-16-sc-E", "E").write("A"));
        RunFaces faces = RunFaces.of(run, locations);
        assertEquals(locations.sampleData(), faces.datasetRoot());
        assertEquals(TeacherId.E, faces.teacher());
        assertEquals(16, faces.resolution());

        FaceRecord face = faces.face("Synthetic_04", 5);
        assertEquals(locations.sampleData().resolve("Synthetic_04").resolve("Synthetic_04_0005.jpg"), face.file());
        RgbImage hr = faces.highResolution(face);
        RgbImage input = faces.studentInput(hr);
        assertEquals(16, input.width());
        assertEquals(16, input.height());
        // Exactly what StudentFeatureExtractor feeds the student: the run's base box, clean resize.
        RgbImage expected = Degradation.clean(new ImageDecoder().decode(face), DegradationParams.defaults().baseBox(), 16);
        assertArrayEquals(expected.data(), input.data());
    }

    @Test
    void aMissingImageOrDatasetIsAnErrorThatSaysWhere() {
        RunRecord run = RunRecord.read(new RunFolderFixture(new RunStore(runs)).write("A"));
        RunFaces faces = RunFaces.of(run, BridgeLocations.fromSystem());
        UserFacingException e = assertThrows(UserFacingException.class, () -> faces.face("Synthetic_04", 99));
        assertTrue(e.getMessage().contains("image 99 of Synthetic_04"), e.getMessage());

        Properties props = new Properties();
        props.setProperty("bridge.sampleData", runs.resolve("nowhere").toString());
        BridgeLocations moved = new BridgeLocations(java.util.Map.of(), props, runs);
        e = assertThrows(UserFacingException.class, () -> RunFaces.of(run, moved));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }
}
