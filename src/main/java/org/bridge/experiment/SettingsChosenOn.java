package org.bridge.experiment;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.bridge.config.UserFacingException;

/**
 * Where an experiment's settings were chosen: per split, the pairs.txt fold(s) its development
 * data came from (e.g. split A's development fold 5, see {@link ValidationFold}), or none (the
 * paper's defaults). pairs.txt folds are numbered for the whole of LFW, so a fold chosen on for
 * split A can be a target fold of split B (A's targets are folds 6-10, B's 1-5): a number of
 * split B, or pooled over both, then rests on pairs that were looked at while choosing.
 *
 * @param byDevelopmentSplit split to its development folds; empty for none
 * @param declared           false when the experiment file did not say (older files and runs)
 */
public record SettingsChosenOn(Map<String, List<Integer>> byDevelopmentSplit, boolean declared) {

    /** The experiment-file and config.json key. */
    public static final String KEY = "settingsChosenOn";
    public static final String NONE_WORD = "none";
    /** pairs.txt of LFW (and of the synthetic sample set) has ten folds; the bridge cuts them in half. */
    static final int FOLDS = 10;

    public static final SettingsChosenOn NONE = new SettingsChosenOn(Map.of(), true);
    public static final SettingsChosenOn UNDECLARED = new SettingsChosenOn(Map.of(), false);

    public SettingsChosenOn {
        byDevelopmentSplit = Map.copyOf(byDevelopmentSplit);
    }

    /** Reads the field (null: not declared); a wrong shape is refused naming {@code source}. */
    public static SettingsChosenOn parse(JsonElement value, String source) {
        if (value == null || value.isJsonNull()) {
            return UNDECLARED;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                && NONE_WORD.equals(value.getAsString())) {
            return NONE;
        }
        if (!value.isJsonObject() || value.getAsJsonObject().isEmpty()) {
            throw wrong(source, "found " + value);
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            if (!List.of("A", "B").contains(e.getKey())) {
                throw wrong(source, "split must be A or B, not '" + e.getKey() + "'");
            }
            if (!e.getValue().isJsonArray() || e.getValue().getAsJsonArray().isEmpty()) {
                throw wrong(source, "split " + e.getKey() + " needs a non-empty list of folds, found " + e.getValue());
            }
            TreeSet<Integer> folds = new TreeSet<>();
            for (JsonElement f : e.getValue().getAsJsonArray()) {
                if (!f.isJsonPrimitive() || !f.getAsJsonPrimitive().isNumber()
                        || f.getAsDouble() != Math.rint(f.getAsDouble()) || f.getAsInt() < 1 || f.getAsInt() > FOLDS) {
                    throw wrong(source, "split " + e.getKey() + ": a fold is a whole number 1-" + FOLDS + ", not " + f);
                }
                if (!folds.add(f.getAsInt())) {
                    throw wrong(source, "split " + e.getKey() + " names fold " + f.getAsInt() + " twice");
                }
            }
            out.put(e.getKey(), List.copyOf(folds));
        }
        return new SettingsChosenOn(out, true);
    }

    private static UserFacingException wrong(String source, String detail) {
        return new UserFacingException(source + ": " + KEY + " must be \"" + NONE_WORD + "\" (the paper's defaults) or,"
                + " per split, the pairs.txt folds the settings were chosen on, e.g. {\"A\": [5]}; " + detail);
    }

    /** What a run's config.json says (a run written before the field existed: not declared). */
    public static SettingsChosenOn ofRun(JsonObject config, String source) {
        return parse(config.get(KEY), source);
    }

    /** The value as written in an experiment file; null when not declared. */
    public JsonElement toJson() {
        if (!declared) {
            return null;
        }
        if (byDevelopmentSplit.isEmpty()) {
            return new JsonPrimitive(NONE_WORD);
        }
        JsonObject o = new JsonObject();
        for (Map.Entry<String, List<Integer>> e : new TreeMap<>(byDevelopmentSplit).entrySet()) {
            JsonArray a = new JsonArray();
            e.getValue().forEach(a::add);
            o.add(e.getKey(), a);
        }
        return o;
    }

    /** Every pairs.txt fold looked at while choosing. */
    public TreeSet<Integer> folds() {
        TreeSet<Integer> all = new TreeSet<>();
        byDevelopmentSplit.values().forEach(all::addAll);
        return all;
    }

    /** The pairs.txt folds whose pairs a split's numbers are measured on: A 6-10, B 1-5 (none for others). */
    public static List<Integer> targetFolds(String split) {
        int half = FOLDS / 2;
        return switch (split) {
            case "A" -> java.util.stream.IntStream.rangeClosed(half + 1, FOLDS).boxed().toList();
            case "B" -> java.util.stream.IntStream.rangeClosed(1, half).boxed().toList();
            default -> List.of();
        };
    }

    /** The development folds that are target folds of one of {@code splits}: where the numbers leak. */
    public TreeSet<Integer> leakedInto(Collection<String> splits) {
        TreeSet<Integer> leaked = new TreeSet<>();
        for (String s : splits) {
            for (int f : targetFolds(s)) {
                if (folds().contains(f)) {
                    leaked.add(f);
                }
            }
        }
        return leaked;
    }

    /** For tables: e.g. {@code A fold 5}, {@code none (paper defaults)} or {@code undeclared}. */
    public String describe() {
        if (!declared) {
            return "undeclared";
        }
        if (byDevelopmentSplit.isEmpty()) {
            return "none (paper defaults)";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Integer>> e : new TreeMap<>(byDevelopmentSplit).entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append(e.getValue().size() == 1 ? " fold " : " folds ")
                    .append(String.join(",", e.getValue().stream().map(String::valueOf).toList()));
        }
        return sb.toString();
    }
}
