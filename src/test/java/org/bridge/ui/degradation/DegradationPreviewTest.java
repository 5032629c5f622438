package org.bridge.ui.degradation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceDataset;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.DegradationRandom;
import org.bridge.degrade.FaceBox;
import org.bridge.ui.common.ArgbPixels;
import org.junit.jupiter.api.Test;

class DegradationPreviewTest {

    private final Path face = FaceDataset.readFolder(BridgeLocations.fromSystem().sampleData()).records().get(0).file();
    private final DegradationPreview preview = new DegradationPreview();

    @Test
    void showsThePixelsTheTrainingPipelineMakes() {
        DegradationParams params = DegradationParams.defaults();
        PreviewResult r = preview.render(new PreviewRequest(face, params, 42, 16), () -> false);

        RgbImage hr = new ImageDecoder().decode(face);
        // What `bridge degrade FACE --seed 42 --resolution 16` computes.
        List<RgbImage> expected = new Degradation(params).perturbations(hr, 16, DegradationRandom.imageSeed(42, 0));
        assertEquals(16, r.perturbations().size());
        assertEquals(5, r.gridFactor());
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(ArgbPixels.enlarged(expected.get(i), 5).argb(), r.perturbations().get(i).argb(),
                    "perturbation " + i);
        }
        assertEquals(16, r.jitteredBoxes().size());
        assertFalse(r.jitteredBoxes().contains(params.baseBox()), "default jitter moves every box");
        assertFalse(r.baseBoxOutsideImage());

        assertEquals(List.of(8, 4, 2, 1), r.cleanFactors());
        for (int i = 0; i < 4; i++) {
            int p = DegradationViewModel.PAPER_RESOLUTIONS.get(i);
            RgbImage clean = Degradation.clean(hr, params.baseBox(), p);
            assertArrayEquals(ArgbPixels.enlarged(clean, r.cleanFactors().get(i)).argb(), r.clean().get(i).argb());
            assertEquals(DegradationPreview.BILINEAR_SIDE, r.bilinear().get(i).width());
        }
        assertEquals(hr.width(), r.hr().width());
    }

    @Test
    void aCleanPipelineGivesSixteenCopiesOfTheCleanCrop() {
        DegradationParams clean = DegradationParams.clean();
        PreviewResult r = preview.render(new PreviewRequest(face, clean, 7, 32), () -> false);
        RgbImage crop = Degradation.clean(new ImageDecoder().decode(face), clean.baseBox(), 32);
        assertEquals(2, r.gridFactor());
        for (ArgbPixels p : r.perturbations()) {
            assertArrayEquals(ArgbPixels.enlarged(crop, 2).argb(), p.argb());
        }
    }

    @Test
    void stopsWhenSupersededAndFlagsABoxOutsideTheImage() {
        assertNull(preview.render(new PreviewRequest(face, DegradationParams.defaults(), 1, 16), () -> true));
        DegradationParams off = DegradationParams.defaults().withBaseBox(new FaceBox(10, 10, 100, 0));
        assertTrue(preview.render(new PreviewRequest(face, off, 1, 16), () -> false).baseBoxOutsideImage());
    }
}
