package org.bridge.experiment.report;

import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.degrade.DegradationParams;

/**
 * A run's settings as the comparison of runs sees them: its config.json flattened to dotted keys
 * ({@code training.learningRate}, {@code degradation.noise.maxSigma}) with their values as text,
 * and, for a list of runs, the keys whose values differ between them: what a researcher wants
 * beside the numbers (regression target, learning rate, epochs, D(I), development fold, ...).
 */
public final class RunSettings {

    /** The keys that name a run rather than set it up: the tables show them already, or they differ by split. */
    private static final Set<String> IDENTITY = Set.of("experiment", "cell", "student", "loss", "split");

    /** The build that trained the runs (from provenance.json, not config.json): shown when runs differ in it. */
    public static final String CODE = "code";

    /** The processor's vector instruction sets (provenance.json): shown when runs differ in it. */
    public static final String CPU = "cpu";

    /** Short titles for the settings a researcher compares most; other keys are shown as they are. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(CODE, "Code"),
            Map.entry(CPU, "CPU"),
            Map.entry("regressionTarget", "Target"),
            Map.entry("seed", "Seed"),
            Map.entry("resolution", "p"),
            Map.entry("supervision", "Supervision"),
            Map.entry("teacher", "Teacher"),
            Map.entry("settingsChosenOn", "Development fold"),
            Map.entry("dataset.kind", "Dataset"),
            Map.entry("training.learningRate", "lr"),
            Map.entry("training.pretrainEpochs", "Pre-train epochs"),
            Map.entry("training.finetuneEpochs", "Fine-tune epochs"),
            Map.entry("training.batchSize", "Batch"),
            Map.entry("training.optimizer", "Optimizer"),
            Map.entry("training.weightDecay", "Weight decay"),
            Map.entry("training.regressionWeight", "Regression weight"),
            Map.entry("training.ensembleWeightC", "Weight of C"),
            Map.entry("adaptation.epochs", "Step 1 epochs"),
            Map.entry("adaptation.temperature", "Step 1 T"),
            Map.entry("adaptation.lambda", "Step 1 \u03bb"));

    private RunSettings() {
    }

    /** Every leaf of {@code config} by dotted key, in file order; arrays and objects-in-arrays as their JSON text. */
    public static Map<String, String> flatten(JsonObject config) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", config, out);
        return out;
    }

    private static void flatten(String prefix, JsonObject o, Map<String, String> out) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String key = prefix + e.getKey();
            JsonElement v = e.getValue();
            if (v.isJsonObject()) {
                flatten(key + ".", v.getAsJsonObject(), out);
            } else if (v.isJsonNull()) {
                out.put(key, "");
            } else if (v.isJsonPrimitive()) {
                out.put(key, v.getAsString());
            } else {
                out.put(key, v.toString());
            }
        }
    }

    /**
     * The settings of a results row: the flattened config.json of its runs, without the keys that
     * only name it, the build that trained them ({@link #CODE}) and its processor ({@link #CPU});
     * a key whose runs disagree (e.g. a split chosen on another fold) shows both values, {@code a / b}.
     */
    public static Map<String, String> of(RunGroup row) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (RunRecord r : row.runs()) {
            flatten(withDefaults(r.config())).forEach((k, v) -> {
                if (!IDENTITY.contains(k)) {
                    values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v);
                }
            });
            if (!r.code().isEmpty()) {
                values.computeIfAbsent(CODE, x -> new LinkedHashSet<>()).add(r.code());
            }
            String cpu = r.cpuVectorIsa();
            if (!cpu.isEmpty()) {
                values.computeIfAbsent(CPU, x -> new LinkedHashSet<>()).add(cpu);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, String.join(" / ", v)));
        return out;
    }

    /**
     * {@code config} with its D(I) section completed by the current defaults, so a run made before
     * a D(I) step existed (no key for it) reads as that step's default (e.g. grey probability 0,
     * which is what it ran) instead of a blank that looks like a difference. A section that no
     * longer parses is left as it is.
     */
    static JsonObject withDefaults(JsonObject config) {
        if (!config.has("degradation") || !config.get("degradation").isJsonObject()) {
            return config;
        }
        try {
            DegradationParams d = DegradationParams.fromJson(config.get("degradation").toString(), "config.json");
            JsonObject out = config.deepCopy();
            out.add("degradation", JsonParser.parseString(d.toJson()));
            return out;
        } catch (RuntimeException e) {
            return config;
        }
    }

    /**
     * The keys whose value is not the same for every one of {@code settings} (a key missing from
     * some counts as the value ""), in the order they first appear. Empty with fewer than two.
     */
    public static List<String> differing(List<Map<String, String>> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(s -> keys.addAll(s.keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            Set<String> seen = new LinkedHashSet<>();
            for (Map<String, String> s : settings) {
                seen.add(s.getOrDefault(k, ""));
            }
            if (seen.size() > 1) {
                out.add(k);
            }
        }
        return out;
    }

    /** A column title: {@code lr} for {@code training.learningRate}, {@code D(I) noise.maxSigma} for the degradation. */
    public static String title(String key) {
        String t = TITLES.get(key);
        if (t != null) {
            return t;
        }
        if (key.startsWith("degradation.")) {
            return "D(I) " + key.substring("degradation.".length());
        }
        return key;
    }
}
