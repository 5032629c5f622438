package org.bridge.experiment.run;

import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentKinds;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.SettingsChosenOn;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.experiment.TeacherInputs;
import org.bridge.experiment.TrainingSettings;

import org.bridge.experiment.report.AdaptationTable;
import org.bridge.experiment.report.ReportTables;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunsSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.data.FaceRecord;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adaptation kind (Fig. 3) end to end on the bundled synthetic faces with a fake teacher. */
class AdaptationExperimentTest {

    @TempDir Path runs;
    @TempDir Path files;

    /** Features that identify the person (a per-person direction) plus per-image noise; 32-D. */
    static final class FakeTeacher implements TeacherFeatureProvider {
        final List<TeacherId> asked = new ArrayList<>();
        final List<List<FaceRecord>> images = new ArrayList<>();

        @Override
        public float[][] features(TeacherId teacher, List<FaceRecord> list, Progress progress) {
            asked.add(teacher);
            images.add(List.copyOf(list));
            float[][] out = new float[list.size()][32];
            for (int i = 0; i < list.size(); i++) {
                FaceRecord r = list.get(i);
                Random person = new Random(r.person().hashCode());
                Random image = new Random(r.file().getFileName().toString().hashCode() * 31L + teacher.ordinal());
                for (int d = 0; d < 32; d++) {
                    out[i][d] = (float) (person.nextGaussian() + 0.3 * image.nextGaussian());
                }
                progress.update(i + 1, list.size());
            }
            return out;
        }

        @Override
        public String fingerprint(TeacherId teacher) {
            return "fake-" + teacher;
        }
    }

    private static ExperimentSpec.Adaptation spec() {
        JsonObject a = new JsonObject();
        a.addProperty("epochs", 8);
        a.addProperty("softmaxEpochs", 20);
        ExperimentSpec.Adaptation spec = new ExperimentSpec.Adaptation("fig3-test", "", ExperimentSpec.DatasetSpec.SAMPLE,
                List.of("V", "E"), List.of("A"), List.of(3L), TrainingSettings.DEFAULTS,
                ExperimentKinds.adaptation(org.bridge.config.JsonFields.of(a, "test", "adaptation")),
                SettingsChosenOn.UNDECLARED);
        spec.validate("test spec");
        return spec;
    }

    private AdaptationExperiment experiment(FakeTeacher teacher) {
        return new AdaptationExperiment(new RunStore(runs), new ExperimentDatasets(BridgeLocations.fromSystem()), teacher);
    }

    @Test
    void writesOneCompleteRunFolderPerTeacherWithTheThreeCases() throws Exception {
        FakeTeacher teacher = new FakeTeacher();
        List<String> finished = new ArrayList<>();
        List<RunFolder> folders = experiment(teacher).run(spec(), new RunListener() {
            @Override
            public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                finished.add(cell.id() + " " + state);
            }
        }, new RunControl());
        assertEquals(List.of("adapt-V_splitA_seed3 DONE", "adapt-E_splitA_seed3 DONE"), finished);
        assertEquals(List.of(TeacherId.V, TeacherId.E), teacher.asked);

        // Exactly the students' public set: split A's public people with >= 2 images, all their images.
        Path root = new ExperimentDatasets(BridgeLocations.fromSystem()).root(spec().dataset());
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(org.bridge.data.LfwFaceSet.open(root));
        LfwBridgeProtocol.BridgeSplit a = protocol.split(LfwBridgeProtocol.Split.A);
        List<FaceRecord> expected = new ArrayList<>();
        for (String p : a.publicPeopleWithAtLeast(2)) {
            expected.addAll(a.publicSet().imagesOf(p));
        }
        assertEquals(expected, teacher.images.get(0));

        for (RunFolder f : folders) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage());
            for (String file : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.STATUS, RunFolder.RESULTS)) {
                assertTrue(Files.isRegularFile(f.file(file)), file);
            }
            JsonObject cfg = f.readJson(RunFolder.CONFIG).orElseThrow();
            assertEquals("adaptation", cfg.get("kind").getAsString());
            assertEquals(8, cfg.getAsJsonObject("adaptation").get("epochs").getAsInt());
            JsonObject prov = f.readJson(RunFolder.PROVENANCE).orElseThrow();
            assertEquals(expected.size(), prov.get("training_images").getAsInt());
            assertTrue(prov.get("teacher_fingerprint").getAsString().startsWith("fake-"));

            JsonObject r = f.readJson(RunFolder.RESULTS).orElseThrow();
            int tested = r.get("tested").getAsInt();
            // 20% of the images of people with two or more images.
            assertEquals(Math.round(0.2 * expected.size()), tested);
            assertEquals(expected.size(), r.get("images").getAsInt());
            assertEquals(32, r.get("teacher_feature_dimension").getAsInt());
            for (String k : List.of("raw_teacher", "direct_compression", "cross_dataset_distillation")) {
                JsonObject c = r.getAsJsonObject(k);
                assertEquals(tested, c.get("tested").getAsInt(), k);
                double acc = c.get("accuracy").getAsDouble();
                assertEquals((double) c.get("correct").getAsInt() / tested, acc, 1e-12, k);
                assertEquals(acc, r.get("accuracy_" + k).getAsDouble(), 1e-12);
                // The fake identities are easy: chance is 1/people.
                assertTrue(acc > 0.5, k + " " + acc);
                assertEquals("raw_teacher".equals(k) ? 32 : 128, c.get("feature_dimension").getAsInt(), k);
                assertTrue(c.get("train_seconds").getAsDouble() > 0);
            }
            assertFalse(r.getAsJsonObject("mixed_dataset").get("reproducible").getAsBoolean());
            assertTrue(r.getAsJsonObject("mixed_dataset").get("reason").getAsString().contains("private"));
            assertEquals(1.0, r.getAsJsonObject("params").get("lambda").getAsDouble());
            assertEquals(0.0, r.getAsJsonObject("params_direct_compression").get("lambda").getAsDouble());
            assertEquals(20, r.getAsJsonObject("params_teacher_softmax").get("epochs").getAsInt());
            assertTrue(r.get("seconds").getAsDouble() > 0);
        }

        // Complete cells are not run again.
        FakeTeacher again = new FakeTeacher();
        experiment(again).run(spec(), RunListener.NONE, new RunControl());
        assertTrue(again.asked.isEmpty());

        // They make a Fig. 3 table, and stay out of the students' table and the workbench's rows.
        List<RunRecord> records = new RunStore(runs).list().stream().map(RunRecord::read).toList();
        assertEquals(2, AdaptationTable.of(records).rows().size());
        assertTrue(ResultsTable.of(records).rows().isEmpty());
        RunsSnapshot snapshot = RunsSnapshot.read(new RunStore(runs));
        assertTrue(snapshot.rows().isEmpty());
        assertEquals(List.of(), snapshot.problems());
        assertEquals("Fig. 3 teacher V", records.stream().filter(x -> x.folder().id().contains("-V_")).findFirst()
                .orElseThrow().student());
        String md = ReportTables.format(records, "md", ReportTables.Which.ALL);
        assertTrue(md.contains("### " + AdaptationTable.TITLE), md);
        assertTrue(md.contains("not reproducible"), md);
    }

    @Test
    void aCancelledExperimentStartsNoCell() {
        FakeTeacher teacher = new FakeTeacher();
        RunControl control = new RunControl();
        control.cancel();
        assertTrue(experiment(teacher).run(spec(), RunListener.NONE, control).isEmpty());
        assertTrue(teacher.asked.isEmpty());
    }

    private Path write(String json) throws Exception {
        Path f = files.resolve("bad-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return f;
    }

    private void assertRefused(String json, String expected) throws Exception {
        Path f = write(json);
        UserFacingException e = assertThrows(UserFacingException.class, () -> ExperimentSpec.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void kindSpecificFieldsAreValidatedWithTheFileNamed() throws Exception {
        assertRefused("{\"kind\": \"nonsense\"}", "kind must be one of");
        assertRefused("{\"kind\": \"adaptation\", \"students\": [\"S-16-c-O\"]}", "trains no students");
        assertRefused("{\"kind\": \"adaptation\", \"teachers\": [\"O\"]}", "teacher O has no features");
        assertRefused("{\"kind\": \"adaptation\", \"teachers\": [\"X\"]}", "teacher must be V, C or E");
        assertRefused("{\"kind\": \"adaptation\", \"teachers\": []}", "\"teachers\" is empty");
        assertRefused("{\"kind\": \"adaptation\", \"seeds\": []}", "\"seeds\" is empty");
        assertRefused("{\"kind\": \"adaptation\", \"inputs\": [\"HR\"]}", "belongs to kind 'teacher-hallucination'");
        assertRefused("{\"kind\": \"adaptation\", \"adaptation\": {\"lambda\": 0}}", "adaptation.lambda must be > 0");
        assertRefused("{\"kind\": \"adaptation\", \"adaptation\": {\"lamda\": 1}}", "unknown key 'adaptation.lamda'");
        assertRefused("{\"kind\": \"adaptation\", \"training\": {\"minImagesPerPerson\": 1}}", "minImagesPerPerson");
        assertRefused("{\"kind\": \"teacher-hallucination\", \"inputs\": [\"16-XY\"]}", "input must be HR or p-BI");
        assertRefused("{\"kind\": \"teacher-hallucination\", \"alignments\": [\"eyes\"]}", "unknown alignment");
        assertRefused("{\"kind\": \"teacher-hallucination\", \"adaptation\": {\"lambda\": 2}}", "does not apply");
        assertRefused("{\"students\": [\"S-16-c-O\"], \"teachers\": [\"V\"]}", "belongs to the adaptation");

        ExperimentSpec.TeacherHallucination ok = (ExperimentSpec.TeacherHallucination) ExperimentSpec.read(
                write("{\"kind\": \"teacher-hallucination\"}"));
        assertEquals(List.of(TeacherId.V, TeacherId.C, TeacherId.E), ExperimentKinds.teachers(ok.teachers()));
        assertEquals(java.util.Arrays.asList(null, 32, 16), ExperimentKinds.inputs(ok.inputs()));
        assertEquals(List.of(TeacherInputs.Alignment.DETECTOR), ExperimentKinds.alignments(ok.alignments()));
        assertEquals(9, TeacherHallucinationExperiment.cells(ok).size());
        assertEquals("teacher-V_HR_detector", TeacherHallucinationExperiment.cells(ok).get(0).id());
        assertEquals("teacher-E_16-BI_detector", TeacherHallucinationExperiment.cells(ok).get(8).id());
    }

    @Test
    void theExperimentFilesInTheRepositoryAreValid() {
        Path dir = BridgeLocations.fromSystem().repoDir().orElse(Path.of(".")).resolve("experiments");
        ExperimentSpec.Adaptation fig3 = (ExperimentSpec.Adaptation) ExperimentSpec.read(dir.resolve("fig3-adaptation.json"));
        assertEquals(ExperimentSpec.KIND_ADAPTATION, fig3.kind());
        assertEquals(6, AdaptationExperiment.cells(fig3).size());
        ExperimentSpec.TeacherHallucination table3 = (ExperimentSpec.TeacherHallucination) ExperimentSpec.read(dir.resolve("table3-hallucination.json"));
        assertEquals(ExperimentSpec.KIND_HALLUCINATION, table3.kind());
        assertEquals(9, TeacherHallucinationExperiment.cells(table3).size());
    }
}
