package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bridge.data.RgbImage;
import org.junit.jupiter.api.Test;

/** Geometry of the fixed LFW crops and exactness of the bilinear sampler. */
class LfwFixedCropTest {

    @Test
    void faceApiChipPutsTheMeanEyesOnDlibsTemplate() {
        AffineCrop c = LfwFixedCrop.C;
        assertEquals(103.26, c.sourceX(47.5, 46.6), 0.01);
        assertEquals(113.14, c.sourceY(47.5, 46.6), 0.01);
        assertEquals(146.85, c.sourceX(100.5, 46.6), 0.01);
        assertEquals(112.46, c.sourceY(100.5, 46.6), 0.01);
    }

    @Test
    void faceresCropIsTheSquareScaledTo224() {
        AffineCrop v = LfwFixedCrop.V;
        assertEquals(51.91, v.sourceX(0, 0), 1e-9);
        assertEquals(64.04, v.sourceY(0, 0), 1e-9);
        assertEquals(199.13, v.sourceX(224, 224), 1e-9);
        assertEquals(211.26, v.sourceY(224, 224), 1e-9);
    }

    /** Bilinear interpolation reproduces a linear image exactly (away from the clamped border). */
    @Test
    void bilinearSamplingIsExactOnLinearImages() {
        RgbImage src = RgbImage.blank(250, 250);
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 250; x++) {
                src.set(x, y, 0, 0.5f * x + 0.25f * y);
                src.set(x, y, 1, 0.25f * x);
                src.set(x, y, 2, 100 + 0.5f * y);
            }
        }
        for (TeacherId id : new TeacherId[] {TeacherId.V, TeacherId.C}) {
            AffineCrop crop = LfwFixedCrop.forNetwork(id);
            RgbImage out = crop.apply(src);
            assertEquals(crop.width(), out.width());
            for (int v = 0; v < out.height(); v += 7) {
                for (int u = 0; u < out.width(); u += 5) {
                    // Pixel i of the source has value f(i): its centre is at continuous i + 0.5.
                    double sx = crop.sourceX(u + 0.5, v + 0.5) - 0.5;
                    double sy = crop.sourceY(u + 0.5, v + 0.5) - 0.5;
                    assertEquals(0.5 * sx + 0.25 * sy, out.get(u, v, 0), 1e-3, id + " at " + u + "," + v);
                    assertEquals(0.25 * sx, out.get(u, v, 1), 1e-3);
                    assertEquals(100 + 0.5 * sy, out.get(u, v, 2), 1e-3);
                }
            }
        }
    }

    @Test
    void rejectsImagesThatAreNotTheDeepFunneledFrame() {
        LfwFixedCrop cropper = new LfwFixedCrop();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cropper.crop(RgbImage.blank(200, 250), null));
        assertEquals(true, e.getMessage().contains("200x250"));
    }
}
