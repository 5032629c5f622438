package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder's config.json as the serialisation of typed settings, and older folders still read. */
class CellSettingsTest {

    /** The experiment whose S-16-sc-V cell wrote config-before-typed-settings.json (RunResultsUnchangedTest's). */
    private static final String EXPERIMENT = """
            {"name": "pinned", "students": ["S-16-c-O", "S-16-sc-V"], "splits": ["A"], "seeds": [7],
             "training": {"pretrainEpochs": 1, "finetuneEpochs": 1, "batchSize": 32, "maxPeople": 10,
                          "learningRate": 0.002},
             "degradation": {"count": 2, "gaussianBlur": {"probability": 0.5}, "jpeg": {"probability": 0.25}},
             "adaptation": {"epochs": 3, "lambda": 2.0}}
            """;

    @TempDir Path dir;

    private ExperimentSpec.Students pinned() throws IOException {
        Path file = dir.resolve("pinned.json");
        Files.writeString(file, EXPERIMENT, StandardCharsets.UTF_8);
        return ExperimentSpec.readStudents(file);
    }

    private static JsonObject oldConfig() throws IOException {
        try (InputStream in = CellSettingsTest.class.getResourceAsStream("config-before-typed-settings.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private RunFolder folderWith(JsonObject config) {
        RunFolder f = new RunFolder(dir.resolve("runs").resolve("S-16-sc-V_softmax_splitA_seed7"));
        f.writeJson(RunFolder.CONFIG, config);
        return f;
    }

    @Test
    void aConfigWrittenBeforeTheTypedSettingsHasTheSameSettings() throws IOException {
        ExperimentSpec.Students spec = pinned();
        ExperimentCell cell = spec.cells().get(1);
        CellSettings now = CellSettings.of(spec);
        assertEquals(now, CellSettings.fromConfig(oldConfig(), "old config.json", now));
        ExperimentRunner.requireSameSettings(spec, cell, folderWith(oldConfig()));
        // Only the step-1 section is written in full now (it held the file's overrides only).
        JsonObject written = CellSettings.config(spec, cell);
        JsonObject old = oldConfig();
        old.remove("adaptation");
        JsonObject adaptation = written.remove("adaptation").getAsJsonObject();
        // The training engine is written since it could be chosen; absent, it is the default.
        assertEquals("dl4j", written.getAsJsonObject("training").remove("engine").getAsString());
        // So is the grey step, added later; absent, it is off.
        assertEquals(0.0, written.getAsJsonObject("degradation").remove("grayscale").getAsJsonObject()
                .get("probability").getAsDouble());
        assertEquals(old, written);
        assertEquals(3, adaptation.get("epochs").getAsInt());
        assertEquals(2.0, adaptation.get("lambda").getAsDouble());
    }

    @Test
    void anOlderConfigWithoutNewerKeysAndWithRetiredOnesIsRead() throws IOException {
        JsonObject old = oldConfig();
        JsonObject training = old.getAsJsonObject("training");
        training.remove("unitSphereRegression");
        training.remove("batchNormRelu");
        training.addProperty("regressionTarget", "adapted");
        old.remove("evaluation");
        ExperimentSpec.Students spec = pinned();
        ExperimentRunner.requireSameSettings(spec, spec.cells().get(1), folderWith(old));
    }

    @Test
    void aChangedSettingIsNamedWithTheFolder() throws IOException {
        ExperimentSpec.Students spec = pinned();
        RunFolder f = folderWith(oldConfig());
        ExperimentSpec.Students changed = spec.withAdaptation(spec.adaptation().withTemperature(8))
                .withDegradation(spec.degradation().withCount(3));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> ExperimentRunner.requireSameSettings(changed, changed.cells().get(1), f));
        assertTrue(e.getMessage().contains(f.dir().toString()) && e.getMessage().contains("degradation")
                && e.getMessage().contains("\"temperature\":4.0") && e.getMessage().contains("\"temperature\":8.0"),
                e.getMessage());
        JsonObject broken = oldConfig();
        broken.getAsJsonObject("training").addProperty("batchSize", "many");
        RunFolder g = folderWith(broken);
        e = assertThrows(UserFacingException.class,
                () -> ExperimentRunner.requireSameSettings(spec, spec.cells().get(1), g));
        assertTrue(e.getMessage().contains("training.batchSize"), e.getMessage());
    }

    @Test
    void theSettingsCompareAsRecords() throws IOException {
        ExperimentSpec.Students spec = pinned();
        assertEquals(spec, ExperimentSpec.read(write(spec.toJson())));
        assertEquals(List.of(), CellSettings.of(spec).changesTo(CellSettings.of(pinned()), spec.cells().get(0)));
    }

    private Path write(String json) throws IOException {
        Path f = dir.resolve("copy.json");
        Files.writeString(f, json);
        return f;
    }
}
