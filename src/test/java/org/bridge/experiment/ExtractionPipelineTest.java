package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwFaceSet;
import org.bridge.data.RgbImage;
import org.bridge.teacher.BlazeFaceDetector;
import org.bridge.teacher.DetectorAlignedCrop;
import org.bridge.teacher.EnsembleTeacher;
import org.bridge.teacher.FaceDetection;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherNetwork;
import org.bridge.teacher.TeacherWeights;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlapped teacher extraction (detection of the next batch beside the networks, V and C
 * side by side) gives the features of the plain sequence: detect, crop and embed each network
 * in turn, batch by batch, on 20 real LFW images from an empty cache.
 */
class ExtractionPipelineTest {

    private static final int IMAGES = 20;
    private static final int BATCH = 8;

    @TempDir
    Path cache;

    private static List<FaceRecord> lfwImages() {
        LfwFaceSet lfw = LfwFaceSet.open(RequiredResources.lfw());
        LinkedHashSet<FaceRecord> unique = new LinkedHashSet<>();
        for (FacePair p : lfw.pairs().resolve(lfw.dataset())) {
            unique.add(p.a());
            unique.add(p.b());
            if (unique.size() >= IMAGES) {
                break;
            }
        }
        return new ArrayList<>(unique).subList(0, IMAGES);
    }

    /** The sequential path: each network in turn, batches of {@link #BATCH}: decode, detect, crop, embed. */
    private static float[][] sequential(TeacherNetwork net, BlazeFaceDetector detector, List<FaceRecord> images,
                                        boolean hallucinate) {
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += BATCH) {
            List<RgbImage> crops = new ArrayList<>();
            for (int i = start; i < Math.min(images.size(), start + BATCH); i++) {
                RgbImage face = new ImageDecoder().decode(images.get(i));
                Optional<FaceDetection> d = detector.primary(face);
                RgbImage crop = DetectorAlignedCrop.crop(face, d, net.id());
                crops.add(hallucinate ? TeacherInputs.hallucinate(crop, 16, net.inputSize()) : crop);
            }
            float[][] f = net.features(crops);
            System.arraycopy(f, 0, out, start, f.length);
        }
        return out;
    }

    @Test
    void overlappedExtractionEqualsTheSequentialPath() {
        TeacherWeights weights = RequiredResources.teacherWeights();
        List<FaceRecord> images = lfwImages();
        try (CachedTeacherFeatures features = new CachedTeacherFeatures(weights, cache);
             CachedDetections detections = new CachedDetections(weights, cache);
             BlazeFaceDetector detector = BlazeFaceDetector.load(weights)) {
            features.pipeline(BATCH, 2);
            TeacherNetwork v = (TeacherNetwork) features.network(TeacherId.V);
            TeacherNetwork c = (TeacherNetwork) features.network(TeacherId.C);
            for (boolean hallucinate : new boolean[] {false, true}) {
                TeacherInputs inputs = TeacherInputs.detectorAligned(detections);
                if (hallucinate) {
                    inputs = inputs.bilinearFrom(16);
                }
                List<Integer> heard = new ArrayList<>();
                float[][] e = features.features(TeacherId.E, images, inputs, (d, t) -> heard.add(d));
                float[][] expected = EnsembleTeacher.combine(sequential(v, detector, images, hallucinate),
                        sequential(c, detector, images, hallucinate));
                for (int i = 0; i < IMAGES; i++) {
                    assertArrayEquals(expected[i], e[i], images.get(i).file() + (hallucinate ? " 16-BI" : " HR"));
                }
                assertEquals(IMAGES, heard.get(heard.size() - 1));
                // A second ask is answered from the caches the pass filled.
                float[][] again = features.features(TeacherId.E, images, inputs, (d, t) -> { });
                for (int i = 0; i < IMAGES; i++) {
                    assertArrayEquals(e[i], again[i]);
                }
            }
        }
    }

    @Test
    void imagesThatOneNetworkHasAlreadyAreNotEmbeddedAgain() {
        TeacherWeights weights = RequiredResources.teacherWeights();
        List<FaceRecord> images = lfwImages();
        try (CachedTeacherFeatures features = new CachedTeacherFeatures(weights, cache)) {
            features.pipeline(BATCH, 2);
            float[][] firstV = features.features(TeacherId.V, images.subList(0, 5), TeacherInputs.lfwFixed(), (d, t) -> { });
            float[][][] vc = features.networkFeatures(List.of(TeacherId.V, TeacherId.C), images,
                    TeacherInputs.lfwFixed(), (d, t) -> { });
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(firstV[i], vc[0][i], "V of image " + i + " comes from the cache");
            }
            features.pipeline(BATCH, 1);
            float[][] sequentialC;
            try (CachedTeacherFeatures fresh = new CachedTeacherFeatures(weights, cache.resolve("fresh"))) {
                fresh.pipeline(BATCH, 1);
                sequentialC = fresh.features(TeacherId.C, images, TeacherInputs.lfwFixed(), (d, t) -> { });
            }
            for (int i = 0; i < IMAGES; i++) {
                assertArrayEquals(sequentialC[i], vc[1][i], "C of image " + i + ", one thread against two");
            }
        }
    }

    /** When another process computed everything while this one waited for the cache lock. */
    @Test
    void nothingLeftToDoIsDoneAtOnce() {
        List<FaceRecord> images = List.of(new FaceRecord("Someone", 1, Path.of("Someone_0001.jpg")));
        List<Integer> heard = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            new ExtractionPipeline(BATCH, threads).run(images, new String[] {"k"}, TeacherInputs.lfwFixed(), List.of(),
                    List.of(), (d, t) -> heard.add(d * 10 + t));
        }
        assertEquals(List.of(11, 11), heard);
    }
}
