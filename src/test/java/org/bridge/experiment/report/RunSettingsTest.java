package org.bridge.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static JsonObject config(String degradation) {
        return JsonParser.parseString("{\"seed\": 1, \"degradation\": " + degradation + "}").getAsJsonObject();
    }

    @Test
    void aRunFromBeforeADegradationStepReadsAsThatStepsDefault() {
        // An old run has no grey step in its config; a new one states probability 0: the same D(I).
        Map<String, String> old = RunSettings.flatten(RunSettings.withDefaults(config("{\"noise\": {\"maxSigma\": 5}}")));
        Map<String, String> now = RunSettings.flatten(RunSettings.withDefaults(
                config("{\"noise\": {\"maxSigma\": 5}, \"grayscale\": {\"probability\": 0}}")));
        assertEquals("0.0", old.get("degradation.grayscale.probability"), old.toString());
        assertEquals(List.of(), RunSettings.differing(List.of(old, now)));

        Map<String, String> grey = RunSettings.flatten(RunSettings.withDefaults(
                config("{\"noise\": {\"maxSigma\": 5}, \"grayscale\": {\"probability\": 0.2}}")));
        assertEquals(List.of("degradation.grayscale.probability"), RunSettings.differing(List.of(old, grey)));
    }

    @Test
    void aSectionThatNoLongerParsesIsShownAsWritten() {
        JsonObject odd = config("{\"noise\": {\"maxSigma\": 5}, \"retired\": 1}");
        assertEquals(odd, RunSettings.withDefaults(odd));
        assertTrue(RunSettings.flatten(RunSettings.withDefaults(odd)).containsKey("degradation.retired"));
        JsonObject none = JsonParser.parseString("{\"seed\": 1}").getAsJsonObject();
        assertEquals(none, RunSettings.withDefaults(none));
    }

    @Test
    void theCommittedFig4ConfigsFlattenWithTheirDegradationCompleted() throws Exception {
        Path file = Path.of("experiments", "fig4-verification.json");
        JsonObject spec = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject cfg = new JsonObject();
        cfg.add("degradation", spec.get("degradation"));
        Map<String, String> flat = RunSettings.flatten(RunSettings.withDefaults(cfg));
        assertTrue(flat.containsKey("degradation.grayscale.probability"), flat.toString());
    }
}
