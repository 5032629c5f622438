package org.bridge.config;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads settings files written by people (experiment files, degradation parameters) as strict
 * JSON: no comments, single quotes, unquoted words, trailing commas, NaN or Infinity, and no key
 * twice in one object (Gson's own parsers keep the last of two equal keys without a word). The
 * result is a {@link JsonFields} view that remembers the line of every value, so later type and
 * range errors can name file, JSON path and line.
 */
public final class StrictJson {

    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");
    private static final Pattern GSON_PATH = Pattern.compile(" path \\$\\.?(\\S*)$");
    private static final String GSON_LENIENT_HINT = "Use JsonReader.setLenient(true) to accept malformed JSON";

    private StrictJson() {
    }

    /** Reads a file that must hold one JSON object; errors name the file. */
    public static JsonFields readObject(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parseObject(text, file.toString());
    }

    /** Parses text that must be one JSON object; errors start with {@code source} (a file name). */
    public static JsonFields parseObject(String text, String source) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setLenient(false);
        Map<String, Integer> lines = new HashMap<>();
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new UserFacingException(source + ": expected a JSON object ({ ... }) at line " + line(reader));
            }
            JsonObject root = readObject(reader, "", lines, source);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new UserFacingException(source + ": text after the closing } at line " + line(reader));
            }
            return new JsonFields(root, source, "", lines);
        } catch (EOFException e) {
            throw new UserFacingException(source + ": " + (text.isBlank() ? "empty file"
                    : "not valid JSON: the file ends inside an object or list (a missing } or ])"), e);
        } catch (MalformedJsonException e) {
            throw new UserFacingException(source + ": not valid JSON: " + describe(e.getMessage()), e);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new UserFacingException(source + ": not valid JSON: " + describe(e.getMessage()), e);
        }
    }

    private static JsonElement readValue(JsonReader reader, String path, Map<String, Integer> lines, String source)
            throws IOException {
        JsonToken token = reader.peek();
        lines.putIfAbsent(path, line(reader));
        switch (token) {
            case BEGIN_OBJECT:
                return readObject(reader, path, lines, source);
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                for (int i = 0; reader.hasNext(); i++) {
                    array.add(readValue(reader, path + "[" + i + "]", lines, source));
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                // The text as written (as Gson's own tree keeps it), so 30 stays 30 and 0.5 stays 0.5.
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new MalformedJsonException("unexpected " + token + locationOf(reader));
        }
    }

    private static JsonObject readObject(JsonReader reader, String path, Map<String, Integer> lines, String source)
            throws IOException {
        JsonObject object = new JsonObject();
        lines.putIfAbsent(path, line(reader));
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            String child = path.isEmpty() ? key : path + "." + key;
            if (object.has(key)) {
                throw new UserFacingException(source + ": duplicate key '" + child + "' at line " + line(reader)
                        + " (first at line " + lines.get(child) + "); give each key once");
            }
            object.add(key, readValue(reader, child, lines, source));
        }
        reader.endObject();
        return object;
    }

    /** The reader's current line, from its location text (Gson keeps line and column private). */
    private static int line(JsonReader reader) {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String locationOf(JsonReader reader) {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? m.group() : "";
    }

    private static String describe(String gsonMessage) {
        String m = gsonMessage == null ? "" : gsonMessage;
        if (m.startsWith(GSON_LENIENT_HINT)) {
            m = "JSON allows no comments, single quotes, unquoted words, trailing commas, NaN or Infinity"
                    + m.substring(GSON_LENIENT_HINT.length());
        }
        Matcher path = GSON_PATH.matcher(m);
        if (path.find()) {
            m = m.substring(0, path.start()) + (path.group(1).isEmpty() ? "" : " (" + path.group(1) + ")");
        }
        return m;
    }
}
