package org.bridge.experiment.run;

import org.bridge.experiment.AdaptedRegressionTargets;
import org.bridge.experiment.CellSettings;
import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.FlipAveragedVerification;
import org.bridge.experiment.RegressionTargets;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.StudentSpec;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.experiment.TrainingSettings;

import org.bridge.experiment.report.RobustnessTable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end on the bundled synthetic faces with a teacher-free student. */
class ExperimentRunnerTest {

    @TempDir Path runs;

    private static ExperimentSpec.Students quickSpec() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("test").withStudents(List.of("S-16-c-O"))
                .withSplits(List.of("A")).withTraining(TrainingSettings.DEFAULTS.withEpochs(1, 2).withBatchSize(64))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(4));
        spec.validate("test spec");
        return spec;
    }

    private ExperimentRunner runner() {
        return runner(runs);
    }

    private ExperimentRunner runner(Path root) {
        return TeacherlessRunner.over(root);
    }

    @Test
    void aCellTrainedWithOtherSettingsIsRefusedNotSkipped() {
        ExperimentSpec.Students spec = quickSpec();
        RunFolder f = runner().run(spec, RunListener.NONE, new RunControl()).get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        // The same file again: complete, nothing to do.
        assertEquals(RunState.DONE, runner().run(quickSpec(), RunListener.NONE, new RunControl()).get(0).state());
        // The file changed: skipping the finished cell would mix two settings in one table.
        ExperimentSpec.Students changed = quickSpec().withTraining(quickSpec().training().withLearningRate(0.01));
        org.bridge.config.UserFacingException e = assertThrows(org.bridge.config.UserFacingException.class,
                () -> runner().run(changed, RunListener.NONE, new RunControl()));
        assertTrue(e.getMessage().contains("training.learningRate") && e.getMessage().contains(f.dir().toString()),
                e.getMessage());
    }

    @Test
    void theEnsemblesWeightDoesNotBlockACellWithoutTheEnsemble() {
        ExperimentSpec.Students spec = quickSpec();
        RunFolder f = runner().run(spec, RunListener.NONE, new RunControl()).get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        // Re-weighting E leaves S-16-c-O's training untouched, so its finished cell still counts.
        ExperimentSpec.Students reweighted = quickSpec().withTraining(quickSpec().training().withEnsembleWeightC(0.5));
        assertEquals(RunState.DONE, runner().run(reweighted, RunListener.NONE, new RunControl()).get(0).state());
        // For an E cell the weight still counts as a change: its targets are made with it.
        StudentSpec e = StudentSpec.parse("S-16-sc-E");
        ExperimentCell cellE = new ExperimentCell(spec.name(), e, "softmax", "A", 1);
        ExperimentCell cellV = new ExperimentCell(spec.name(), StudentSpec.parse("S-16-sc-V"), "softmax", "A", 1);
        CellSettings was = CellSettings.of(spec);
        assertTrue(was.changesTo(CellSettings.of(reweighted), cellV).isEmpty());
        assertEquals(List.of("training.ensembleWeightC 1.0 -> 0.5"), was.changesTo(CellSettings.of(reweighted), cellE));
        CellSettings faster = CellSettings.of(spec.withTraining(spec.training().withLearningRate(0.01)));
        assertEquals(List.of("training.learningRate 0.001 -> 0.01"), was.changesTo(faster, cellV));
    }

    @Test
    void theSameSeedRepeatsARunBitForBit() throws IOException {
        // Same seed: D(I), initialisation, batch order and the arithmetic repeat, so every loss and
        // every pair score is identical. Checked by hand on full LFW too (S-16-sc-E split B): with
        // one OpenMP thread two runs matched for all 368 iterations compared; with two threads they
        // parted at the third (the native ops' parallel sums are not order-stable at that size),
        // which is why provenance.json records omp_threads.
        ExperimentSpec.Students spec = quickSpec();
        RunFolder first = runner(runs.resolve("first")).run(spec, RunListener.NONE, new RunControl()).get(0);
        RunFolder second = runner(runs.resolve("second")).run(spec, RunListener.NONE, new RunControl()).get(0);
        assertEquals(RunState.DONE, second.state(), second.stateMessage());
        for (String file : List.of(RunFolder.LOSSES, RunFolder.PAIR_SCORES, RunFolder.ROC, RunFolder.CMC)) {
            assertEquals(Files.readString(first.file(file)), Files.readString(second.file(file)), file);
        }
    }

    @Test
    void trainsEvaluatesAndWritesACompleteRunFolder() throws Exception {
        ExperimentSpec.Students spec = quickSpec();
        List<LossPoint> losses = new ArrayList<>();
        List<RunFolder> folders = runner().run(spec, new RunListener() {
            @Override
            public void loss(RunCell cell, LossPoint point) {
                losses.add(point);
            }
        }, new RunControl());
        assertEquals(1, folders.size());
        RunFolder f = folders.get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        for (String file : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.LOSSES, RunFolder.MODEL,
                RunFolder.RESULTS, RunFolder.ROC, RunFolder.CMC, RunFolder.PAIR_SCORES)) {
            assertTrue(Files.isRegularFile(f.file(file)), file);
        }
        // The code that trained it is named by content, not only by a commit that may be "-dirty".
        assertEquals(org.bridge.config.BuildInfo.codeFingerprint().orElseThrow(),
                f.readJson(RunFolder.PROVENANCE).orElseThrow().get("code_sha256").getAsString());
        // And the processor, whose vector sets change the last digits (experiments/NOTES.md).
        for (String key : List.of("cpu", "cpu_vector_isa", "backend", "omp_threads")) {
            assertTrue(f.readJson(RunFolder.PROVENANCE).orElseThrow().has(key), key);
        }
        JsonObject r = f.readJson(RunFolder.RESULTS).orElseThrow();
        for (String key : List.of("accuracy", "accuracy_std", "auc", "tpr_at_fpr_10", "tpr_at_fpr_1", "top1", "top5",
                "params", "train_seconds")) {
            assertTrue(r.has(key), key);
        }
        assertEquals(300, r.get("pairs").getAsInt());
        JsonObject phases = r.getAsJsonObject("train_phase_seconds");
        double phaseSum = 0;
        for (String phase : List.of("data_teacher_features_and_targets", "degradation", "fitting")) {
            double sec = phases.get(phase).getAsDouble();
            assertTrue(sec >= 0, phase + " " + sec);
            phaseSum += sec;
        }
        assertTrue(phases.get("fitting").getAsDouble() > 0);
        assertEquals(r.get("train_seconds").getAsDouble(), phaseSum, 0.5, "the phases add up to train_seconds");
        double acc = r.get("accuracy").getAsDouble();
        assertTrue(acc > 0 && acc <= 1, "accuracy " + acc);
        assertTrue(r.get("params").getAsLong() <= 210_000);
        assertFalse(losses.isEmpty());
        // One line per iteration plus the header.
        assertEquals(losses.size() + 1, Files.readAllLines(f.file(RunFolder.LOSSES)).size());
        assertEquals(301, Files.readAllLines(f.file(RunFolder.PAIR_SCORES)).size());

        // Flip-averaged verification is recorded beside the plain one, over the same pairs.
        JsonObject flip = r.getAsJsonObject(FlipAveragedVerification.KEY);
        assertEquals(300, flip.get("pairs").getAsInt());
        double flipAcc = flip.get("accuracy").getAsDouble();
        assertTrue(flipAcc > 0 && flipAcc <= 1, "flip-averaged accuracy " + flipAcc);
        List<String> flipLines = Files.readAllLines(f.file(FlipAveragedVerification.PAIR_SCORES));
        assertEquals(301, flipLines.size());
        assertFalse(flipLines.equals(Files.readAllLines(f.file(RunFolder.PAIR_SCORES))),
                "the flip-averaged scores are a second measurement, not a copy");

        // A second run finds the cell complete and does nothing.
        AtomicInteger started = new AtomicInteger();
        runner().run(spec, new RunListener() {
            @Override
            public void cellStarted(RunCell cell, RunFolder folder) {
                started.incrementAndGet();
            }
        }, new RunControl());
        assertEquals(0, started.get());
        assertEquals(r, f.readJson(RunFolder.RESULTS).orElseThrow(), "a complete run's results are left alone");
    }

    @Test
    void aRunFinishedBeforeFlipAveragingGetsItFromItsModelWithoutRetraining() throws Exception {
        ExperimentSpec.Students spec = quickSpec();
        RunFolder f = runner().run(spec, new RunListener() { }, new RunControl()).get(0);
        JsonObject measured = f.readJson(RunFolder.RESULTS).orElseThrow();
        List<String> measuredLines = Files.readAllLines(f.file(FlipAveragedVerification.PAIR_SCORES));
        // As a run folder written before flip averaging existed looks.
        JsonObject old = measured.deepCopy();
        old.remove(FlipAveragedVerification.KEY);
        f.writeJson(RunFolder.RESULTS, old);
        Files.delete(f.file(FlipAveragedVerification.PAIR_SCORES));
        assertTrue(FlipAveragedVerification.isMissing(f));
        assertTrue(RunRecord.read(f).flipAveragedPairScores().isEmpty());

        AtomicInteger started = new AtomicInteger();
        List<String> messages = new ArrayList<>();
        runner().run(spec, new RunListener() {
            @Override
            public void cellStarted(RunCell cell, RunFolder folder) {
                started.incrementAndGet();
            }

            @Override
            public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                messages.add(message);
            }
        }, new RunControl());
        assertEquals(0, started.get(), "no training");
        assertEquals(List.of("already complete; added the flip-averaged verification"), messages);
        assertFalse(FlipAveragedVerification.isMissing(f));
        assertEquals(measured, f.readJson(RunFolder.RESULTS).orElseThrow(),
                "the same block as at the end of training, and every other key unchanged");
        assertEquals(measuredLines, Files.readAllLines(f.file(FlipAveragedVerification.PAIR_SCORES)));
        assertEquals(300, RunRecord.read(f).flipAveragedPairScores().orElseThrow().scores().size());
    }

    @Test
    void degradedPairsAreScoredBesideTheCleanOnesAndAddedToOlderRuns() throws Exception {
        ExperimentSpec.Students spec = quickSpec();
        RunFolder f = runner().run(spec, new RunListener() { }, new RunControl()).get(0);
        JsonObject summary = f.readJson(DegradedPairsVerification.FILE).orElseThrow();
        assertEquals(300, summary.get("pairs").getAsInt());
        assertEquals(DegradedPairsVerification.SEED, summary.get("seed").getAsLong());
        List<String> measured = Files.readAllLines(f.file(DegradedPairsVerification.PAIR_SCORES));
        assertEquals(301, measured.size());
        assertFalse(measured.equals(Files.readAllLines(f.file(RunFolder.PAIR_SCORES))),
                "the degraded scores are a second measurement, not a copy");
        RobustnessTable table = RobustnessTable.of(List.of(RunRecord.read(f)));
        assertEquals(1, table.rows().size());
        assertEquals(summary.get("accuracy").getAsDouble(), table.rows().get(0).degraded()[0], 1e-12);
        assertTrue(table.format("md").contains("S-16-c-O"), table.format("md"));
        // Identified on another face set (identify --into-run): its top-1 gets a column.
        f.writeJson(RunFolder.IDENTIFICATION_PREFIX + "orl.json",
                com.google.gson.JsonParser.parseString("{\"softmax\": {\"top1\": 0.905}}"));
        RobustnessTable withOrl = RobustnessTable.of(List.of(RunRecord.read(f)));
        assertArrayEquals(new double[] {0.905}, withOrl.rows().get(0).faceSetTop1().get("orl"), 1e-12);
        String md = withOrl.format("md");
        assertTrue(md.contains("Top-1 on orl (%)") && md.contains("| 90.50 |") && md.contains("1 of 1 runs"), md);
        assertTrue(withOrl.format("csv").contains("Top-1 on orl std (%)"), withOrl.format("csv"));
        f.writeJson(RunFolder.IDENTIFICATION_PREFIX + "bad.json", new JsonObject());
        org.bridge.config.UserFacingException bad = assertThrows(org.bridge.config.UserFacingException.class,
                () -> RobustnessTable.of(List.of(RunRecord.read(f))));
        assertTrue(bad.getMessage().contains(f.identificationFile("bad").toString()), bad.getMessage());
        Files.delete(f.identificationFile("bad"));
        Files.delete(f.identificationFile("orl"));

        // As a run folder written before degraded pairs were scored looks.
        Files.delete(f.file(DegradedPairsVerification.FILE));
        Files.delete(f.file(DegradedPairsVerification.PAIR_SCORES));
        assertTrue(RobustnessTable.of(List.of(RunRecord.read(f))).isEmpty());
        JsonObject results = f.readJson(RunFolder.RESULTS).orElseThrow();
        List<String> messages = new ArrayList<>();
        runner().run(spec, new RunListener() {
            @Override
            public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                messages.add(message);
            }
        }, new RunControl());
        assertEquals(List.of("already complete; added the verification on degraded pairs"), messages);
        assertEquals(measured, Files.readAllLines(f.file(DegradedPairsVerification.PAIR_SCORES)),
                "the same degraded faces, so the same scores, from the saved model");
        assertEquals(results, f.readJson(RunFolder.RESULTS).orElseThrow(), "results.json is left alone");
    }

    @Test
    void theValidationFoldIsLeftOutOfTrainingAndScoredSeparately() throws Exception {
        ExperimentSpec.Students spec = quickSpec().withName("validation");
        RunFolder plain = runner().run(quickSpec(), new RunListener() { }, new RunControl()).get(0);
        spec = spec.withTraining(spec.training().withValidationFold(true));
        RunFolder f = runner().run(spec, new RunListener() { }, new RunControl()).get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        JsonObject v = f.readJson(RunFolder.RESULTS).orElseThrow().getAsJsonObject("validation");
        // Split A's public folds are 1-5: the last one is the development fold.
        assertEquals(5, v.get("fold").getAsInt());
        int people = v.get("people").getAsInt();
        assertTrue(people > 0);
        assertTrue(v.get("pairs").getAsInt() > 0);
        double auc = v.get("auc").getAsDouble();
        assertTrue(auc >= 0 && auc <= 1, "auc " + auc);
        int withValidation = f.readJson(RunFolder.PROVENANCE).orElseThrow().get("training_images").getAsInt();
        int without = plain.readJson(RunFolder.PROVENANCE).orElseThrow().get("training_images").getAsInt();
        assertTrue(withValidation < without, withValidation + " training images with the fold held out, " + without
                + " without");
        assertFalse(plain.readJson(RunFolder.RESULTS).orElseThrow().has("validation"));
    }

    @Test
    void everySupervisionTrainsForTheSameNumberOfEpochs() {
        TrainingSettings t = TrainingSettings.DEFAULTS.withEpochs(4, 8);
        for (org.bridge.distill.Supervision x : org.bridge.distill.Supervision.values()) {
            var plan = org.bridge.experiment.run.FitStage.plan(t, x, 1, runs.resolve("last.zip"));
            int epochs = plan.phases().stream().mapToInt(org.bridge.distill.TrainingPhase::epochs).sum();
            assertEquals(12, epochs, x.name());
            // Only supervisions with both losses have a classification pre-training phase.
            assertEquals(x.usesClassLoss() && x.needsTeacher() ? 2 : 1, plan.phases().size(), x.name());
        }
    }

    @Test
    void teacherPcaTargetsReplaceTheAdaptationModuleAndAreRecorded() throws Exception {
        ExperimentSpec.Students spec = quickSpec().withName("pca").withStudents(List.of("S-16-sc-C+pca"));
        spec = spec.withTraining(spec.training().withRegressionShape(0, false));
        spec.validate("test spec");
        java.util.Random rnd = new java.util.Random(3);
        TeacherFeatureProvider fake = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
                // 200-D "teacher" features: one direction per person plus noise.
                float[][] f = new float[images.size()][200];
                for (int i = 0; i < f.length; i++) {
                    int k = Math.floorMod(images.get(i).person().hashCode(), 200);
                    f[i][k] = 3;
                    for (int d = 0; d < 200; d++) {
                        f[i][d] += (float) rnd.nextGaussian() * 0.1f;
                    }
                }
                return f;
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                return "fake-" + teacher;
            }
        };
        RegressionTargets noAdaptation = (t, f, l, c, s, o, r) -> {
            throw new AssertionError("teacher-pca targets do not train the adaptation module");
        };
        ExperimentRunner runner = new ExperimentRunner(new RunStore(runs),
                new ExperimentDatasets(BridgeLocations.fromSystem()), fake, noAdaptation);
        RunFolder f = runner.run(spec, new RunListener() { }, new RunControl()).get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        JsonObject report = f.readJson(org.bridge.experiment.run.RegressionTargetStage.REPORT).orElseThrow();
        assertEquals("teacher-pca", report.get("target").getAsString());
        assertEquals(128, report.get("components").getAsInt());
        double explained = report.get("explained_variance").getAsDouble();
        assertTrue(explained > 0.5 && explained <= 1.0 + 1e-9, "explained variance " + explained);
        assertTrue(Files.isRegularFile(f.file(RunFolder.RESULTS)));
        assertFalse(Files.exists(f.file(AdaptedRegressionTargets.REPORT_FILE)));
    }

    /**
     * regressAllPublicImages on the synthetic set plus three people with a single image each (in
     * no fold of pairs.txt, so public in both splits): they join sc's regression unlabelled, the
     * identity classes stay those of >= 2 images, and c and the centre loss leave them out.
     */
    @Test
    void singleImagePeopleJoinTheRegressionWithoutAClass(@TempDir Path data) throws Exception {
        Path sample = BridgeLocations.fromSystem().sampleData();
        try (var files = Files.walk(sample)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = data.resolve(sample.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        }
        for (int k = 1; k <= 3; k++) {
            String person = "Single_Person_" + k;
            Files.createDirectories(data.resolve(person));
            Files.copy(sample.resolve("Synthetic_0" + k).resolve("Synthetic_0" + k + "_0001.jpg"),
                    data.resolve(person).resolve(person + "_0001.jpg"));
        }
        TeacherFeatureProvider fake = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
                java.util.Random rnd = new java.util.Random(images.size());
                float[][] f = new float[images.size()][200];
                for (float[] row : f) {
                    for (int d = 0; d < 200; d++) {
                        row[d] = (float) rnd.nextGaussian();
                    }
                }
                return f;
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                return "fake-" + teacher;
            }
        };
        ExperimentRunner runner = new ExperimentRunner(new RunStore(runs),
                new ExperimentDatasets(BridgeLocations.fromSystem()), fake, (t, f, l, c, s, o, r) -> {
                    throw new AssertionError("teacher-pca targets do not train the adaptation module");
                });
        ExperimentSpec.Students spec = quickSpec().withName("regress-all")
                .withDataset(new ExperimentSpec.DatasetSpec("folder", data.toString()))
                .withStudents(List.of("S-16-sc-C+pca", "S-16-c-O")).withLosses(List.of("softmax", "centerloss"));
        spec = spec.withTraining(spec.training().withEpochs(0, 1).withRegressAllPublicImages(true));
        spec.validate("test spec");
        List<RunFolder> folders = runner.run(spec, new RunListener() { }, new RunControl());
        java.util.Map<String, JsonObject> sets = new java.util.HashMap<>();
        for (RunFolder f : folders) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage());
            JsonObject cfg = f.readJson(RunFolder.CONFIG).orElseThrow();
            sets.put(cfg.get("student").getAsString() + "/" + cfg.get("loss").getAsString(),
                    f.readJson(org.bridge.experiment.run.TrainingSetStage.FILE).orElseThrow());
        }
        JsonObject sc = sets.get("S-16-sc-C+pca/softmax");
        JsonObject c = sets.get("S-16-c-O/softmax");
        assertEquals(3, sc.get("regression_only_images").getAsInt(), sc.toString());
        assertEquals(c.get("classes").getAsInt(), sc.get("classes").getAsInt(), "identity classes unchanged");
        assertEquals(c.get("labelled_images").getAsInt(), sc.get("labelled_images").getAsInt());
        assertEquals(0, c.get("regression_only_images").getAsInt(), "c has nothing to regress");
        JsonObject centre = sets.get("S-16-sc-C+pca/centerloss");
        assertEquals(0, centre.get("regression_only_images").getAsInt(), centre.toString());
        assertTrue(centre.get("note").getAsString().contains("centre"), centre.toString());
    }

    @Test
    void anUnknownRegressionTargetIsRefusedNamingTheFile() {
        ExperimentSpec.Students spec = quickSpec().withGrid(new ExperimentSpec.Grid(List.of(16), List.of("sc"),
                List.of("E"), List.of("pca")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.bridge.config.UserFacingException.class,
                () -> spec.validate("experiments/x.json"));
        assertTrue(e.getMessage().contains("experiments/x.json") && e.getMessage().contains("teacher-pca"),
                e.getMessage());
    }

    @Test
    void teacherEWithACWeightCombinesVAndCItself() {
        List<String> asked = new ArrayList<>();
        TeacherFeatureProvider fake = new TeacherFeatureProvider() {
            @Override
            public float[][] features(TeacherId teacher, List<org.bridge.data.FaceRecord> images, Progress progress) {
                asked.add(teacher.name());
                return switch (teacher) {
                    case V -> new float[][] {{0, 2}};
                    case C -> new float[][] {{4, 0, 0}};
                    case E -> new float[][] {{0, 1, 1, 0, 0}};
                    default -> throw new AssertionError(teacher);
                };
            }

            @Override
            public String fingerprint(TeacherId teacher) {
                return "fake-" + teacher;
            }
        };
        ExperimentRunner runner = new ExperimentRunner(new RunStore(runs),
                new ExperimentDatasets(BridgeLocations.fromSystem()), fake, (t, f, l, c, s, o, r) -> f);
        List<org.bridge.data.FaceRecord> one = List.of(new org.bridge.data.FaceRecord("a", 1, Path.of("a.jpg")));
        TeacherFeatureProvider.Progress none = (d, t) -> { };
        assertArrayEquals(new float[] {0, 1, 1, 0, 0}, runner.training().targets().teacherFeatures(TeacherId.E, one, 1.0, none)[0],
                "weight 1: the provider's own ensemble");
        assertArrayEquals(new float[] {0, 1, 0.25f, 0, 0}, runner.training().targets().teacherFeatures(TeacherId.E, one, 0.25, none)[0], 1e-6f);
        assertArrayEquals(new float[] {0, 2}, runner.training().targets().teacherFeatures(TeacherId.V, one, 0.25, none)[0],
                "the weight concerns E only");
        assertEquals(List.of("E", "V", "C", "V"), asked);
    }

    @Test
    void regressionTargetsAreRescaledToTheRequestedNorm() {
        float[][] t = {{3, 4}, {0, 0}, {-1, 0}};
        float[][] unit = org.bridge.experiment.run.RegressionTargetStage.scaleToNorm(t, 1.0);
        assertEquals(0.6f, unit[0][0], 1e-6);
        assertEquals(0.8f, unit[0][1], 1e-6);
        assertEquals(0f, unit[1][0]);
        assertEquals(-2f, org.bridge.experiment.run.RegressionTargetStage.scaleToNorm(t, 2.0)[2][0], 1e-6);
        assertTrue(t == org.bridge.experiment.run.RegressionTargetStage.scaleToNorm(t, 0), "0 keeps the raw targets");
        assertEquals(3f, t[0][0], "the input is not modified");
    }

    @Test
    void aCancelledRunKeepsItsCheckpointAndResumes() throws IOException {
        ExperimentSpec.Students spec = quickSpec();
        RunControl control = new RunControl();
        List<RunFolder> folders = runner().run(spec, new RunListener() {
            @Override
            public void loss(RunCell cell, org.bridge.distill.StudentTrainingListener.LossPoint p) {
                // Mid-epoch: the first iteration of epoch 2 is logged, then lost with the epoch.
                if (p.epoch() == 2) {
                    control.cancel();
                }
            }
        }, control);
        RunFolder f = folders.get(0);
        assertEquals(RunState.CANCELLED, f.state(), f.stateMessage());
        assertFalse(f.isComplete(), "a cancelled run must not look complete");
        assertTrue(Files.isRegularFile(f.checkpointsDir().resolve("last.zip")));
        assertTrue(f.stateMessage().startsWith("cancelled after 1 of 3 epochs; the next run resumes from"),
                f.stateMessage());
        assertTrue(org.bridge.experiment.run.FitStage.cancelledMessage(0, 12, f).contains("before its first checkpoint; the next run "
                + "starts the training again"), "no checkpoint to resume from in epoch 1");

        List<Integer> epochs = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        runner().run(spec, new RunListener() {
            @Override
            public void epoch(RunCell cell, org.bridge.distill.StudentTrainingListener.EpochSummary s) {
                epochs.add(s.epoch());
                statuses.add(f.state() + " " + f.stateMessage());
            }
        }, new RunControl());
        assertEquals(List.of(2, 3), epochs, "resumes after the checkpointed epoch");
        assertEquals(2, statuses.size());
        assertTrue(statuses.get(0).startsWith("RUNNING ") && statuses.get(0).contains("epoch 2 of 3 done"),
                "status.json says how far a running cell is: " + statuses);
        assertEquals(RunState.DONE, f.state());
        // Each epoch's wall time once, across the two processes' worth of training.
        List<String> epochRows = Files.readAllLines(f.file(RunFolder.EPOCHS));
        assertEquals(List.of("1", "2", "3"), epochRows.stream().skip(1).map(r -> r.split(",")[1]).toList(),
                String.join("\n", epochRows));
        assertEquals(3, f.readJson(RunFolder.RESULTS).orElseThrow().getAsJsonObject("epoch_seconds")
                .get("timed_epochs").getAsInt());
        List<String> rows = Files.readAllLines(f.file(RunFolder.LOSSES));
        List<Long> iterations = rows.stream().skip(1).map(r -> Long.parseLong(r.split(",")[3])).toList();
        for (int i = 0; i < iterations.size(); i++) {
            assertEquals(i, iterations.get(i), "one row per iteration, the redone ones once: " + rows.get(i + 1));
        }
    }
}
