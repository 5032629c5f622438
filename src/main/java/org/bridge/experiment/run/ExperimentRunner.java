package org.bridge.experiment.run;

import org.bridge.experiment.CellSettings;
import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.FlipAveragedVerification;
import org.bridge.experiment.RegressionTargets;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TeacherFeatureProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.experiment.run.CellContext;
import org.bridge.experiment.run.CellLifecycle;
import org.bridge.experiment.run.StudentTraining;

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
    private StudentTraining training;

    public ExperimentRunner(RunStore store, ExperimentDatasets datasets, TeacherFeatureProvider teachers,
                            RegressionTargets adaptation) {
        this.store = store;
        this.datasets = datasets;
        this.teachers = teachers;
        this.adaptation = adaptation;
        this.training = new StudentTraining(teachers, adaptation, RunOptions.NONE);
    }

    /** The stages of a student cell's training (for tests of one stage). */
    StudentTraining training() {
        return training;
    }

    /** How runs are recorded from now on (e.g. DL4J statistics for the training UI); returns this runner. */
    public ExperimentRunner options(RunOptions options) {
        this.training = new StudentTraining(teachers, adaptation, java.util.Objects.requireNonNull(options, "options"));
        return this;
    }

    /**
     * Runs every cell not yet complete; returns the folders of all cells, in order. A cell whose
     * folder holds other settings is refused before any cell runs; a cell that fails while it
     * runs is recorded FAILED and the next cell runs.
     */
    public List<RunFolder> run(ExperimentSpec.Students spec, RunListener listener, RunControl control) {
        for (ExperimentCell cell : spec.cells()) {
            requireSameSettings(spec, cell, store.folder(spec.name(), cell.id()));
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
    public List<RunFolder> queue(ExperimentSpec.Students spec) {
        List<RunFolder> out = new ArrayList<>();
        for (ExperimentCell cell : spec.cells()) {
            RunFolder f = store.folder(spec.name(), cell.id());
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
    public RunFolder runCell(ExperimentSpec.Students spec, ExperimentCell cell, RunListener listener, RunControl control) {
        RunFolder folder = store.folder(spec.name(), cell.id());
        java.util.Optional<RunClaim> claim = RunClaim.tryClaim(folder);
        if (claim.isEmpty()) {
            listener.cellFinished(cell, folder, RunState.RUNNING, RunClaim.skippedMessage(folder));
            return folder;
        }
        try (RunClaim held = claim.get()) {
            return runClaimedCell(spec, cell, folder, listener, control);
        }
    }

    private RunFolder runClaimedCell(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder,
                                     RunListener listener, RunControl control) {
        requireSameSettings(spec, cell, folder);
        if (folder.isComplete()) {
            String message = "already complete";
            if (FlipAveragedVerification.isMissing(folder)) {
                message = addFlipAverage(spec, cell, folder, listener, control);
            }
            if (DegradedPairsVerification.isMissing(folder)) {
                message = addDegradedPairs(spec, cell, folder, listener, control, message);
            }
            listener.cellFinished(cell, folder, RunState.DONE, message);
            return folder;
        }
        writeConfig(spec, cell, folder);
        CellLifecycle.run(cell, folder, listener, control, () -> {
            removeUnfinishedWrites(cell, folder, listener);
            return train(new CellContext(spec, cell, folder, listener, control));
        });
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
    private String addFlipAverage(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                                  RunControl control) {
        String stage = "flip-averaged verification (from the saved model)";
        try {
            BridgeSplit split = protocol(datasets.root(spec.dataset())).split(LfwBridgeProtocol.Split.valueOf(cell.split()));
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

    /** As {@link #addFlipAverage}, for the verification on degraded target pairs. */
    private String addDegradedPairs(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder, RunListener listener,
                                    RunControl control, String message) {
        String stage = "verification on degraded pairs (from the saved model)";
        try {
            BridgeSplit split = protocol(datasets.root(spec.dataset())).split(LfwBridgeProtocol.Split.valueOf(cell.split()));
            listener.status(cell, stage, 0);
            DegradedPairsVerification.addTo(folder, split, new ImageDecoder(), (d, t) -> {
                control.throwIfCancelled();
                listener.status(cell, stage, (double) d / t);
            });
            return message + "; added the verification on degraded pairs";
        } catch (RunControl.CancelledException e) {
            return message + "; verification on degraded pairs cancelled";
        } catch (RuntimeException e) {
            return message + "; verification on degraded pairs failed: " + e.getMessage();
        }
    }

    /**
     * A cell's folder is found by student, loss, split and seed, not by its settings. When the
     * experiment file changed since the folder was written, skipping the finished cell (or
     * resuming its checkpoint) would put runs of two settings into one table, so this refuses,
     * naming what changed ({@link CellSettings#changesTo}). Settings added to the code since
     * (absent from an older config.json) count with their defaults, which keep the earlier behaviour.
     */
    public static void requireSameSettings(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder) {
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
            CellSettings now = CellSettings.of(spec);
            changed.addAll(CellSettings.fromConfig(old, folder.file(RunFolder.CONFIG).toString(), now)
                    .changesTo(now, cell));
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

    private static void writeConfig(ExperimentSpec.Students spec, ExperimentCell cell, RunFolder folder) {
        folder.writeJson(RunFolder.CONFIG, CellSettings.config(spec, cell));
    }

    private LfwBridgeProtocol protocol(Path root) {
        return protocols.computeIfAbsent(root.toString(), r -> LfwBridgeProtocol.of(datasets.open(root)));
    }

    /** Trains and evaluates, stage by stage; returns a status message. Writes results.json only when complete. */
    private String train(CellContext c) throws IOException {
        Path root = datasets.root(c.spec().dataset());
        BridgeSplit split = protocol(root).split(LfwBridgeProtocol.Split.valueOf(c.cell().split()));
        return training.train(c, root, protocol(root), split);
    }
}
