package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.data.FaceRecord;
import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.teacher.AffineCrop;
import org.bridge.teacher.FaceCropper;
import org.bridge.teacher.LfwFixedCrop;
import org.bridge.teacher.TeacherWeights;
import org.junit.jupiter.api.Test;

/** Teacher input variants: cache keys, and the "p-BI" hallucination of the aligned crop. */
class TeacherInputsTest {

    @Test
    void eachVariantHasItsOwnCacheKey() {
        TeacherInputs fixed = TeacherInputs.lfwFixed();
        // Unchanged from before variants existed, so existing caches stay valid.
        assertEquals("lfwfixed", fixed.key());
        assertEquals("lfwfixed-bi16", fixed.bilinearFrom(16).key());
        assertEquals("fixed, 16-BI", fixed.bilinearFrom(16).label());
        assertTrue(fixed.resolution().isEmpty());
        assertEquals(32, fixed.bilinearFrom(32).resolution().getAsInt());
        assertThrows(IllegalArgumentException.class, () -> fixed.bilinearFrom(0));
        assertEquals(TeacherInputs.Alignment.DETECTOR, TeacherInputs.Alignment.parse("Detector"));
        assertThrows(IllegalArgumentException.class, () -> TeacherInputs.Alignment.parse("eyes"));
    }

    @Test
    void detectorKeyNamesTheDetector(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // A fake weights folder: the key hashes the detector files, it does not load them.
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("weights/human-3.3.6"));
        java.nio.file.Files.writeString(dir.resolve("blazeface.json"), "{}");
        java.nio.file.Files.writeString(dir.resolve("blazeface.bin"), "x");
        try (CachedDetections d = new CachedDetections(new TeacherWeights(tmp), tmp)) {
            TeacherInputs det = TeacherInputs.detectorAligned(d);
            assertTrue(det.key().matches("detector\\.blazeface-[0-9a-f]{16}-letterbox256-central"), det.key());
            assertTrue(det.bilinearFrom(16).key().endsWith("-central-bi16"), det.bilinearFrom(16).key());
        }
    }

    /** Detail finer than p x p is gone: a one-pixel checkerboard averages to mid-grey (rounded to 8 bits). */
    @Test
    void hallucinationKeepsOnlyWhatSurvivesTheLowResolution() {
        RgbImage face = RgbImage.blank(250, 250);
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 250; x++) {
                float v = (x + y) % 2 == 0 ? 0 : 255;
                for (int c = 0; c < 3; c++) {
                    face.set(x, y, c, v);
                }
            }
        }
        FaceRecord r = new FaceRecord("Someone", 1, Path.of("Someone_0001.jpg"));
        FaceCropper fixed = TeacherInputs.lfwFixed().cropper(List.of(r), List.of(face));
        FaceCropper bi = TeacherInputs.lfwFixed().bilinearFrom(16).cropper(List.of(r), List.of(face));
        RgbImage hr = fixed.crop(face, FakeNetwork.C_SIZE);
        RgbImage lr = bi.crop(face, FakeNetwork.C_SIZE);
        assertEquals(150, lr.width());
        double hrSpread = spread(hr);
        double lrSpread = spread(lr);
        assertTrue(hrSpread > 20, "the HR crop keeps much of the checkerboard: " + hrSpread);
        assertTrue(lrSpread < 2, "the 16-BI crop is nearly flat: " + lrSpread);
        // The LR image is 8-bit: the up-sampled values stay within one level of the 0..255 mean.
        assertEquals(127.5, lr.get(75, 75, 0), 1.0);
    }

    private static double spread(RgbImage img) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int y = 20; y < img.height() - 20; y++) {
            for (int x = 20; x < img.width() - 20; x++) {
                min = Math.min(min, img.get(x, y, 0));
                max = Math.max(max, img.get(x, y, 0));
            }
        }
        return max - min;
    }

    @Test
    void fixedCropIsTheLfwFixedCrop() {
        RgbImage face = RgbImage.blank(250, 250);
        face.set(125, 120, 1, 255);
        FaceRecord r = new FaceRecord("Someone", 1, Path.of("Someone_0001.jpg"));
        RgbImage a = TeacherInputs.lfwFixed().cropper(List.of(r), List.of(face)).crop(face, FakeNetwork.C_SIZE);
        RgbImage b = LfwFixedCrop.C.apply(face);
        for (int i = 0; i < a.data().length; i++) {
            assertEquals(b.data()[i], a.data()[i]);
        }
    }

    @Test
    void theFaceBoxTakesThePlaceOfLfwsBaseBox() {
        FaceBox lfw = FaceBox.lfwDeepFunneled();
        AffineCrop v = LfwFixedCrop.V; // exactly the base box
        // Whole: the V crop spans a 92x112 image edge to edge, stretched on its short side.
        AffineCrop whole = TeacherInputs.framedMap(new FaceFraming(FaceBoxPolicy.WHOLE, lfw), 92, 112, v);
        assertEquals(0, whole.sourceX(0, 0), 1e-9);
        assertEquals(0, whole.sourceY(0, 0), 1e-9);
        assertEquals(92, whole.sourceX(224, 224), 1e-9);
        assertEquals(112, whole.sourceY(224, 224), 1e-9);
        // Relative on a 500x500 image: every source point twice as far from the origin.
        AffineCrop rel = TeacherInputs.framedMap(new FaceFraming(FaceBoxPolicy.RELATIVE, lfw), 500, 500, LfwFixedCrop.C);
        for (double[] uv : new double[][] {{0, 0}, {150, 0}, {37, 101}}) {
            assertEquals(2 * LfwFixedCrop.C.sourceX(uv[0], uv[1]), rel.sourceX(uv[0], uv[1]), 1e-9);
            assertEquals(2 * LfwFixedCrop.C.sourceY(uv[0], uv[1]), rel.sourceY(uv[0], uv[1]), 1e-9);
        }
        // A rotated box turns the crop with it: the crop's centre stays on the box centre.
        FaceBox turned = new FaceBox(lfw.centreX(), lfw.centreY(), lfw.side(), 30);
        AffineCrop t = TeacherInputs.framedMap(new FaceFraming(FaceBoxPolicy.RELATIVE, turned), 250, 250, v);
        assertEquals(lfw.centreX(), t.sourceX(112, 112), 1e-9);
        assertEquals(lfw.centreY(), t.sourceY(112, 112), 1e-9);
    }

    @Test
    void framedCropsOfAnySizeAreTheNetworksInput() {
        FaceFraming auto = new FaceFraming(FaceBoxPolicy.AUTO, FaceBox.lfwDeepFunneled());
        RgbImage lfwFrame = RgbImage.blank(250, 250);
        lfwFrame.set(125, 120, 1, 255);
        // On LFW's own frame the framed crop is exactly the fixed crop teacher-eval uses.
        assertArrayEquals(LfwFixedCrop.C.apply(lfwFrame).data(),
                TeacherInputs.framedCrop(lfwFrame, auto, org.bridge.teacher.TeacherId.C).data());
        TeacherInputs bi = TeacherInputs.fixedIn(auto).bilinearFrom(16);
        assertEquals("facebox-auto-bi16", bi.key());
        assertEquals("face box auto, 16-BI", bi.label());
        for (FaceBoxPolicy policy : FaceBoxPolicy.values()) {
            // The stand-in detector finds a face square in the middle of wide images only.
            FaceFraming framing = new FaceFraming(policy, FaceBox.lfwDeepFunneled(), image -> image.width() > image.height()
                    ? java.util.Optional.of(new FaceBox(image.width() / 2.0, image.height() / 2.0, image.height() * 0.8, 5))
                    : java.util.Optional.empty());
            TeacherInputs in = TeacherInputs.fixedIn(framing).bilinearFrom(16);
            for (int[] size : new int[][] {{12, 10}, {7, 15}, {1, 1}, {92, 112}, {900, 700}}) {
                RgbImage face = RgbImage.blank(size[0], size[1]);
                java.util.Arrays.fill(face.data(), 200f);
                for (FakeNetwork net : List.of(FakeNetwork.C_SIZE, FakeNetwork.V_SIZE)) {
                    RgbImage crop = in.cropper(List.of(), List.of(face)).crop(face, net);
                    assertEquals(net.inputSize(), crop.width());
                    for (float x : crop.data()) {
                        assertEquals(200f, x, 1e-3f, policy + " " + size[0] + "x" + size[1] + ": a flat face stays flat");
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TeacherInputs.fixedIn(
                new FaceFraming(FaceBoxPolicy.AUTO, new FaceBox(100, 100, 50, 0))));
    }
}
