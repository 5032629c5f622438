package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment file is read strictly before any work starts: every mistake is one named error
 * giving file, JSON path and line, never a silent default, a rounded value or a stack trace at
 * step 1 of the third cell.
 */
class ExperimentFileStrictnessTest {

    @TempDir
    Path dir;

    private int files;

    /** A students experiment with {@code extra} spliced into its root object, one key a line. */
    private Path file(String extra) throws IOException {
        Path f = dir.resolve("exp" + files++ + ".json");
        Files.writeString(f, "{\n"
                + "  \"name\": \"strict\",\n"
                + "  \"students\": [\"S-16-c-O\"],\n"
                + extra
                + "  \"splits\": [\"A\"]\n"
                + "}\n");
        return f;
    }

    private String refused(String extra) throws IOException {
        Path f = file(extra);
        UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f),
                "accepted: " + extra);
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void assertNames(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    @Test
    void theBaseFileIsValid() throws IOException {
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file(""));
        assertEquals(1, spec.cells().size());
    }

    @Test
    void aDuplicateKeyIsRefusedAnywhereWithBothLines() throws IOException {
        assertNames(refused("  \"splits\": [\"B\"],\n"), "duplicate key 'splits' at line 5", "first at line 4");
        assertNames(refused("  \"training\": {\n    \"batchSize\": 32,\n    \"batchSize\": 64\n  },\n"),
                "duplicate key 'training.batchSize' at line 6", "first at line 5");
        assertNames(refused("  \"degradation\": {\"jitter\": {\"probability\": 0.5, \"probability\": 1}},\n"),
                "duplicate key 'degradation.jitter.probability' at line 4");
        assertNames(refused("  \"adaptation\": {\"epochs\": 3, \"epochs\": 4},\n"), "duplicate key 'adaptation.epochs'");
    }

    @Test
    void anIntegerFieldTakesOnlyWholeNumbers() throws IOException {
        assertNames(refused("  \"training\": {\n    \"batchSize\": 64.5\n  },\n"),
                "training.batchSize must be a whole number", "64.5", "(line 5)");
        assertNames(refused("  \"training\": {\"finetuneEpochs\": \"12\"},\n"), "training.finetuneEpochs must be a whole number");
        assertNames(refused("  \"training\": {\"maxPeople\": 1e12},\n"), "training.maxPeople must be a whole number");
        assertNames(refused("  \"seeds\": [1.5],\n"), "seeds[0] must be a whole number");
        assertNames(refused("  \"degradation\": {\"count\": 4.2},\n"), "degradation.count must be a whole number");
        assertNames(refused("  \"degradation\": {\"jpeg\": {\"minQuality\": \"40\"}},\n"), "degradation.jpeg.minQuality");
        // An integral value written with a fraction is still that integer.
        assertEquals(64, ExperimentSpec.readStudents(file("  \"training\": {\"batchSize\": 64.0},\n")).training().batchSize());
    }

    @Test
    void lenientJsonIsRefusedNamingTheLine() throws IOException {
        for (String lenient : new String[] {
                "  // a comment\n",
                "  \"description\": unquoted,\n",
                "  'description': 'single quotes',\n",
                "  \"losses\": [\"softmax\",],\n",
                "  \"training\": {\"learningRate\": 0.001,},\n",
                "  \"training\": {\"learningRate\": NaN},\n",
                "  \"training\": {\"learningRate\": Infinity},\n",
                "  \"training\": {\"learningRate\": -Infinity},\n",
                "  \"description\" = \"x\",\n"}) {
            assertNames(refused(lenient), "not valid JSON", "line 4");
        }
        Path twoObjects = dir.resolve("two.json");
        Files.writeString(twoObjects, "{\"students\": [\"S-16-c-O\"]}\n{}\n");
        assertNames(assertThrows(UserFacingException.class, () -> ExperimentSpec.read(twoObjects)).getMessage(),
                "line 2");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "  \n");
        assertNames(assertThrows(UserFacingException.class, () -> ExperimentSpec.read(empty)).getMessage(), "empty");
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeAnyWork() throws IOException {
        for (String lr : new String[] {"-0.1", "0", "1e999", "5"}) {
            assertNames(refused("  \"training\": {\"learningRate\": " + lr + "},\n"), "training.learningRate must be");
        }
        assertNames(refused("  \"training\": {\"pretrainEpochs\": -1},\n"), "training.pretrainEpochs must be >= 0");
        assertNames(refused("  \"training\": {\"finetuneEpochs\": 0},\n"), "training.finetuneEpochs must be >= 1");
        assertNames(refused("  \"training\": {\"batchSize\": 0},\n"), "training.batchSize must be >= 1");
        assertNames(refused("  \"training\": {\"weightDecay\": -0.001},\n"), "training.weightDecay");
        assertNames(refused("  \"training\": {\"regressionWeight\": -1},\n"), "training.regressionWeight");
        assertNames(refused("  \"training\": {\"minImagesPerPerson\": 0},\n"), "training.minImagesPerPerson");
        assertNames(refused("  \"training\": {\"maxPeople\": -5},\n"), "training.maxPeople");
        assertNames(refused("  \"training\": {\"optimizer\": \"adma\"},\n"), "training.optimizer must be \"sgd\" or \"adam\"");
        assertNames(refused("  \"degradation\": {\n    \"noise\": {\n      \"probability\": 1.5\n    }\n  },\n"),
                "degradation.noise.probability must be in [0.0, 1.0]", "(line 6)");
        assertNames(refused("  \"degradation\": {\"count\": 0},\n"), "degradation.count must be >= 1");
        assertNames(refused("  \"grid\": {\"resolutions\": [4], \"supervisions\": [\"c\"], \"teachers\": [\"O\"]},\n"),
                "grid.resolutions must be student resolutions between 8 and 224");
        assertNames(refused("  \"grid\": {\"resolutions\": [100000]},\n"), "grid.resolutions");
        assertNames(refused("  \"grid\": {\"supervisions\": [\"xs\"]},\n"), "grid.supervisions");
        assertNames(refused("  \"seeds\": [],\n"), "seeds must not be empty");
        assertNames(refused("  \"adaptation\": {\"learningRate\": -0.1},\n"), "adaptation.learningRate must be > 0");
        assertNames(refused("  \"adaptation\": {\"temperature\": 0},\n"), "adaptation.temperature must be > 0");
    }

    @Test
    void wrongTypesAreRefusedInEverySection() throws IOException {
        assertNames(refused("  \"adaptation\": {\"epochs\": \"many\"},\n"), "adaptation.epochs must be a whole number");
        assertNames(refused("  \"adaptation\": {\"lambda\": true},\n"), "adaptation.lambda must be a number");
        assertNames(refused("  \"adaptation\": {\"epochs\": 2.5},\n"), "adaptation.epochs must be a whole number");
        assertNames(refused("  \"adaptation\": [1],\n"), "adaptation must be an object");
        assertNames(refused("  \"degradation\": {\"noise\": {\"maxSigma\": \"5\"}},\n"),
                "degradation.noise.maxSigma must be a number");
        assertNames(refused("  \"degradation\": {\"noise\": 0.5},\n"), "degradation.noise must be an object");
        assertNames(refused("  \"training\": {\"horizontalFlip\": \"no\"},\n"), "training.horizontalFlip must be true or false");
        assertNames(refused("  \"training\": {\"optimizer\": 1},\n"), "training.optimizer must be a string");
        assertNames(refused("  \"evaluation\": {\"identification\": 0},\n"), "evaluation.identification must be true or false");
        assertNames(refused("  \"dataset\": {\"kind\": [\"lfw\"]},\n"), "dataset.kind must be a string");
        assertNames(refused("  \"losses\": \"softmax\",\n"), "losses must be a list");
        assertNames(refused("  \"grid\": null,\n"), "grid must not be null");
        assertNames(refused("  \"description\": 7,\n"), "description must be a string");
    }

    @Test
    void anAdaptationExperimentsSettingsAreTypedToo() throws IOException {
        // Read as doubles and cast, 2.5 epochs used to train 2 and "30" to train 30.
        for (String[] bad : new String[][] {
                {"{\"softmaxEpochs\": 2.5}", "adaptation.softmaxEpochs must be a whole number"},
                {"{\"epochs\": \"30\"}", "adaptation.epochs must be a whole number"},
                {"{\"seed\": 1.5}", "adaptation.seed must be a whole number"},
                {"{\"lambda\": \"2\"}", "adaptation.lambda must be a number"}}) {
            Path f = dir.resolve("adaptation" + files++ + ".json");
            Files.writeString(f, "{\"kind\": \"adaptation\",\n \"adaptation\": " + bad[0] + "}\n");
            UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f), bad[0]);
            assertNames(e.getMessage(), f + ": " + bad[1], "(line 2)");
        }
    }

    @Test
    void unknownKeysAreRefusedInEverySection() throws IOException {
        // A students experiment's "adaptation" used to be read only at step 1 of a cell.
        assertNames(refused("  \"adaptation\": {\"lamda\": 2},\n"), "unknown key 'adaptation.lamda'");
        assertNames(refused("  \"adaptation\": {\"softmaxEpochs\": 2},\n"), "unknown key 'adaptation.softmaxEpochs'");
        assertNames(refused("  \"studnets\": [],\n"), "unknown key 'studnets'");
        assertNames(refused("  \"training\": {\"unitSphereRegresion\": true},\n"), "unknown key 'training.unitSphereRegresion'");
        assertNames(refused("  \"degradation\": {\"jitter\": {\"shift\": 0.1}},\n"), "unknown key 'degradation.jitter.shift'");
        assertNames(refused("  \"evaluation\": {\"roc\": true},\n"), "unknown key 'evaluation.roc'");
        assertNames(refused("  \"dataset\": {\"kind\": \"lfw\", \"dir\": \"x\"},\n"), "unknown key 'dataset.dir'");
        assertNames(refused("  \"grid\": {\"resolution\": [16]},\n"), "unknown key 'grid.resolution'");
    }

    @Test
    void theTrainingEngineIsChosenInTheFileAndCheckedBeforeAnyWork() throws IOException {
        assertEquals(org.bridge.distill.TrainingPlan.Engine.DL4J, plan(ExperimentSpec.read(file(""))).engine());
        ExperimentSpec hand = ExperimentSpec.read(file("  \"training\": {\"engine\": \"handwritten\"},\n"));
        assertEquals(org.bridge.distill.TrainingPlan.Engine.HANDWRITTEN, plan(hand).engine());
        assertTrue(hand.toJson().contains("\"engine\": \"handwritten\""), hand.toJson());
        assertEquals(org.bridge.distill.TrainingPlan.Engine.FAST,
                plan(ExperimentSpec.read(file("  \"training\": {\"engine\": \"fast\"},\n"))).engine());
        assertNames(refused("  \"training\": {\"engine\": \"turbo\"},\n"),
                "training.engine must be one of [dl4j, fast, handwritten], not 'turbo'");
        assertNames(refused("  \"losses\": [\"cosface\"],\n  \"training\": {\"engine\": \"handwritten\"},\n"),
                "losses has 'cosface', which training engine \"handwritten\" cannot train");
    }

    private static org.bridge.distill.TrainingPlan plan(ExperimentSpec spec) {
        return org.bridge.experiment.run.FitStage.plan(((ExperimentSpec.Students) spec).training(),
                org.bridge.distill.Supervision.c, 1, null);
    }

    @Test
    void everyFieldSurvivesWritingAndReadingBack() throws IOException {
        Path fig4 = Path.of("experiments", "fig4-verification.json");
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(fig4);
        spec = spec.withTraining(spec.training().withValidationFold(true).withPeople(2, 7))
                .withEvaluation(new ExperimentSpec.Evaluation(true, false))
                .withDataset(new ExperimentSpec.DatasetSpec("sample", "faces"))
                .withAdaptation(spec.adaptation().withEpochs(3))
                .withSeeds(java.util.List.of(1L, 9_000_000_000L));
        Path copy = dir.resolve("copy.json");
        Files.writeString(copy, spec.toJson());
        assertEquals(spec, ExperimentSpec.read(copy), "the same record");
        assertEquals(spec.toJson(), ExperimentSpec.read(copy).toJson());
    }

    @Test
    void everyKindSurvivesWritingAndReadingBack() throws IOException {
        for (String name : java.util.List.of("fig3-adaptation.json", "table3-hallucination.json", "quick.json")) {
            ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name));
            Path copy = dir.resolve(name);
            Files.writeString(copy, spec.toJson());
            assertEquals(spec, ExperimentSpec.read(copy), name);
        }
    }

    @Test
    void aSpecBuiltInCodeGoesThroughTheSameChecks() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("built").withStudents(java.util.List.of("S-16-c-O"));
        spec.validate("workbench");
        ExperimentSpec.Students nan = spec.withTraining(spec.training().withLearningRate(Double.NaN));
        UserFacingException e = assertThrows(UserFacingException.class, () -> nan.validate("workbench"));
        assertNames(e.getMessage(), "workbench: training.learningRate must be a finite number");
        ExperimentSpec.Students tooFast = spec.withAdaptation(spec.adaptation().withLearningRate(5));
        e = assertThrows(UserFacingException.class, () -> tooFast.validate("workbench"));
        assertNames(e.getMessage(), "adaptation.learningRate must be > 0 and <= 1.0");
    }
}
