package org.bridge.experiment.run;

import org.bridge.experiment.CellSettings;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import org.bridge.config.UserFacingException;

/**
 * Queued runs read back from the runs folder. {@link ExperimentRunner#queue} writes each cell's
 * fully resolved {@code config.json} and marks it QUEUED; this class turns such a folder back into
 * the one-cell experiment that produced it, so a queue built in one workbench session can be
 * worked through in the next (the runs folder is the queue: there is no second copy of it).
 */
public final class QueuedRuns {

    /** A run folder and the experiment and cell that reproduce its config.json. */
    public record QueuedRun(RunFolder folder, ExperimentSpec.Students spec, ExperimentCell cell) {
    }

    private QueuedRuns() {
    }

    /** Every run folder whose state is QUEUED, in the store's order (experiment, then run id). */
    public static List<QueuedRun> waiting(RunStore store) {
        List<QueuedRun> out = new ArrayList<>();
        for (RunFolder f : store.list()) {
            if (f.state() == RunState.QUEUED) {
                out.add(read(f));
            }
        }
        return out;
    }

    /**
     * Rebuilds the experiment of one run folder from its config.json: the same student, loss,
     * split, seed, dataset and hyper-parameters, so the runner writes the same config and the same
     * folder again. Errors name the file.
     */
    public static QueuedRun read(RunFolder folder) {
        String source = folder.file(RunFolder.CONFIG).toString();
        JsonObject cfg = folder.readJson(RunFolder.CONFIG)
                .orElseThrow(() -> new UserFacingException("not a run folder (no config.json): " + folder.dir()));
        ExperimentSpec.Students spec;
        try {
            string(cfg, "student", source);
            for (String section : java.util.List.of("dataset", "training", "degradation")) {
                required(cfg, section, source);
            }
            // The config's settings, each checked as in a file; a section an older config lacks
            // ("adaptation", "evaluation") takes its default, as the runner did then.
            ExperimentSpec.Students base = ExperimentSpec.Students.defaults(string(cfg, "experiment", source));
            CellSettings settings = CellSettings.fromConfig(cfg, source, CellSettings.of(base));
            spec = base.withStudents(List.of(RunRecord.studentName(cfg)))
                    .withLosses(List.of(string(cfg, "loss", source)))
                    .withSplits(List.of(string(cfg, "split", source)))
                    .withSeeds(List.of(required(cfg, "seed", source).getAsLong()))
                    .withDataset(settings.dataset()).withTraining(settings.training())
                    .withDegradation(settings.degradation()).withAdaptation(settings.adaptation())
                    .withEvaluation(settings.evaluation()).withSettingsChosenOn(settings.settingsChosenOn());
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new UserFacingException(source + " is not a valid run configuration: " + e.getMessage(), e);
        }
        spec.validate(source);
        List<ExperimentCell> cells = spec.cells();
        ExperimentCell cell = cells.get(0);
        if (!cell.id().equals(folder.id())) {
            // The runner would train into another folder and this one would stay QUEUED forever.
            throw new UserFacingException(source + " describes run " + cell.id() + " but sits in folder "
                    + folder.id() + "; move it or re-queue it");
        }
        return new QueuedRun(folder, spec, cell);
    }

    /**
     * Works through the QUEUED run folders, one after another, until none is left or the control
     * is cancelled: the workbench's "Run queued" and the command line's {@code run-queued}. The
     * folders are re-read before each run, so runs queued meanwhile are picked up. A folder that
     * cannot be read back, or that the runner refuses, is marked FAILED with the reason (so it is
     * not offered again) and a failing run does not stop the others; the returned folders include
     * the failed ones, whose status says why. Each folder is claimed ({@link RunClaim}) before it
     * is read or run: one another process holds is skipped.
     *
     * @return the folders run or failed, in order
     */
    public static List<RunFolder> workThrough(ExperimentRunner runner, RunStore store, RunListener listener,
                                              RunControl control) {
        Set<Path> tried = new HashSet<>();
        List<RunFolder> done = new ArrayList<>();
        while (!control.isCancelled()) {
            RunFolder next = nextQueued(store, tried);
            if (next == null) {
                break;
            }
            tried.add(next.dir());
            Optional<RunClaim> claim = RunClaim.tryClaim(next);
            if (claim.isEmpty()) {
                reportSkipped(next, listener);
                continue;
            }
            try (RunClaim held = claim.get()) {
                if (!stillQueued(next)) {
                    continue; // another runner took it and finished it between the listing and the claim
                }
                QueuedRun q;
                try {
                    q = read(next);
                } catch (UserFacingException e) {
                    next.setState(RunState.FAILED, e.getMessage());
                    done.add(next);
                    continue;
                }
                try {
                    done.add(run(runner, q, listener, control));
                } catch (RuntimeException e) {
                    // Refused before it started (e.g. other settings): recorded FAILED; go on with the next run.
                    next.setState(RunState.FAILED, message(e));
                    done.add(next);
                }
            }
        }
        return done;
    }

    private static boolean stillQueued(RunFolder f) {
        try {
            return f.state() == RunState.QUEUED;
        } catch (UserFacingException unreadable) {
            return false;
        }
    }

    /** A queued run another process has claimed: left to it, and said so (when its config can be read). */
    private static void reportSkipped(RunFolder f, RunListener listener) {
        QueuedRun q;
        try {
            q = read(f);
        } catch (RuntimeException unreadable) {
            return; // its holder reports on it
        }
        listener.cellFinished(q.cell(), f, RunState.RUNNING, RunClaim.skippedMessage(f));
    }

    /** The first QUEUED folder not tried yet, re-read from disk each time (runs queued meanwhile count). */
    private static RunFolder nextQueued(RunStore store, Set<Path> tried) {
        for (RunFolder f : store.list()) {
            if (tried.contains(f.dir())) {
                continue;
            }
            try {
                if (f.state() == RunState.QUEUED) {
                    return f;
                }
            } catch (UserFacingException e) {
                tried.add(f.dir()); // an unreadable status.json: the queue list shows it
            }
        }
        return null;
    }

    /** How many folders are QUEUED; an unreadable status counts as not waiting. */
    public static int countWaiting(RunStore store) {
        int n = 0;
        for (RunFolder f : store.list()) {
            try {
                n += f.state() == RunState.QUEUED ? 1 : 0;
            } catch (UserFacingException e) {
                // counted as not waiting
            }
        }
        return n;
    }

    private static String message(Throwable e) {
        if (e instanceof UserFacingException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Runs one queued cell with the given runner (the same call the runner makes for a fresh cell). */
    public static RunFolder run(ExperimentRunner runner, QueuedRun run, RunListener listener, RunControl control) {
        return runner.runCell(run.spec(), run.cell(), listener, control);
    }

    private static JsonElement required(JsonObject cfg, String key, String source) {
        JsonElement e = cfg.get(key);
        if (e == null || e.isJsonNull()) {
            throw new UserFacingException(source + " has no \"" + key + "\"");
        }
        return e;
    }

    private static String string(JsonObject cfg, String key, String source) {
        return required(cfg, key, source).getAsString();
    }
}
