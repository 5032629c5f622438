package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.teacher.FaceDetection;
import org.bridge.teacher.LfwFixedCrop;
import org.bridge.teacher.TeacherWeights;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detections cached on disk: an image without a face is reported by file (also when the answer
 * comes from the cache), never dropped, and its teacher crop falls back to the fixed crop.
 */
class CachedDetectionsTest {

    @Test
    void noFaceImagesAreReportedAndFallBackToTheFixedCrop(@TempDir Path tmp) throws Exception {
        TeacherWeights weights = RequiredResources.teacherWeights();
        Path real = RequiredResources.lfw().resolve("lfw-deepfunneled/Aaron_Eckhart/Aaron_Eckhart_0001.jpg");
        Path face = Files.createSymbolicLink(tmp.resolve("Aaron_Eckhart_0001.jpg"), real);
        RgbImage flat = RgbImage.blank(250, 250);
        java.util.Arrays.fill(flat.data(), 90f);
        Path blank = tmp.resolve("Nobody_0001.jpg");
        ImageIO.write(flat.toBufferedImage(), "jpg", blank.toFile());
        List<FaceRecord> records = List.of(new FaceRecord("Aaron_Eckhart", 1, face),
                new FaceRecord("Nobody", 1, blank));

        Path cacheRoot = tmp.resolve("cache");
        List<int[]> progress = new ArrayList<>();
        try (CachedDetections d = new CachedDetections(weights, cacheRoot)) {
            List<Optional<FaceDetection>> found = d.detectAll(records, (done, total) -> progress.add(new int[] {done, total}));
            assertTrue(found.get(0).isPresent());
            assertTrue(found.get(1).isEmpty());
            assertEquals(List.of(blank), d.noFace());
            assertEquals(0, progress.get(0)[0], "nothing was cached at first");
            assertEquals(2, progress.get(progress.size() - 1)[0]);

            // The detector-aligned crop of the blank image is the fixed crop.
            RgbImage decoded = new ImageDecoder().decode(blank);
            RgbImage crop = TeacherInputs.detectorAligned(d).cropper(List.of(records.get(1)), List.of(decoded))
                    .crop(decoded, FakeNetwork.C_SIZE);
            RgbImage fixed = LfwFixedCrop.C.apply(decoded);
            for (int i = 0; i < crop.data().length; i += 97) {
                assertEquals(fixed.data()[i], crop.data()[i]);
            }
        }
        // A new instance answers from the disk cache (first progress call: everything cached) and still reports it.
        try (CachedDetections again = new CachedDetections(weights, cacheRoot)) {
            List<int[]> p2 = new ArrayList<>();
            again.detectAll(records, (done, total) -> p2.add(new int[] {done, total}));
            assertEquals(2, p2.get(0)[0]);
            assertEquals(List.of(blank), again.noFace());
        }
    }
}
