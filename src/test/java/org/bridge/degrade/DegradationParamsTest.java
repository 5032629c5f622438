package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DegradationParamsTest {

    @Test
    void defaultsAndCustomParamsRoundTripThroughJson(@TempDir Path dir) throws Exception {
        DegradationParams d = DegradationParams.defaults();
        assertEquals(d, DegradationParams.fromJson(d.toJson(), "test"));
        DegradationParams custom = d.withBaseBox(new FaceBox(100.25, 90.5, 120.125, 3))
                .withCount(4)
                .withJitter(new DegradationParams.CropJitter(0.75, 0.1, 1.2, 10))
                .withIllumination(new DegradationParams.Illumination(0.1, 1.5, 0.2, 1.3, 0.4, 20))
                .withGaussianBlur(new DegradationParams.GaussianBlur(0.6, 0.2, 0.9))
                .withMotionBlur(new DegradationParams.MotionBlur(0.7, 1.5, 3))
                .withNoise(new DegradationParams.Noise(0.3, 12.5, 0.7))
                .withJpeg(new DegradationParams.Jpeg(1, 20, 30))
                .withGrayscale(new DegradationParams.Grayscale(0.25));
        Path file = dir.resolve("params.json");
        custom.write(file);
        assertEquals(custom, DegradationParams.read(file));
        assertEquals(DegradationParams.clean(), DegradationParams.fromJson(DegradationParams.clean().toJson(), "t"));
    }

    @Test
    void jsonUsesReadableKeys() {
        String json = DegradationParams.defaults().toJson();
        for (String key : new String[] {"baseBox", "centreX", "count", "jitter", "maxShift", "illumination",
                "maxGamma", "gaussianBlur", "minSigma", "motionBlur", "noise", "maxShotGain", "jpeg", "minQuality"}) {
            assertTrue(json.contains("\"" + key + "\""), key + " missing from " + json);
        }
    }

    @Test
    void partialJsonFillsInDefaults() {
        DegradationParams p = DegradationParams.fromJson("{\"jpeg\": {\"probability\": 0}, \"count\": 8}", "p.json");
        DegradationParams d = DegradationParams.defaults();
        assertEquals(d.withCount(8).withJpeg(d.jpeg().withProbability(0)), p);
    }

    @Test
    void greyIsOffByDefaultAndReadFromItsSection() {
        assertEquals(0.0, DegradationParams.defaults().grayscale().probability());
        DegradationParams p = DegradationParams.fromJson("{\"grayscale\": {\"probability\": 0.2}}", "p.json");
        assertEquals(0.2, p.grayscale().probability());
        assertFalse(p.isClean());
        UserFacingException range = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"grayscale\": {\"probability\": 2}}", "exp.json"));
        assertTrue(range.getMessage().startsWith("exp.json: ") && range.getMessage().contains("grayscale.probability"),
                range.getMessage());
    }

    @Test
    void unknownKeysAndBadValuesNameTheFileAndKey() {
        UserFacingException unknown = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"gaussianBlur\": {\"sigma\": 2}}", "exp.json"));
        assertTrue(unknown.getMessage().startsWith("exp.json: unknown key 'gaussianBlur.sigma'"), unknown.getMessage());
        UserFacingException range = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"noise\": {\"probability\": 1.5}}", "exp.json"));
        assertTrue(range.getMessage().startsWith("exp.json: ") && range.getMessage().contains("noise.probability"),
                range.getMessage());
        UserFacingException type = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"count\": \"many\"}", "exp.json"));
        assertTrue(type.getMessage().startsWith("exp.json: "), type.getMessage());
        UserFacingException syntax = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"count\": 3", "exp.json"));
        assertTrue(syntax.getMessage().startsWith("exp.json: not valid JSON"), syntax.getMessage());
        UserFacingException nul = assertThrows(UserFacingException.class,
                () -> DegradationParams.fromJson("{\"jpeg\": {\"probability\": null}}", "exp.json"));
        assertTrue(nul.getMessage().contains("jpeg.probability must not be null"), nul.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams.GaussianBlur(0.5, 2, 1));
    }

    @Test
    void missingFileIsAUserError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        UserFacingException e = assertThrows(UserFacingException.class, () -> DegradationParams.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()));
        assertTrue(!Files.exists(missing));
    }

    @Test
    void defaultBaseBoxIsTheLfwFaceSquare() {
        FaceBox b = DegradationParams.defaults().baseBox();
        assertEquals(51.91, b.left(), 1e-9);
        assertEquals(64.04, b.top(), 1e-9);
        assertEquals(147.22, b.side(), 1e-9);
        assertEquals(125.52, b.centreX(), 1e-9);
        assertEquals(137.65, b.centreY(), 1e-9);
        assertEquals(16, DegradationParams.defaults().count());
    }

    @Test
    void aParametersFileIsStrictJsonWithExactTypes() {
        // Gson's own reading kept the last of two keys, took "4" for 4 and 4.9 as 4.
        for (String[] bad : new String[][] {
                {"{\"count\": 4, \"count\": 8}", "duplicate key 'count'"},
                {"{\"noise\": {\"probability\": 0.1,\n \"probability\": 0.9}}", "duplicate key 'noise.probability' at line 2"},
                {"{\"count\": \"4\"}", "count must be a whole number"},
                {"{\"count\": 4.9}", "count must be a whole number"},
                {"{\"jpeg\": {\"maxQuality\": 90.5}}", "jpeg.maxQuality must be a whole number"},
                {"{\"noise\": {\"maxSigma\": \"5\"}}", "noise.maxSigma must be a number"},
                {"{\"baseBox\": {\"side\": -3}}", "baseBox is out of range"},
                {"{\"count\": 4,}", "not valid JSON"},
                {"{\"count\": 4} // four", "not valid JSON"},
                {"{\"noise\": {\"maxSigma\": NaN}}", "not valid JSON"}}) {
            UserFacingException e = assertThrows(UserFacingException.class,
                    () -> DegradationParams.fromJson(bad[0], "d.json"), bad[0]);
            assertTrue(e.getMessage().startsWith("d.json: ") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
