package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bridge.config.JsonFields;
import org.bridge.config.UserFacingException;
import org.bridge.degrade.DegradationParams;
import org.bridge.distill.AdaptationParams;
import org.bridge.teacher.TeacherId;

/**
 * The settings one student cell trains with, as its run folder's config.json holds them. The
 * file is this record's serialisation (with the cell's identity); "did the experiment change
 * since this folder was written" is record equality.
 *
 * @param adaptation step 1's module settings of the experiment (the cell's seed is added when it trains)
 */
public record CellSettings(ExperimentSpec.DatasetSpec dataset, TrainingSettings training, DegradationParams degradation,
                    AdaptationParams adaptation, ExperimentSpec.Evaluation evaluation,
                    SettingsChosenOn settingsChosenOn) {

    public static CellSettings of(ExperimentSpec.Students spec) {
        return new CellSettings(spec.dataset(), spec.training(), spec.degradation(), spec.adaptation(),
                spec.evaluation(), spec.settingsChosenOn());
    }

    /** The cell's config.json: what it is (student, loss, split, seed) and every setting, resolved. */
    public static JsonObject config(ExperimentSpec.Students spec, ExperimentCell cell) {
        CellSettings s = of(spec);
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", spec.name());
        cfg.addProperty("cell", cell.id());
        cfg.addProperty("student", cell.student().name());
        cfg.addProperty("resolution", cell.student().resolution());
        cfg.addProperty("supervision", cell.student().supervision().name());
        cfg.addProperty("teacher", cell.student().teacher().name());
        cfg.addProperty("regressionTarget", cell.student().target().key());
        cfg.addProperty("loss", cell.loss());
        cfg.addProperty("split", cell.split());
        cfg.addProperty("seed", cell.seed());
        cfg.add("dataset", ExperimentJson.tree(s.dataset()));
        cfg.add("training", ExperimentJson.tree(s.training()));
        cfg.add("degradation", ExperimentJson.degradation(s.degradation()));
        cfg.add("adaptation", ExperimentJson.studentAdaptation(s.adaptation()));
        cfg.add("evaluation", ExperimentJson.tree(s.evaluation()));
        JsonElement chosenOn = s.settingsChosenOn().toJson();
        if (chosenOn != null) {
            cfg.add(SettingsChosenOn.KEY, chosenOn);
        }
        return cfg;
    }

    /**
     * The settings a config.json records. Sections it lacks (a folder written before they existed)
     * are taken from {@code fallback}; keys it lacks take their defaults, which keep the earlier
     * behaviour; keys the code no longer has are ignored. Values are checked as in a file.
     */
    public static CellSettings fromConfig(JsonObject cfg, String source, CellSettings fallback) {
        ExperimentSpec.DatasetSpec dataset = section(cfg, "dataset", source, fallback.dataset(),
                ExperimentSpec.DatasetSpec.SAMPLE, ExperimentJson::dataset);
        TrainingSettings training = section(cfg, "training", source, fallback.training(), TrainingSettings.DEFAULTS,
                ExperimentJson::training);
        DegradationParams degradation = section(cfg, "degradation", source, fallback.degradation(),
                DegradationParams.defaults(), DegradationParams::fromJson);
        AdaptationParams adaptation = section(cfg, "adaptation", source, fallback.adaptation(),
                ExperimentJson.studentAdaptation(AdaptationParams.defaults()), ExperimentJson::studentAdaptation);
        ExperimentSpec.Evaluation evaluation = section(cfg, "evaluation", source, fallback.evaluation(),
                ExperimentSpec.Evaluation.DEFAULT, ExperimentJson::evaluation);
        return new CellSettings(dataset, training, degradation, adaptation, evaluation,
                SettingsChosenOn.parse(cfg.get(SettingsChosenOn.KEY), source));
    }

    /** The keys of a stored section that this code knows (those of {@code current}), read strictly. */
    private static <T> T section(JsonObject cfg, String key, String source, T fallback, Object current,
                                 java.util.function.Function<JsonFields, T> read) {
        if (!cfg.has(key)) {
            return fallback;
        }
        if (!cfg.get(key).isJsonObject()) {
            throw new UserFacingException(source + ": " + key + " must be an object { ... }, not " + cfg.get(key));
        }
        JsonObject known = new JsonObject();
        JsonElement shape = current instanceof JsonElement e ? e : ExperimentJson.tree(current);
        if (current instanceof DegradationParams d) {
            shape = ExperimentJson.degradation(d);
        }
        for (var e : cfg.getAsJsonObject(key).entrySet()) {
            if (shape.getAsJsonObject().has(e.getKey()) || "path".equals(e.getKey())) {
                known.add(e.getKey(), e.getValue());
            }
        }
        return read.apply(JsonFields.of(known, source, key));
    }

    /**
     * Whether the cell runs step 1 (regresses onto adapted features f_a): only then do the
     * adaptation settings change its result, so only then does a change refuse its folder.
     */
    static boolean runsStepOne(ExperimentCell cell) {
        return cell.student().supervision().regressionTarget() == org.bridge.distill.Supervision.Target.ADAPTED
                && cell.student().target() == MimicTarget.ADAPTED;
    }

    /**
     * What changed from these (stored) settings to {@code now}, in words, for a cell: empty when
     * the cell would train the same. E's weight on C is not compared for a cell without E: it only
     * shapes E's features, and refusing would make every finished non-E cell of a grid unusable
     * after the ensemble was re-weighted.
     */
    public List<String> changesTo(CellSettings now, ExperimentCell cell) {
        List<String> changed = new ArrayList<>();
        TrainingSettings was = training;
        if (cell.student().teacher() != TeacherId.E) {
            was = was.withEnsembleWeightC(now.training().ensembleWeightC());
        }
        // The engine changes how iterations are computed, not the model: a cell may resume with another.
        was = was.withEngine(now.training().engine());
        if (!was.equals(now.training())) {
            JsonObject a = ExperimentJson.tree(was).getAsJsonObject();
            JsonObject b = ExperimentJson.tree(now.training()).getAsJsonObject();
            for (String key : b.keySet()) {
                if (!Objects.equals(a.get(key), b.get(key))) {
                    changed.add("training." + key + " " + a.get(key) + " -> " + b.get(key));
                }
            }
        }
        if (!degradation.equals(now.degradation())) {
            changed.add("degradation");
        }
        if (runsStepOne(cell) && !adaptation.equals(now.adaptation())) {
            changed.add("adaptation " + ExperimentJson.studentAdaptation(adaptation) + " -> "
                    + ExperimentJson.studentAdaptation(now.adaptation()));
        }
        if (!dataset.equals(now.dataset())) {
            changed.add("dataset " + ExperimentJson.tree(dataset) + " -> " + ExperimentJson.tree(now.dataset()));
        }
        return changed;
    }
}
