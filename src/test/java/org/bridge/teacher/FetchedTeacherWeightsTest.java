package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;

/** The real packages, as `teachers fetch` leaves them (.ci/run fetches them first). */
class FetchedTeacherWeightsTest {

    @Test
    void realPackagesHoldFaceresBlazefaceAndFaceApi() throws Exception {
        TeacherWeights w = RequiredResources.teacherWeights();
        assertTrue(Files.size(w.faceresModel()) > 10_000);
        assertTrue(Files.size(w.faceresModel().resolveSibling("faceres.bin")) > 1_000_000);
        assertTrue(Files.size(w.blazefaceModel().resolveSibling("blazeface.bin")) > 100_000);
        assertTrue(Files.size(w.faceApiManifest().resolveSibling("face_recognition_model.bin")) > 1_000_000);
        assertTrue(Files.readString(w.faceresModel()).contains("weightsManifest"));
    }
}
