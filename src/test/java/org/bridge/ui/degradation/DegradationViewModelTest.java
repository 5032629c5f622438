package org.bridge.ui.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.DegradationSetting;
import org.bridge.degrade.FaceBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Degradation tab's state, without a window (JavaFX properties need no toolkit). */
class DegradationViewModelTest {

    private final DegradationViewModel vm = new DegradationViewModel();

    @Test
    void startsAtTheDefaultsWithOneKnobPerNumber() {
        assertEquals(DegradationParams.defaults(), vm.params());
        assertEquals(DegradationSetting.values().length, vm.knobs().size());
        Set<String> keys = new HashSet<>();
        vm.knobs().forEach(k -> assertTrue(keys.add(k.key()), "duplicate key " + k.key()));
        assertEquals(16, vm.resolutionProperty().get());
        assertEquals(1, vm.seedProperty().get());
    }

    @Test
    void everyKnobReachesItsParameterUnderItsJsonKey() {
        // For each knob, a value inside its range must show up in the JSON under the knob's key.
        for (DegradationKnob k : vm.knobs()) {
            vm.load(DegradationParams.defaults());
            double v = k.integer() ? Math.round((k.min() + k.max()) / 3) : k.min() + (k.max() - k.min()) / 3;
            k.set(v);
            String json = vm.params().toJson();
            String[] path = k.key().split("\\.");
            var tree = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
            double written = tree.getAsJsonObject(path[0]).get(path[1]).getAsDouble();
            assertEquals(k.get(), written, 1e-12, k.key());
            assertEquals(v, k.get(), 1e-12, k.key() + " was changed by the ordering rule");
        }
    }

    @Test
    void theChosenRunsDegradationIsComparedWithTheKnobsAndTakenInOneStep() {
        assertEquals("", vm.runDifferenceBinding().get(), "no run chosen");
        DegradationParams d = DegradationParams.defaults();
        DegradationParams run = d.withGaussianBlur(d.gaussianBlur().withProbability(0)).withCount(4);
        vm.runLabelProperty().set("S-16-sc-E fig4/S-16-sc-E_softmax_splitA_seed1");
        vm.runParamsProperty().set(run);
        String said = vm.runDifferenceBinding().get();
        assertTrue(said.startsWith("These settings are not the D(I) S-16-sc-E fig4/S-16-sc-E_softmax_splitA_seed1 was"
                + " trained with: "), said);
        assertTrue(said.contains("Gaussian blur (optics) chance 0.50 (run: 0.00)"), said);
        assertFalse(said.contains("count"), "the grid's own number of perturbations is not a difference: " + said);

        vm.useRunParams();
        assertEquals(run.withCount(16), vm.params(), "the run's D(I), with the grid's 16 perturbations");
        assertEquals("", vm.runDifferenceBinding().get());

        vm.knob(DegradationSetting.NOISE_PROBABILITY).set(0.25);
        assertTrue(vm.runDifferenceBinding().get().contains("Sensor noise chance 0.25 (run: 0.50)"),
                vm.runDifferenceBinding().get());
        vm.runParamsProperty().set(null);
        assertEquals("", vm.runDifferenceBinding().get(), "no run chosen any more");
    }

    @Test
    void rangePairsStayOrderedWhicheverEndMoves() {
        DegradationKnob lo = vm.knob(DegradationSetting.MIN_SIGMA);
        DegradationKnob hi = vm.knob(DegradationSetting.MAX_SIGMA);
        lo.set(3.0);
        assertEquals(3.0, hi.get(), "raising the minimum drags the maximum along");
        hi.set(0.5);
        assertEquals(0.5, lo.get(), "lowering the maximum drags the minimum along");
        assertEquals(0.5, vm.params().gaussianBlur().minSigma());

        vm.knob(DegradationSetting.MAX_QUALITY).set(20);
        assertEquals(20, vm.params().jpeg().minQuality());
        assertEquals(20, vm.params().jpeg().maxQuality());
        vm.knob(DegradationSetting.MIN_LENGTH).set(7);
        assertEquals(7, vm.params().motionBlur().maxLength());
    }

    @Test
    void loadingKeepsTheFileExactlyAndSurvivesAJsonRoundTrip(@TempDir Path tmp) throws Exception {
        DegradationParams odd = DegradationParams.fromJson("""
                {"count": 9, "baseBox": {"centreX": 46, "centreY": 56, "side": 92, "angleDegrees": 0},
                 "gaussianBlur": {"probability": 0.123, "minSigma": 0.01, "maxSigma": 0.02},
                 "motionBlur": {"minLength": 4, "maxLength": 9},
                 "jpeg": {"minQuality": 3, "maxQuality": 5}}""", "test");
        vm.load(odd);
        assertEquals(odd, vm.params(), "values off the slider steps are kept as written");
        Path file = tmp.resolve("degradation.json");
        vm.params().write(file);
        DegradationViewModel other = new DegradationViewModel();
        other.load(DegradationParams.read(file));
        assertEquals(odd, other.params());

        vm.load(DegradationParams.defaults());
        assertEquals(DegradationParams.defaults(), vm.params(), "loading back from tighter ranges");
    }

    @Test
    void snapsDraggedValuesToTheStepAsTheNearestDecimal() {
        DegradationKnob p = vm.knob(DegradationSetting.BLUR_PROBABILITY);
        assertEquals(0.3, p.snap(0.3111));
        assertEquals(1.0, p.snap(1.04));
        assertEquals("0.30", p.format(0.3));
        assertEquals("0.123", p.format(0.123), "an off-step value is shown in full");
        DegradationKnob q = vm.knob(DegradationSetting.MIN_QUALITY);
        assertTrue(q.integer());
        assertEquals(41.0, q.snap(40.6));
        assertEquals("41", q.format(41));
    }

    @Test
    void newSeedAlwaysChangesTheSeed() {
        for (int i = 0; i < 20; i++) {
            long before = vm.seedProperty().get();
            vm.newSeed();
            assertNotEquals(before, vm.seedProperty().get());
        }
    }

    @Test
    void fitsTheBaseBoxToAnyImageAndChecksResolutions() {
        vm.fitBaseBox(92, 112);
        assertEquals(new FaceBox(46, 56, 92, 0), vm.params().baseBox());
        assertTrue(DegradationViewModel.resolutionProblem(16).isEmpty());
        assertTrue(DegradationViewModel.resolutionProblem(256).isEmpty());
        assertFalse(DegradationViewModel.resolutionProblem(0).isEmpty());
        assertFalse(DegradationViewModel.resolutionProblem(257).isEmpty());
    }
}
