package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed experiment files are what the results tables say they are. */
class ExperimentFilesTest {

    private static final Path EXPERIMENTS = Path.of("experiments");

    @Test
    void everyCommittedExperimentFileReadsAndValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXPERIMENTS)) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.startsWith(EXPERIMENTS.resolve("results")))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 10, "experiment files found: " + files);
        for (Path f : files) {
            ExperimentSpec read = ExperimentSpec.read(f);
            if (read instanceof ExperimentSpec.Students spec) {
                assertFalse(spec.cells().isEmpty(), f + " has no cells");
            }
        }
    }

    /**
     * fig6 names the same experiment as fig4 (shared run folders), so its cells must train exactly
     * as fig4's do; table4 says in its description that it uses fig4's settings.
     */
    @Test
    void oneStudentOfAFileRunsWithTheFilesSettingsAndName() {
        Path file = EXPERIMENTS.resolve("fig4-verification.json");
        ExperimentSpec.Students fig4 = ExperimentSpec.readStudents(file);
        ExperimentSpec.Students one = fig4.onlyStudents(List.of("S-16-sc-E+pca"), file.toString());
        assertEquals(fig4.name(), one.name(), "same run folders");
        assertEquals(fig4.training(), one.training());
        assertEquals(List.of("S-16-sc-E+pca"), one.studentSpecs().stream().map(StudentSpec::name).toList());
        assertEquals(fig4.splits().size() * fig4.seeds().size(), one.cells().size());
        assertTrue(fig4.studentSpecs().size() > 1, "the file itself is unchanged");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> fig4.onlyStudents(List.of("S-96-sc-E"), file.toString()));
        assertTrue(e.getMessage().contains("fig4-verification.json") && e.getMessage().contains("S-96-sc-E"),
                e.getMessage());
    }

    @Test
    void oneSplitOfACellRunsInTheSameFolders() {
        Path file = EXPERIMENTS.resolve("fig4-verification.json");
        ExperimentSpec.Students fig4 = ExperimentSpec.readStudents(file);
        ExperimentSpec.Students b = fig4.onlyStudents(List.of("S-16-sc-V+pca"), file.toString()).onlySplits(List.of("b"), file.toString());
        assertEquals(java.util.Collections.nCopies(fig4.seeds().size(), "B"),
                b.cells().stream().map(ExperimentCell::split).toList());
        assertEquals(fig4.cells().stream().filter(c -> c.student().name().equals("S-16-sc-V+pca") && c.split().equals("B"))
                .map(ExperimentCell::id).toList(), b.cells().stream().map(ExperimentCell::id).toList(), "same run folder");
        assertEquals(List.of("A", "B"), fig4.splits(), "the file itself is unchanged");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> fig4.onlySplits(List.of("C"), file.toString()));
        assertTrue(e.getMessage().contains("fig4-verification.json") && e.getMessage().contains("split C"),
                e.getMessage());
    }

    @Test
    void oneLossOfTable4RunsInTheSameFolders() {
        Path file = EXPERIMENTS.resolve("table4-losses.json");
        ExperimentSpec.Students table4 = ExperimentSpec.readStudents(file);
        ExperimentSpec.Students cos = table4.restrictedTo(List.of("S-16-sc-E+pca"), List.of("CosFace"), List.of("A"), file.toString());
        assertEquals(List.of("S-16-sc-E+pca_cosface_splitA_seed1"), cos.cells().stream().map(ExperimentCell::id).toList());
        assertTrue(table4.cells().stream().map(ExperimentCell::id).toList().contains(cos.cells().get(0).id()));
        assertEquals(table4.cells(), table4.restrictedTo(null, List.of(), null, file.toString()).cells(),
                "no choice keeps every cell");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> table4.onlyLosses(List.of("tripletloss"), file.toString()));
        assertTrue(e.getMessage().contains("table4-losses.json") && e.getMessage().contains("loss tripletloss")
                && e.getMessage().contains("arcface"), e.getMessage());
    }

    @Test
    void fig6AndTable4TrainWithFig4sSettings() {
        ExperimentSpec.Students fig4 = ExperimentSpec.readStudents(EXPERIMENTS.resolve("fig4-verification.json"));
        ExperimentSpec.Students fig6 = ExperimentSpec.readStudents(EXPERIMENTS.resolve("fig6-identification.json"));
        ExperimentSpec.Students table4 = ExperimentSpec.readStudents(EXPERIMENTS.resolve("table4-losses.json"));
        assertEquals(fig4.name(), fig6.name());
        // Table IV's softmax row is the Fig. 4 S-16-sc-E cell itself, not a second training of it.
        assertEquals(fig4.name(), table4.name());
        assertTrue(fig4.cells().stream().map(ExperimentCell::id).toList().containsAll(
                table4.onlyLosses(List.of("softmax"), "table4").cells().stream().map(ExperimentCell::id).toList()));
        TrainingSettings training = fig4.training();
        assertEquals(training, fig6.training());
        assertEquals(training, table4.training());
        org.bridge.degrade.DegradationParams degradation = fig4.degradation();
        assertEquals(degradation, fig6.degradation());
        assertEquals(degradation, table4.degradation());
        assertTrue(fig4.studentSpecs().containsAll(fig6.studentSpecs()));
    }

    /** The long-training ablation differs from Fig. 4 in its epochs alone, or it would answer another question. */
    @Test
    void theLongTrainingAblationChangesOnlyTheEpochs() {
        ExperimentSpec.Students fig4 = ExperimentSpec.readStudents(EXPERIMENTS.resolve("fig4-verification.json"));
        ExperimentSpec.Students longer = ExperimentSpec.readStudents(EXPERIMENTS.resolve("ablation-long-training.json"));
        assertEquals(24, longer.training().finetuneEpochs());
        assertEquals(fig4.training().withEpochs(fig4.training().pretrainEpochs(), 24), longer.training());
        assertEquals(fig4.degradation(), longer.degradation());
        assertTrue(fig4.studentSpecs().containsAll(longer.studentSpecs()));
    }

    @Test
    void aMisspelledKeyIsRefusedNamingFileAndKey(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("typo.json");
        Files.writeString(f, "{\"students\": [\"S-16-sc-E\"], \"training\": {\"unitSphereRegresion\": true}}");
        UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("training.unitSphereRegresion")
                && e.getMessage().contains("unitSphereRegression"), e.getMessage());
        Files.writeString(f, "{\"students\": [\"S-16-sc-E\"], \"training\": {\"targetNorm\": 0}}");
        e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains("unitSphereRegression") && e.getMessage().contains(f.toString()), e.getMessage());
        Files.writeString(f, "{\"students\": [\"S-16-sc-E\"], \"training\": {\"ensembleWeightC\": -1}}");
        e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains("ensembleWeightC") && e.getMessage().contains(f.toString()), e.getMessage());
        Files.writeString(f, "{\"student\": [\"S-16-sc-E\"]}");
        e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains("'student'"), e.getMessage());
    }

    @Test
    void aFileLevelRegressionTargetIsRefusedAndTheStudentsNameIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("old.json");
        Files.writeString(f, "{\"students\": [\"S-16-sc-E\"], \"training\": {\"regressionTarget\": \"teacher-pca\"}}");
        UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("S-16-sc-E+pca"), e.getMessage());
        Files.writeString(f, "{\"grid\": {\"supervisions\": [\"c\", \"sc\"], \"teachers\": [\"O\", \"E\"],"
                + " \"regressionTargets\": [\"adapted\", \"teacher-pca\"]}}");
        assertEquals(List.of("S-16-c-O", "S-16-sc-E", "S-16-sc-E+pca"),
                ExperimentSpec.readStudents(f).studentSpecs().stream().map(StudentSpec::name).toList());
        Files.writeString(f, "{\"grid\": {\"regressionTargets\": [\"pca\"]}}");
        e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("teacher-pca"), e.getMessage());
    }

    /** The Fig. 4 files trained the principal-components variant before the target was named: they still do. */
    @Test
    void theCommittedFilesNameTheTargetTheyTrain() {
        for (String name : List.of("fig4-verification.json", "fig6-identification.json", "table4-losses.json")) {
            ExperimentSpec.Students spec = ExperimentSpec.readStudents(EXPERIMENTS.resolve(name));
            for (StudentSpec s : spec.studentSpecs()) {
                MimicTarget expected = s.supervision().regressionTarget() == org.bridge.distill.Supervision.Target.ADAPTED
                        ? (s.name().endsWith("+pca") ? MimicTarget.TEACHER_PCA : MimicTarget.ADAPTED)
                        : MimicTarget.of(s.supervision());
                assertEquals(expected, s.target(), name + " " + s.name());
            }
        }
        List<String> fig4 = ExperimentSpec.readStudents(EXPERIMENTS.resolve("fig4-verification.json")).studentSpecs()
                .stream().map(StudentSpec::name).toList();
        assertTrue(fig4.containsAll(List.of("S-16-sc-E+pca", "S-16-sc-E", "S-16-s-E")),
                "Fig. 4 measures the bridge arm (adapted target) beside the pca variant: " + fig4);
        assertEquals(List.of("S-16-c-O", "S-16-sc-E"), ExperimentSpec.readStudents(EXPERIMENTS.resolve("quick.json"))
                .studentSpecs().stream().map(StudentSpec::name).toList(), "quick trains the paper's sc");
    }

    @Test
    void everyFileSaysWhereItsSettingsWereChosen() {
        for (String name : List.of("fig4-verification.json", "fig6-identification.json", "table4-losses.json",
                "tuning/tune16-co.json", "tuning/dev16-sce-full.json")) {
            ExperimentSpec.Students spec = ExperimentSpec.readStudents(EXPERIMENTS.resolve(name));
            assertEquals(java.util.Map.of("A", List.of(5)), spec.settingsChosenOn().byDevelopmentSplit(), name);
        }
        assertEquals(SettingsChosenOn.NONE, ExperimentSpec.read(EXPERIMENTS.resolve("quick.json")).settingsChosenOn());
    }

    @Test
    void settingsChosenOnIsParsedStrictly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("chosen.json");
        for (String wrong : List.of("\"A5\"", "{\"C\": [5]}", "{\"A\": []}", "{\"A\": [11]}", "{\"A\": [5.5]}",
                "{\"A\": [\"5\"]}", "{\"A\": [5, 5]}", "{}", "5", "[5]")) {
            Files.writeString(f, "{\"students\": [\"S-16-c-O\"], \"settingsChosenOn\": " + wrong + "}");
            UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f), wrong);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("settingsChosenOn"),
                    wrong + ": " + e.getMessage());
        }
        Files.writeString(f, "{\"students\": [\"S-16-c-O\"], \"settingsChosenOn\": {\"B\": [10], \"A\": [5, 4]}}");
        SettingsChosenOn ok = ExperimentSpec.read(f).settingsChosenOn();
        assertEquals(java.util.Map.of("A", List.of(4, 5), "B", List.of(10)), ok.byDevelopmentSplit());
        assertEquals("A folds 4,5; B fold 10", ok.describe());
        assertEquals(List.of(4, 5, 10), List.copyOf(ok.leakedInto(List.of("A", "B"))));
        assertEquals(List.of(10), List.copyOf(ok.leakedInto(List.of("A"))), "A's targets are folds 6-10");
        assertEquals(List.of(), List.copyOf(ok.leakedInto(List.of("all pairs"))), "no target folds of its own");
        Files.writeString(f, "{\"students\": [\"S-16-c-O\"]}");
        assertEquals(SettingsChosenOn.UNDECLARED, ExperimentSpec.read(f).settingsChosenOn());
    }
}
