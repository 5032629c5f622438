package org.bridge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.ClassifierHead;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.RegressionHead;
import org.bridge.distill.Student;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.StudentSamples;
import org.bridge.distill.StudentTrainer;
import org.bridge.distill.StudentTrainingListener;
import org.bridge.distill.Supervision;
import org.bridge.distill.TrainingDivergedException;
import org.bridge.distill.TrainingPhase;
import org.bridge.distill.TeacherPcaTargets;
import org.bridge.distill.TrainingPlan;
import org.bridge.distill.TrainingResult;
import org.bridge.eval.IdentificationResult;
import org.bridge.eval.Roc;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.eval.SplitEvaluation;
import org.bridge.eval.VerificationResult;
import org.bridge.teacher.TeacherId;

/**
 * The one place that runs an experiment; the CLI's {@code run} and the workbench both call it.
 *
 * <p>For each cell not already complete: resolve the split of the LFW bridge protocol, get the
 * public set's teacher features (cached), run step 1 (adaptation) for supervisions s/sc, expand
 * the public images by D(I), train the student (classification pre-training, then the full
 * objective), evaluate it on the target half (verification and identification), and write
 * everything into the cell's run folder, results last. A cancelled or failed cell keeps its
 * checkpoint and continues from it the next time; a failed cell is recorded FAILED with its
 * message and the grid goes on with the next cell.
 */
public final class ExperimentRunner {

    private final RunStore store;
    private final ExperimentDatasets datasets;
    private final TeacherFeatureProvider teachers;
    private final RegressionTargets adaptation;
    private final Map<String, LfwBridgeProtocol> protocols = new HashMap<>();
    private RunOptions options = RunOptions.NONE;

    public ExperimentRunner(RunStore store, ExperimentDatasets datasets, TeacherFeatureProvider teachers,
                            RegressionTargets adaptation) {
        this.store = store;
        this.datasets = datasets;
        this.teachers = teachers;
        this.adaptation = adaptation;
    }

    /** How runs are recorded from now on (e.g. DL4J statistics for the training UI); returns this runner. */
    public ExperimentRunner options(RunOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Runs every cell not yet complete; returns the folders of all cells, in order. A cell whose
     * folder holds other settings is refused before any cell runs; a cell that fails while it
     * runs is recorded FAILED and the next cell runs.
     */
    public List<RunFolder> run(ExperimentSpec spec, RunListener listener, RunControl control) {
        for (ExperimentCell cell : spec.cells()) {
            requireSameSettings(spec, cell, store.folder(spec.name, cell.id()));
        }
        List<RunFolder> folders = new ArrayList<>();
        for (ExperimentCell cell : spec.cells()) {
            if (control.isCancelled()) {
                break;
            }
            folders.add(runCell(spec, cell, listener, control));
        }
        return folders;
    }

    /**
     * Writes the config of every cell as QUEUED (the workbench's queue) without running; a cell
     * another process is training is left to it.
     */
    public List<RunFolder> queue(ExperimentSpec spec) {
        List<RunFolder> out = new ArrayList<>();
        for (ExperimentCell cell : spec.cells()) {
            RunFolder f = store.folder(spec.name, cell.id());
            // A cell another process is training keeps its files as that process writes them.
            java.util.Optional<RunClaim> claim = f.isComplete() ? java.util.Optional.empty() : RunClaim.tryClaim(f);
            if (claim.isPresent()) {
                try (RunClaim held = claim.get()) {
                    writeConfig(spec, cell, f);
                    if (!Files.exists(f.file(RunFolder.STATUS))) {
                        f.setState(RunState.QUEUED, "");
                    }
                }
            }
            out.add(f);
        }
        return out;
    }

    /**
     * Runs one cell under its folder's {@link RunClaim}; a cell another process (or thread) holds
     * is skipped, its folder untouched, and the listener told who holds it.
     */
    public RunFolder runCell(ExperimentSpec spec, ExperimentCell cell, RunListener listener, RunControl control) {
        RunFolder folder = store.folder(spec.name, cell.id());
        java.util.Optional<RunClaim> claim = RunClaim.tryClaim(folder);
        if (claim.isEmpty()) {
            listener.cellFinished(cell, folder, RunState.RUNNING, RunClaim.skippedMessage(folder));
            return folder;
        }
        try (RunClaim held = claim.get()) {
            return runClaimedCell(spec, cell, folder, listener, control);
        }
    }

    private RunFolder runClaimedCell(ExperimentSpec spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                                     RunControl control) {
        requireSameSettings(spec, cell, folder);
        if (folder.isComplete()) {
            String message = "already complete";
            if (FlipAveragedVerification.isMissing(folder)) {
                message = addFlipAverage(spec, cell, folder, listener, control);
            }
            listener.cellFinished(cell, folder, RunState.DONE, message);
            return folder;
        }
        writeConfig(spec, cell, folder);
        folder.setState(RunState.RUNNING, "");
        control.runningIn(folder);
        listener.cellStarted(cell, folder);
        try {
            removeUnfinishedWrites(cell, folder, listener);
            String message = train(spec, cell, folder, listener, control);
            RunState state = folder.isComplete() ? RunState.DONE : RunState.CANCELLED;
            folder.setState(state, message);
            listener.cellFinished(cell, folder, state, message);
        } catch (RunControl.CancelledException e) {
            folder.setState(RunState.CANCELLED, "cancelled by the user");
            listener.cellFinished(cell, folder, RunState.CANCELLED, "cancelled by the user");
        } catch (TrainingDivergedException | UserFacingException e) {
            folder.setState(RunState.FAILED, e.getMessage());
            listener.cellFinished(cell, folder, RunState.FAILED, e.getMessage());
        } catch (RuntimeException | IOException e) {
            // One cell's fault is recorded with it; the grid goes on with the next cell.
            String msg = CellFailure.describe(e);
            CellFailure.log(folder, e);
            folder.setState(RunState.FAILED, msg);
            listener.cellFinished(cell, folder, RunState.FAILED, msg);
        } catch (Error e) {
            String msg = CellFailure.describe(e);
            folder.setState(RunState.FAILED, msg);
            listener.cellFinished(cell, folder, RunState.FAILED, msg);
            throw e;
        } finally {
            control.runningIn(null);
        }
        return folder;
    }

    /** A killed process's half-written files (checkpoints, model, run files) go before this cell starts. */
    private static void removeUnfinishedWrites(ExperimentCell cell, RunFolder folder, RunListener listener)
            throws IOException {
        List<Path> removed = new ArrayList<>(org.bridge.distill.Checkpoints.removeUnfinishedWrites(folder.dir()));
        removed.addAll(org.bridge.distill.Checkpoints.removeUnfinishedWrites(folder.checkpointsDir()));
        if (!removed.isEmpty()) {
            listener.status(cell, "removed " + removed.size() + " unfinished write(s) of a stopped run: "
                    + removed.stream().map(p -> folder.dir().relativize(p).toString()).toList(), Double.NaN);
        }
    }

    /**
     * A run finished before flip-averaged verification was measured gets it from its saved model.
     * Its results stay whatever happens here: a failure is reported, not recorded as a failed run.
     */
    private String addFlipAverage(ExperimentSpec spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                                  RunControl control) {
        String stage = "flip-averaged verification (from the saved model)";
        try {
            BridgeSplit split = protocol(datasets.root(spec.dataset)).split(LfwBridgeProtocol.Split.valueOf(cell.split()));
            listener.status(cell, stage, 0);
            FlipAveragedVerification.addTo(folder, split, new ImageDecoder(), (d, t) -> {
                control.throwIfCancelled();
                listener.status(cell, stage, (double) d / t);
            });
            return "already complete; added the flip-averaged verification";
        } catch (RunControl.CancelledException e) {
            return "already complete; flip-averaged verification cancelled";
        } catch (RuntimeException e) {
            return "already complete; flip-averaged verification failed: " + e.getMessage();
        }
    }

    /**
     * A training setting the cell never reads. The ensemble's weight on C only shapes E's
     * features; refusing an S-p-c-O or S-p-sc-V cell because it changed would make every
     * finished non-E cell of a grid unusable after the ensemble was re-weighted.
     */
    static boolean unusedBy(ExperimentCell cell, String trainingKey) {
        return "ensembleWeightC".equals(trainingKey) && cell.student().teacher() != TeacherId.E;
    }

    /**
     * A cell's folder is found by student, loss, split and seed, not by its settings. When the
     * experiment file changed since the folder was written, skipping the finished cell (or
     * resuming its checkpoint) would put runs of two settings into one table, so this refuses,
     * naming what changed. Settings added to the code since (absent from an older config.json)
     * count with their defaults, which keep the earlier behaviour.
     */
    static void requireSameSettings(ExperimentSpec spec, ExperimentCell cell, RunFolder folder) {
        java.util.Optional<JsonObject> stored = folder.readJson(RunFolder.CONFIG);
        if (stored.isEmpty()) {
            return;
        }
        JsonObject old = stored.get();
        List<String> changed = new ArrayList<>();
        try {
            // The folder is named after the student; an older config.json may say +pca only in training.
            if (old.has("student") && !RunRecord.studentName(old).equals(cell.student().name())) {
                changed.add("student " + RunRecord.studentName(old) + " -> " + cell.student().name());
            }
            if (old.has("training")) {
                JsonObject was = ExperimentSpec.GSON.toJsonTree(
                        ExperimentSpec.GSON.fromJson(old.get("training"), ExperimentSpec.Training.class)).getAsJsonObject();
                JsonObject now = ExperimentSpec.GSON.toJsonTree(spec.training).getAsJsonObject();
                for (String key : now.keySet()) {
                    // The engine changes how iterations are computed, not the model: a cell may resume with another.
                    if (unusedBy(cell, key) || "engine".equals(key)) {
                        continue;
                    }
                    if (!java.util.Objects.equals(was.get(key), now.get(key))) {
                        changed.add("training." + key + " " + was.get(key) + " -> " + now.get(key));
                    }
                }
            }
            if (old.has("degradation")) {
                String was = DegradationParams.fromJson(old.get("degradation").toString(), folder.file(RunFolder.CONFIG)
                        .toString()).toJson();
                if (!com.google.gson.JsonParser.parseString(was)
                        .equals(com.google.gson.JsonParser.parseString(spec.degradationParams().toJson()))) {
                    changed.add("degradation");
                }
            }
            JsonObject adaptation = spec.adaptation == null ? new JsonObject() : spec.adaptation;
            if (old.has("adaptation") && !old.get("adaptation").equals(adaptation)) {
                changed.add("adaptation " + old.get("adaptation") + " -> " + adaptation);
            }
            if (old.has("dataset") && !ExperimentSpec.GSON.toJsonTree(ExperimentSpec.GSON.fromJson(old.get("dataset"),
                    ExperimentSpec.DatasetSpec.class)).equals(ExperimentSpec.GSON.toJsonTree(spec.dataset))) {
                changed.add("dataset " + old.get("dataset") + " -> " + ExperimentSpec.GSON.toJsonTree(spec.dataset));
            }
        } catch (RuntimeException unreadable) {
            throw new UserFacingException(folder.file(RunFolder.CONFIG) + " cannot be compared with the experiment's "
                    + "settings: " + unreadable.getMessage(), unreadable);
        }
        if (!changed.isEmpty()) {
            throw new UserFacingException(folder.dir() + " holds " + cell.id() + " trained with other settings ("
                    + String.join("; ", changed) + "). Give the experiment a new name (new run folders), or move"
                    + " this folder away to train the cell again with the new settings.");
        }
    }

    private void writeConfig(ExperimentSpec spec, ExperimentCell cell, RunFolder folder) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", spec.name);
        cfg.addProperty("cell", cell.id());
        cfg.addProperty("student", cell.student().name());
        cfg.addProperty("resolution", cell.student().resolution());
        cfg.addProperty("supervision", cell.student().supervision().name());
        cfg.addProperty("teacher", cell.student().teacher().name());
        cfg.addProperty("regressionTarget", cell.student().target().key());
        cfg.addProperty("loss", cell.loss());
        cfg.addProperty("split", cell.split());
        cfg.addProperty("seed", cell.seed());
        cfg.add("dataset", ExperimentSpec.GSON.toJsonTree(spec.dataset));
        cfg.add("training", ExperimentSpec.GSON.toJsonTree(spec.training));
        cfg.add("degradation", com.google.gson.JsonParser.parseString(spec.degradationParams().toJson()));
        cfg.add("adaptation", spec.adaptation == null ? new JsonObject() : spec.adaptation);
        cfg.add("evaluation", ExperimentSpec.GSON.toJsonTree(spec.evaluation));
        cfg.add(SettingsChosenOn.KEY, spec.settingsChosenOn(spec.name).toJson());
        folder.writeJson(RunFolder.CONFIG, cfg);
    }

    private LfwBridgeProtocol protocol(Path root) {
        return protocols.computeIfAbsent(root.toString(), r -> LfwBridgeProtocol.of(datasets.open(root)));
    }

    /** Trains and evaluates; returns a status message. Writes results.json only when complete. */
    private String train(ExperimentSpec spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                         RunControl control) throws IOException {
        long started = System.nanoTime();
        StudentSpec s = cell.student();
        Path root = datasets.root(spec.dataset);
        BridgeSplit split = protocol(root).split(LfwBridgeProtocol.Split.valueOf(cell.split()));

        // The public (bridge) set: people with enough images to be worth an identity class.
        List<String> people = new ArrayList<>(split.publicPeopleWithAtLeast(spec.training.minImagesPerPerson));
        ValidationFold validation = spec.training.validationFold ? ValidationFold.of(protocol(root), split) : null;
        if (validation != null) {
            people.removeAll(validation.people());
        }
        if (spec.training.maxPeople > 0 && people.size() > spec.training.maxPeople) {
            people = people.subList(0, spec.training.maxPeople);
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        List<FaceRecord> images = new ArrayList<>();
        for (String p : people) {
            classOf.put(p, classOf.size());
            images.addAll(split.publicSet().imagesOf(p));
        }
        if (classOf.size() < 2) {
            throw new UserFacingException("split " + cell.split() + " of " + root + " has fewer than 2 public people with >= "
                    + spec.training.minImagesPerPerson + " images");
        }
        int labelledImages = images.size();
        // DL4J's centre-loss layer cannot mask a sample out of its centre term, so with that loss
        // the regression-only images stay out (training-set.json says so).
        boolean centreLoss = s.supervision().usesClassLoss()
                && ClassificationLoss.head(cell.loss()).kind() == ClassifierHead.Kind.CENTER_LOSS;
        if (spec.training.regressAllPublicImages && s.supervision().needsTeacher() && !centreLoss) {
            // The regression needs a teacher feature, not an identity: every public image of a
            // person too rare to be a class (split A: 2.7k single-image people) joins it unlabelled.
            for (String p : split.publicSet().people()) {
                if (!classOf.containsKey(p) && split.publicSet().imagesOf(p).size() < spec.training.minImagesPerPerson
                        && (validation == null || !validation.people().contains(p))) {
                    images.addAll(split.publicSet().imagesOf(p));
                }
            }
        }
        int[] labels = images.stream()
                .mapToInt(r -> classOf.getOrDefault(r.person(), StudentSamples.UNLABELLED)).toArray();
        writeTrainingSet(folder, classOf.size(), labelledImages, images.size() - labelledImages,
                spec.training.regressAllPublicImages && s.supervision().needsTeacher() && centreLoss
                        ? "regressAllPublicImages is off for the centre loss: DL4J's centre term ignores label masks"
                        : null);

        if (!s.teacher().isNone()) {
            teachers.requireWeights(s.teacher(), (stage, done, total) ->
                    listener.status(cell, "fetching teacher weights: " + stage, total > 0 ? (double) done / total : 1));
        }
        Provenance.write(folder, spec, cell, root, images,
                s.teacher().isNone() ? null : teachers.fingerprint(s.teacher()));

        // Teacher features and step 1.
        float[][] targets = null;
        if (s.supervision().needsTeacher()) {
            listener.status(cell, "teacher features (" + s.teacher() + ")", 0);
            float[][] ft = teacherFeatures(s.teacher(), images, spec.training.ensembleWeightC, (d, t) -> {
                control.throwIfCancelled(); // also while waiting for another process filling the same cache
                listener.status(cell, "teacher features (" + s.teacher() + ")", (double) d / t);
            });
            control.throwIfCancelled();
            if (s.target() == MimicTarget.TEACHER_PCA) {
                listener.status(cell, "principal components of the teacher features", Double.NaN);
                targets = teacherPca(ft, labels, cell, s.teacher(), folder);
            } else if (s.target() == MimicTarget.ADAPTED) {
                listener.status(cell, "cross-dataset distillation (adaptation module)", Double.NaN);
                targets = adaptation.adapted(s.teacher(), ft, labels, classOf.size(), cell.seed(), spec.adaptation, folder,
                        control::throwIfCancelled);
            } else {
                targets = ft;
            }
            targets = scaleToNorm(targets, spec.training.targetNorm);
            control.throwIfCancelled();
        }

        // Where the training time goes, so a per-split time can be read with cached teacher
        // features (the budget) even when this run had to compute them.
        JsonObject phaseSeconds = new JsonObject();
        long mark = System.nanoTime();
        phaseSeconds.addProperty("data_teacher_features_and_targets", (mark - started) / 1e9);

        // D(I): every public image, 16 degraded p x p versions.
        DegradationParams dp = spec.degradationParams();
        Degradation degradation = new Degradation(dp);
        listener.status(cell, "degrading public faces to " + s.resolution() + "x" + s.resolution(), 0);
        final int n = images.size();
        InMemoryStudentSamples samples = DegradedTrainingSet.build(images,
                s.supervision().usesClassLoss() ? labels : null, classOf.size(),
                targets, degradation, s.resolution(), cell.seed(),
                d -> listener.status(cell, "degrading public faces", (double) d / n), control);
        phaseSeconds.addProperty("degradation", (System.nanoTime() - mark) / 1e9);
        mark = System.nanoTime();

        // Step 2: the student.
        RegressionHead regression = null;
        if (targets != null) {
            int dim = targets[0].length;
            regression = dim == StudentNetwork.MIMIC_DIMENSION && s.supervision().regressionTarget() == Supervision.Target.ADAPTED
                    ? RegressionHead.mimic(spec.training.regressionWeight, RegressionHead.Loss.SUM_SQUARED)
                    : RegressionHead.projected(dim, spec.training.regressionWeight, RegressionHead.Loss.SUM_SQUARED);
            if (spec.training.unitSphereRegression) {
                regression = regression.onUnitSphere();
            }
        }
        StudentNetwork network = StudentNetwork.forSupervision(s.supervision(), classOf.size(),
                ClassificationLoss.head(cell.loss()), regression).withBatchNormRelu(spec.training.batchNormRelu);
        TrainingPlan plan = plan(spec.training, s.supervision(), cell.seed(), folder.checkpointsDir().resolve("last.zip"));
        LossLog lossLog = new LossLog(folder, cell, listener);
        StudentTrainer trainer = new StudentTrainer(network, plan, lossLog, options.dl4jListeners(folder));
        control.whileRunning(trainer::cancel);
        listener.status(cell, "training " + s.name(), 0);
        TrainingResult result;
        try {
            result = trainer.run(samples);
        } finally {
            lossLog.flush();
            control.whileRunning(null);
        }
        samples = null; // let the training set go before evaluation
        if (result.status() == TrainingResult.Status.CANCELLED) {
            return lossLog.withRecovery(cancelledMessage(result.epochsCompleted(), result.epochsPlanned(), folder));
        }
        Student student = result.student();
        student.save(folder.file(RunFolder.MODEL));
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        // Of this process only: a resumed run's earlier epochs are not in it (epoch_seconds has them).
        phaseSeconds.addProperty("fitting", (System.nanoTime() - mark) / 1e9);

        StudentFeatureExtractor extractor = new StudentFeatureExtractor(s.name(), student, dp.baseBox(), s.resolution());
        // Cancel reaches evaluation through its progress callbacks (after each batch of faces); the
        // model and the complete checkpoint stay, so the next run only evaluates.
        control.throwIfCancelled();
        JsonObject validationResult = null;
        if (validation != null) {
            String stage = "validation fold " + validation.fold();
            listener.status(cell, stage, 0);
            validationResult = validation.evaluate(extractor, (d, t) -> {
                control.throwIfCancelled();
                listener.status(cell, stage, (double) d / t);
            });
        }

        // Evaluation on the target half.
        listener.status(cell, "evaluating on the target pairs", 0);
        SplitEvaluation eval = SplitEvaluation.run(split, extractor, new ImageDecoder(), BadImagePolicy.SKIP,
                SoftmaxClassifier.Config.defaults(),
                (d, t) -> {
                    control.throwIfCancelled();
                    listener.status(cell, "evaluating on the target pairs", (double) d / t);
                });
        control.throwIfCancelled();
        String flipStage = "flip-averaged verification";
        listener.status(cell, flipStage, 0);
        JsonObject flip = FlipAveragedVerification.measure(folder, split, extractor, new ImageDecoder(), (d, t) -> {
            control.throwIfCancelled();
            listener.status(cell, flipStage, (double) d / t);
        });
        writeResults(folder, cell, split, eval, extractor, student, trainSeconds, phaseSeconds, result,
                validationResult, flip);
        return lossLog.withRecovery("done: " + result.epochsCompleted() + " epochs");
    }

    /** f_t; for E with a C weight other than 1, V's and C's features combined with that weight. */
    float[][] teacherFeatures(TeacherId teacher, List<FaceRecord> images, double ensembleWeightC,
                                      TeacherFeatureProvider.Progress progress) {
        if (teacher != TeacherId.E || ensembleWeightC == 1.0) {
            return teachers.features(teacher, images, progress);
        }
        int n = images.size();
        float[][] v = teachers.features(TeacherId.V, images, (d, t) -> progress.update(d / 2, n));
        float[][] c = teachers.features(TeacherId.C, images, (d, t) -> progress.update(n / 2 + d / 2, n));
        return org.bridge.teacher.EnsembleTeacher.combine(v, c, ensembleWeightC);
    }

    /** What the student trained on: identity classes, their images, and regression-only images. */
    static final String TRAINING_SET = "training-set.json";

    private static void writeTrainingSet(RunFolder folder, int classes, int labelled, int regressionOnly,
                                         String note) {
        JsonObject o = new JsonObject();
        o.addProperty("classes", classes);
        o.addProperty("labelled_images", labelled);
        o.addProperty("regression_only_images", regressionOnly);
        if (note != null) {
            o.addProperty("note", note);
        }
        folder.writeJson(TRAINING_SET, o);
    }

    /** The teacher-pca targets of the public set, with what they are recorded in the run folder. */
    private static float[][] teacherPca(float[][] ft, int[] labels, ExperimentCell cell, TeacherId teacher,
                                        RunFolder folder) {
        TeacherPcaTargets pca = TeacherPcaTargets.fit(ft, StudentNetwork.MIMIC_DIMENSION);
        float[][] targets = pca.project(ft);
        JsonObject report = new JsonObject();
        report.addProperty("target", ExperimentSpec.TARGET_TEACHER_PCA);
        report.addProperty("teacher", teacher.name());
        report.addProperty("images", ft.length);
        report.addProperty("teacher_dimension", ft[0].length);
        report.addProperty("components", pca.dimension());
        report.addProperty("explained_variance", pca.explainedVariance());
        report.addProperty("scale", pca.scale());
        JsonArray variances = new JsonArray();
        for (double v : pca.componentVariances()) {
            variances.add(v);
        }
        report.add("component_variances", variances);
        report.add("teacher_feature_cosines", AdaptedRegressionTargets.identityCosines(ft, labels, cell.seed()));
        report.add("target_cosines", AdaptedRegressionTargets.identityCosines(targets, labels, cell.seed()));
        report.addProperty("fitted_on_unlabelled_images",
                java.util.Arrays.stream(labels).filter(l -> l == StudentSamples.UNLABELLED).count());
        folder.writeJson(TARGETS_REPORT, report);
        return targets;
    }

    /** What the teacher-pca targets were (explained variance, identity cosines). */
    static final String TARGETS_REPORT = "targets.json";

    static TrainingPlan plan(ExperimentSpec.Training t, Supervision x, long seed, Path checkpoint) {
        TrainingPlan.Builder b = TrainingPlan.builder()
                .batchSize(t.batchSize)
                .weightDecay(t.weightDecay)
                .seed(seed)
                .horizontalFlip(t.horizontalFlip)
                .schedule(org.bridge.distill.LearningRateShape.COSINE)
                .checkpoint(checkpoint)
                .engine(TrainingPlan.Engine.valueOf(t.engine.toUpperCase(Locale.ROOT)));
        if ("sgd".equals(t.optimizer.toLowerCase(Locale.ROOT))) {
            b.sgd(0.9);
        } else {
            b.adam();
        }
        // The paper pre-trains on LR classification, then fine-tunes with the full objective.
        // Without that pre-training (c: nothing to switch on; s: no labels) the one phase gets its
        // epochs too, so every supervision trains for the same number of epochs.
        boolean pretrain = t.pretrainEpochs > 0 && x.usesClassLoss() && x.needsTeacher();
        if (pretrain) {
            b.phase(TrainingPhase.classification("pre-train", t.pretrainEpochs, t.learningRate));
        }
        int epochs = pretrain ? t.finetuneEpochs : t.finetuneEpochs + t.pretrainEpochs;
        b.phase(TrainingPhase.forSupervision(x, epochs, t.learningRate));
        return b.build();
    }

    private static void writeResults(RunFolder folder, ExperimentCell cell, BridgeSplit split, SplitEvaluation eval,
                                     StudentFeatureExtractor extractor, Student student, double trainSeconds,
                                     JsonObject phaseSeconds, TrainingResult training, JsonObject validation, JsonObject flipAverage) {
        VerificationResult v = eval.verificationResult();
        // Per-pair scores, for the Pairs view and for combining splits into full LFW.
        List<String> lines = FlipAveragedVerification.pairScoreLines(split.targetPairs(), eval.features());
        folder.writeCsv(RunFolder.PAIR_SCORES, "fold,matched,person_a,image_a,person_b,image_b,score", lines);
        List<String> roc = new ArrayList<>();
        for (Roc.Point pt : v.roc().points()) {
            roc.add(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", pt.fpr(), pt.tpr(), pt.threshold()));
        }
        folder.writeCsv(RunFolder.ROC, "fpr,tpr,threshold", roc);
        IdentificationResult id = eval.identification().softmax();
        List<String> cmc = new ArrayList<>();
        double[] curve = id.cmc();
        for (int k = 0; k < curve.length; k++) {
            cmc.add(String.format(Locale.ROOT, "%d,%.6f,%.6f", k + 1, curve[k], eval.identification().nearestClassMean().cmc()[k]));
        }
        folder.writeCsv(RunFolder.CMC, "rank,softmax,nearest_class_mean", cmc);

        StudentNetwork.ParameterCount params = StudentNetwork.countParameters(student.graph());
        JsonObject r = new JsonObject();
        r.addProperty("student", cell.student().name());
        r.addProperty("teacher", cell.student().teacher().name());
        r.addProperty("resolution", cell.student().resolution());
        r.addProperty("supervision", cell.student().supervision().name());
        r.addProperty("loss", cell.loss());
        r.addProperty("split", cell.split());
        r.addProperty("seed", cell.seed());
        r.addProperty("accuracy", v.accuracy());
        r.addProperty("accuracy_std", v.accuracyStd());
        r.addProperty("auc", v.auc());
        r.addProperty("tpr_at_fpr_10", v.tprAtFpr10());
        r.addProperty("tpr_at_fpr_1", v.tprAtFpr1());
        r.addProperty("pairs", v.pairs());
        r.addProperty("skipped_pairs", v.skippedPairs());
        JsonArray folds = new JsonArray();
        for (VerificationResult.FoldResult f : v.folds()) {
            JsonObject o = new JsonObject();
            o.addProperty("fold", f.fold());
            o.addProperty("threshold", f.threshold());
            o.addProperty("accuracy", f.accuracy());
            folds.add(o);
        }
        r.add("folds", folds);
        r.addProperty("top1", id.top1());
        r.addProperty("top5", id.top5());
        r.add("identification", eval.identification().toJson());
        r.addProperty("params", params.trainableToMimic());
        r.addProperty("params_classifier", params.classifier());
        r.addProperty("params_projection", params.projection());
        r.addProperty("train_seconds", trainSeconds);
        r.add("train_phase_seconds", phaseSeconds);
        r.add("epoch_seconds", epochSeconds(folder));
        r.addProperty("epochs", training.epochsCompleted());
        r.addProperty("skipped_images", eval.skipped().count());
        if (validation != null) {
            r.add("validation", validation);
        }
        r.add(FlipAveragedVerification.KEY, flipAverage);
        folder.writeJson(RunFolder.RESULTS, r);
    }

    /** Each row rescaled to L2 norm {@code norm} (0 = unchanged); an all-zero row stays zero. */
    static float[][] scaleToNorm(float[][] targets, double norm) {
        if (targets == null || norm == 0) {
            return targets;
        }
        float[][] out = new float[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            double sq = 0;
            for (float v : targets[i]) {
                sq += (double) v * v;
            }
            double f = sq > 0 ? norm / Math.sqrt(sq) : 0;
            out[i] = new float[targets[i].length];
            for (int d = 0; d < out[i].length; d++) {
                out[i][d] = (float) (targets[i][d] * f);
            }
        }
        return out;
    }


    static final String EPOCHS_HEADER = "phase,epoch,epochs,seconds,samples_per_second,mean_total,mean_classification,mean_regression";

    /**
     * The wall time of every epoch, from epochs.csv: unlike train_seconds (this process only) it
     * covers the epochs of earlier, interrupted processes of a resumed run. Only epochs trained
     * since epochs.csv existed are counted, which {@code timed_epochs} says.
     */
    static JsonObject epochSeconds(RunFolder folder) {
        JsonObject o = new JsonObject();
        int n = 0;
        double sum = 0;
        try {
            if (Files.isRegularFile(folder.file(RunFolder.EPOCHS))) {
                for (String line : Files.readAllLines(folder.file(RunFolder.EPOCHS))) {
                    String[] c = line.split(",");
                    if (c.length > 3 && !line.startsWith("phase,")) {
                        try {
                            sum += Double.parseDouble(c[3]);
                            n++;
                        } catch (NumberFormatException malformed) {
                            // not counted
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            // reported as no timed epochs
        }
        o.addProperty("timed_epochs", n);
        o.addProperty("seconds", sum);
        return o;
    }

    /** Per-iteration losses to losses.csv (in batches) and to the listener. */
    private static final class LossLog implements StudentTrainingListener {
        private final RunFolder folder;
        private final ExperimentCell cell;
        private final RunListener listener;
        private final List<String> pending = new ArrayList<>();
        private boolean resumedRowsDropped;
        private String recovery;
        /** Start of the current epoch (or of training in this process): epoch wall times include the checkpoint. */
        private long epochMark = System.nanoTime();
        private long lastFlush = System.nanoTime();

        LossLog(RunFolder folder, ExperimentCell cell, RunListener listener) {
            this.folder = folder;
            this.cell = cell;
            this.listener = listener;
        }

        @Override
        public void iterationDone(LossPoint p) {
            if (!resumedRowsDropped) {
                // The first iteration of this process: rows from it on belong to an interrupted epoch.
                folder.dropCsvRowsFrom(RunFolder.LOSSES, 3, p.globalIteration());
                resumedRowsDropped = true;
            }
            pending.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.6g,%.6g,%.6g", p.phase(), p.epoch(), p.iteration(),
                    p.globalIteration(), p.total(), p.classification(), p.regression(), p.learningRate()));
            // In batches, but at least every second: a front end in another process follows losses.csv.
            if (pending.size() >= 200 || System.nanoTime() - lastFlush > 1_000_000_000L) {
                flush();
            }
            listener.loss(cell, p);
        }

        @Override
        public void checkpointRecovered(String message) {
            recovery = message;
            folder.setState(RunState.RUNNING, message);
            listener.status(cell, message, Double.NaN);
        }

        /** The status message with what happened to a damaged checkpoint, if anything did. */
        String withRecovery(String message) {
            return recovery == null ? message : message + " (" + recovery + ")";
        }

        @Override
        public void epochDone(EpochSummary summary) {
            flush();
            long now = System.nanoTime();
            double seconds = (now - epochMark) / 1e9;
            epochMark = now;
            // A resumed run redoes the epoch it was stopped in: its row is written once, at its end.
            folder.dropCsvRowsFrom(RunFolder.EPOCHS, 1, summary.epoch());
            folder.appendCsv(RunFolder.EPOCHS, EPOCHS_HEADER, List.of(String.format(Locale.ROOT,
                    "%s,%d,%d,%.3f,%.1f,%.6g,%.6g,%.6g", summary.phase(), summary.epoch(), summary.epochs(), seconds,
                    summary.samplesPerSecond(), summary.meanTotal(), summary.meanClassification(),
                    summary.meanRegression())));
            // status.json tells other processes (report, the workbench, a second terminal) how far
            // a running cell is; without it a RUNNING run says nothing until it ends.
            folder.setState(RunState.RUNNING, String.format(Locale.ROOT, "%s: epoch %d of %d done (%.0f samples/s)",
                    summary.phase(), summary.epoch(), summary.epochs(), summary.samplesPerSecond()));
            listener.epoch(cell, summary);
        }

        void flush() {
            lastFlush = System.nanoTime();
            if (!pending.isEmpty()) {
                folder.appendCsv(RunFolder.LOSSES,
                        "phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate", pending);
                pending.clear();
            }
        }
    }

    /** A cancelled cell's status: how far it got, and whether the next run resumes or starts over. */
    static String cancelledMessage(int epochsDone, int epochsPlanned, RunFolder folder) {
        if (epochsDone == 0) {
            return "cancelled during epoch 1 of " + epochsPlanned
                    + ", before its first checkpoint; the next run starts the training again";
        }
        return "cancelled after " + epochsDone + " of " + epochsPlanned + " epochs; the next run resumes from "
                + folder.checkpointsDir();
    }
}
