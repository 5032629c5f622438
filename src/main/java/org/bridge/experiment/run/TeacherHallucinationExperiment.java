package org.bridge.experiment.run;

import org.bridge.experiment.CachedDetections;
import org.bridge.experiment.CachedTeacherFeatures;
import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentJson;
import org.bridge.experiment.ExperimentKinds;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.Provenance;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.SettingsChosenOn;
import org.bridge.experiment.TeacherEvaluation;
import org.bridge.experiment.TeacherEvaluationResult;
import org.bridge.experiment.TeacherInputs;

import org.bridge.experiment.run.CellLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.AtomicFiles;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.LfwFaceSet;
import org.bridge.teacher.TeacherId;

/**
 * The {@code "kind": "teacher-hallucination"} experiment: the rows of the paper's Table III
 * for our teachers. For each (teacher, alignment, input) the teacher is evaluated by
 * {@link TeacherEvaluation} (what {@code teacher-eval} runs) on every pair of the dataset's
 * pairs.txt (LFW: 6,000 pairs, 10 folds, each fold's threshold from the other 9); input "HR"
 * is the aligned full-resolution crop, "p-BI" the crop area-averaged to p x p and bilinearly
 * up-sampled back. One run folder per cell; results.json has the {@code teacher-eval} keys
 * (teacher, resolution, accuracy, accuracy_std, auc, tpr_at_fpr_10, tpr_at_fpr_1,
 * faces_per_second, pairs, ...) and is written last.
 */
public final class TeacherHallucinationExperiment {

    /** One row of Table III. */
    public record Cell(String experiment, TeacherId teacher, TeacherInputs.Alignment alignment, Integer resolution)
            implements RunCell {

        public String input() {
            return ExperimentKinds.inputLabel(resolution);
        }

        public String id() {
            return "teacher-" + teacher.name() + "_" + input() + "_" + alignment.label();
        }

        public String label() {
            return "Table III teacher " + teacher.name() + " " + input();
        }
    }

    private final RunStore store;
    private final ExperimentDatasets datasets;
    private final CachedTeacherFeatures features;
    private final CachedDetections detections;

    public TeacherHallucinationExperiment(RunStore store, ExperimentDatasets datasets, CachedTeacherFeatures features,
                                          CachedDetections detections) {
        this.store = store;
        this.datasets = datasets;
        this.features = features;
        this.detections = detections;
    }

    /** A teacher input's name: "HR" for null, "16-BI" for 16. */
    public static String inputLabel(Integer resolution) {
        return ExperimentKinds.inputLabel(resolution);
    }

    /** Every (alignment, input, teacher): for each alignment and input, the teachers side by side. */
    public static List<Cell> cells(ExperimentSpec.TeacherHallucination spec) {
        List<Cell> out = new ArrayList<>();
        for (TeacherInputs.Alignment a : ExperimentKinds.alignments(spec.alignments())) {
            for (Integer p : ExperimentKinds.inputs(spec.inputs())) {
                for (TeacherId t : ExperimentKinds.teachers(spec.teachers())) {
                    out.add(new Cell(spec.name(), t, a, p));
                }
            }
        }
        return out;
    }

    public List<RunFolder> run(ExperimentSpec.TeacherHallucination spec, RunListener listener, RunControl control) {
        List<RunFolder> folders = new ArrayList<>();
        LfwFaceSet set = null;
        for (Cell cell : cells(spec)) {
            if (control.isCancelled()) {
                break;
            }
            RunFolder folder = store.folder(spec.name(), cell.id());
            java.util.Optional<RunClaim> claim = RunClaim.tryClaim(folder);
            if (claim.isEmpty()) {
                listener.cellFinished(cell, folder, RunState.RUNNING, RunClaim.skippedMessage(folder));
                folders.add(folder);
                continue;
            }
            try (RunClaim held = claim.get()) {
                set = runClaimedCell(spec, cell, folder, set, listener, control);
            }
            folders.add(folder);
        }
        return folders;
    }

    /** One cell, its folder claimed; returns the face set, opened on first need. */
    private LfwFaceSet runClaimedCell(ExperimentSpec.TeacherHallucination spec, Cell cell, RunFolder folder, LfwFaceSet set,
                                      RunListener listener, RunControl control) {
        if (folder.isComplete()) {
            listener.cellFinished(cell, folder, RunState.DONE, "already complete");
            return set;
        }
        writeConfig(spec, cell, folder);
        LfwFaceSet[] opened = {set};
        CellLifecycle.run(cell, folder, listener, control, () -> {
            if (opened[0] == null) {
                opened[0] = datasets.open(datasets.root(spec.dataset()));
            }
            return evaluate(cell, opened[0], folder, listener, control);
        });
        return opened[0];
    }

    private static void writeConfig(ExperimentSpec.TeacherHallucination spec, Cell cell, RunFolder folder) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", spec.name());
        cfg.addProperty("kind", ExperimentSpec.KIND_HALLUCINATION);
        cfg.addProperty("cell", cell.id());
        cfg.addProperty("label", cell.label());
        cfg.addProperty("teacher", cell.teacher().name());
        cfg.addProperty("alignment", cell.alignment().label());
        cfg.addProperty("input", cell.input());
        if (cell.resolution() != null) {
            cfg.addProperty("resolution", cell.resolution());
            cfg.addProperty("hallucination", "bilinear");
        }
        cfg.addProperty("split", "all pairs");
        cfg.add("dataset", ExperimentJson.tree(spec.dataset()));
        cfg.add(SettingsChosenOn.KEY, spec.settingsChosenOn().toJson());
        folder.writeJson(RunFolder.CONFIG, cfg);
    }

    private TeacherInputs inputs(Cell cell) {
        TeacherInputs in = cell.alignment() == TeacherInputs.Alignment.FIXED ? TeacherInputs.lfwFixed()
                : TeacherInputs.detectorAligned(detections);
        return cell.resolution() == null ? in : in.bilinearFrom(cell.resolution());
    }

    private String evaluate(Cell cell, LfwFaceSet set, RunFolder folder, RunListener listener, RunControl control) {
        TeacherInputs in = inputs(cell);
        LinkedHashSet<FaceRecord> unique = new LinkedHashSet<>();
        for (FacePair p : set.pairs().resolve(set.dataset())) {
            unique.add(p.a());
            unique.add(p.b());
        }
        Path root = set.root();
        Provenance.write(folder, "all pairs", 0, cell.teacher().name(), root, List.copyOf(unique),
                features.fingerprint(cell.teacher(), in));
        TeacherEvaluation evaluation = new TeacherEvaluation(features,
                phase -> (done, total) -> {
                    control.throwIfCancelled();
                    listener.status(cell, phase, total == 0 ? 1 : (double) done / total);
                });
        TeacherEvaluationResult r = evaluation.run(set, cell.teacher(), in);
        if (Thread.currentThread().isInterrupted()) {
            throw new RunControl.CancelledException();
        }
        JsonObject json = JsonParser.parseString(r.toJsonString()).getAsJsonObject();
        json.addProperty("kind", ExperimentSpec.KIND_HALLUCINATION);
        json.addProperty("input", cell.input());
        // Not RunFolder.writeJson: its Gson drops null members, and "resolution" is null for HR.
        try {
            AtomicFiles.writeString(folder.file(RunFolder.RESULTS),
                    new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create()
                            .toJson(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.file(RunFolder.RESULTS), e);
        }
        return String.format(Locale.ROOT, "done: accuracy %.2f%% +- %.2f, AUC %.4f on %d pairs",
                100 * r.verification().accuracy(), 100 * r.verification().accuracyStd(), r.verification().auc(),
                r.verification().pairs());
    }
}
