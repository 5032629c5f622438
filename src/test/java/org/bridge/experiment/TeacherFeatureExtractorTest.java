package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwFaceSet;
import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.Teachers;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher baseline of identify/verify computes what teacher-eval computes for the same image. */
class TeacherFeatureExtractorTest {

    @TempDir
    Path cache;

    @Test
    void sixteenBiFeaturesOfAnLfwImageAreTeacherEvals() {
        TeacherWeights weights = RequiredResources.teacherWeights();
        LfwFaceSet lfw = LfwFaceSet.open(RequiredResources.lfw());
        List<FaceRecord> images = new ArrayList<>();
        lfw.pairs().resolve(lfw.dataset()).subList(0, 2).forEach(p -> {
            images.add(p.a());
            images.add(p.b());
        });
        List<RgbImage> faces = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        images.forEach(r -> faces.add(decoder.decode(r)));

        float[][] teacherEval;
        try (CachedTeacherFeatures features = new CachedTeacherFeatures(weights, cache)) {
            teacherEval = features.features(TeacherId.E, images, TeacherInputs.lfwFixed().bilinearFrom(16),
                    (d, t) -> { });
        }
        TeacherInputs inputs = TeacherInputs.fixedIn(new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled()))
                .bilinearFrom(16);
        try (TeacherFeatureExtractor x = new TeacherFeatureExtractor(Teachers.load(TeacherId.E, weights), inputs)) {
            List<float[]> mine = x.extractBatch(faces);
            assertEquals("E 16-BI", x.name());
            for (int i = 0; i < images.size(); i++) {
                assertEquals(teacherEval[i].length, mine.get(i).length);
                for (int j = 0; j < teacherEval[i].length; j++) {
                    assertEquals(teacherEval[i][j], mine.get(i)[j], 1e-5f, images.get(i).file() + " [" + j + "]");
                }
            }
            assertEquals(new FaceFraming.Tally(FaceBoxPolicy.AUTO, images.size(), 0, 0, 0, 0, 16), x.framing());
        }
    }
}
