package org.bridge.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * One JSON object of a settings file, read field by field with exact types: a whole number for
 * an int (64.5 is an error, not 64), a finite number for a double, true/false for a boolean, a
 * string for a string, no null. Every error is a {@link UserFacingException} naming the source,
 * the JSON path (e.g. {@code training.batchSize}) and, for a file read by {@link StrictJson},
 * the line. The keys asked for are the object's known keys: {@link #rejectUnknownKeys()} then
 * refuses any other, so a typo cannot silently fall back to a default.
 *
 * <p>This is the JSON edge of the settings records: a reader asks for each field with its
 * default, checks its range with {@link #require}, and builds its (immutable) value from them.
 */
public final class JsonFields {

    private final JsonObject object;
    private final String source;
    private final String path;
    private final Map<String, Integer> lines;
    private final Set<String> known = new LinkedHashSet<>();

    JsonFields(JsonObject object, String source, String path, Map<String, Integer> lines) {
        this.object = object;
        this.source = source;
        this.path = path;
        this.lines = lines;
    }

    /** A view of an object that was not read from text (no line numbers), at JSON path {@code path}. */
    public static JsonFields of(JsonObject object, String source, String path) {
        return new JsonFields(object == null ? new JsonObject() : object, source, path, Collections.emptyMap());
    }

    /** The object itself (a copy), e.g. to keep a section's overrides as written. */
    public JsonObject json() {
        return object.deepCopy();
    }

    public String source() {
        return source;
    }

    /** The JSON path of a key of this object, e.g. {@code training.batchSize}. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return object.has(key);
    }

    /** An error about a key of this object, naming source, path and line. */
    public UserFacingException error(String key, String problem) {
        return errorAt(path(key), problem);
    }

    /** An error about this object as a whole. */
    public UserFacingException error(String problem) {
        return errorAt(path, problem);
    }

    /** Refuses the value of {@code key} with {@code problem} unless {@code ok}. */
    public void require(String key, boolean ok, String problem) {
        if (!ok) {
            throw error(key, problem);
        }
    }

    public int integer(String key, int fallback) {
        return value(key).map(v -> toInt(v, path(key))).orElse(fallback);
    }

    public long longInteger(String key, long fallback) {
        return value(key).map(v -> toLong(v, path(key))).orElse(fallback);
    }

    /** A finite number. */
    public double number(String key, double fallback) {
        return value(key).map(v -> toDouble(v, path(key))).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return value(key).map(v -> toBoolean(v, path(key))).orElse(fallback);
    }

    public String string(String key, String fallback) {
        return value(key).map(v -> toText(v, path(key))).orElse(fallback);
    }

    public List<String> strings(String key, List<String> fallback) {
        return list(key, fallback, this::toText);
    }

    public List<Integer> integers(String key, List<Integer> fallback) {
        return list(key, fallback, this::toInt);
    }

    public List<Long> longIntegers(String key, List<Long> fallback) {
        return list(key, fallback, this::toLong);
    }

    /** A nested object, when given. */
    public Optional<JsonFields> object(String key) {
        return value(key).map(v -> {
            if (!v.isJsonObject()) {
                throw errorAt(path(key), "must be an object { ... }, not " + v);
            }
            return new JsonFields(v.getAsJsonObject(), source, path(key), lines);
        });
    }

    /** A value of a shape the caller checks itself (e.g. a word or an object), when given. */
    public Optional<JsonElement> raw(String key) {
        return value(key);
    }

    /** Refuses every key that no reader asked for, listing the known ones. */
    public void rejectUnknownKeys() {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new UserFacingException(source + ": unknown key '" + path(key) + "'" + lineOf(path(key), "known"
                        + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    private Optional<JsonElement> value(String key) {
        known.add(key);
        JsonElement v = object.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isJsonNull()) {
            throw errorAt(path(key), "must not be null (leave the key out for the default)");
        }
        return Optional.of(v);
    }

    private <T> List<T> list(String key, List<T> fallback, ItemReader<T> item) {
        Optional<JsonElement> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().isJsonArray()) {
            throw errorAt(path(key), "must be a list [ ... ], not " + v.get());
        }
        JsonArray array = v.get().getAsJsonArray();
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path(key) + "[" + i + "]";
            if (array.get(i).isJsonNull()) {
                throw errorAt(at, "must not be null");
            }
            out.add(item.read(array.get(i), at));
        }
        return out;
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonElement value, String at);
    }

    private int toInt(JsonElement v, String at) {
        return wholeNumber(v, at, BigDecimal::intValueExact, "a whole number", Integer.MAX_VALUE);
    }

    private long toLong(JsonElement v, String at) {
        return wholeNumber(v, at, BigDecimal::longValueExact, "a whole number", Long.MAX_VALUE);
    }

    private <T> T wholeNumber(JsonElement v, String at, Function<BigDecimal, T> exact, String what, long max) {
        BigDecimal d = decimal(v, at, what);
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw errorAt(at, "must be " + what + ", not " + v);
        }
        String tooLarge = "must be " + what + " between -" + max + " and " + max + ", not " + v;
        // precision - scale is the number of integer digits; the bound keeps 1e999999999 from
        // being expanded digit by digit.
        if (d.precision() - d.scale() > 20) {
            throw errorAt(at, tooLarge);
        }
        try {
            return exact.apply(d.setScale(0, java.math.RoundingMode.UNNECESSARY));
        } catch (ArithmeticException outOfRange) {
            throw errorAt(at, tooLarge);
        }
    }

    private BigDecimal decimal(JsonElement v, String at, String what) {
        if (!isNumber(v)) {
            throw errorAt(at, "must be " + what + ", not " + v);
        }
        try {
            return new BigDecimal(v.getAsString());
        } catch (NumberFormatException notFinite) {
            throw errorAt(at, "must be " + what + ", not " + v);
        }
    }

    private double toDouble(JsonElement v, String at) {
        if (!isNumber(v)) {
            throw errorAt(at, "must be a number, not " + v);
        }
        double d = v.getAsDouble();
        if (!Double.isFinite(d)) {
            throw errorAt(at, "must be a finite number, not " + v);
        }
        return d;
    }

    private boolean toBoolean(JsonElement v, String at) {
        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
            throw errorAt(at, "must be true or false, not " + v);
        }
        return v.getAsBoolean();
    }

    private String toText(JsonElement v, String at) {
        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isString())) {
            throw errorAt(at, "must be a string in double quotes, not " + v);
        }
        return v.getAsString();
    }

    private static boolean isNumber(JsonElement v) {
        return v.isJsonPrimitive() && ((JsonPrimitive) v).isNumber();
    }

    /** "source: path problem (line n)", e.g. "x.json: training.batchSize must be >= 1, not 0 (line 7)". */
    private UserFacingException errorAt(String at, String problem) {
        return new UserFacingException(source + ": " + (at.isEmpty() ? "" : at + " ") + problem + lineOf(at, ""));
    }

    private String lineOf(String at, String more) {
        Integer line = lines.get(at);
        if (line == null || line <= 0) {
            return more.isEmpty() ? "" : " (" + more + ")";
        }
        return " (line " + line + (more.isEmpty() ? "" : "; " + more) + ")";
    }
}
