package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;

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
    public record QueuedRun(RunFolder folder, ExperimentSpec spec, ExperimentCell cell) {
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
        ExperimentSpec spec = new ExperimentSpec();
        try {
            spec.name = string(cfg, "experiment", source);
            spec.students = List.of(string(cfg, "student", source));
            spec.losses = List.of(string(cfg, "loss", source));
            spec.splits = List.of(string(cfg, "split", source));
            spec.seeds = List.of(required(cfg, "seed", source).getAsLong());
            spec.dataset = ExperimentSpec.GSON.fromJson(required(cfg, "dataset", source), ExperimentSpec.DatasetSpec.class);
            spec.training = ExperimentSpec.GSON.fromJson(required(cfg, "training", source), ExperimentSpec.Training.class);
            // The resolved D(I) parameters: every key, which DegradationParams accepts as overrides.
            spec.degradation = required(cfg, "degradation", source).getAsJsonObject();
            spec.adaptation = cfg.has("adaptation") ? cfg.getAsJsonObject("adaptation") : new JsonObject();
            if (cfg.has("evaluation")) {
                spec.evaluation = ExperimentSpec.GSON.fromJson(cfg.get("evaluation"), ExperimentSpec.Evaluation.class);
            }
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
