package org.bridge.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bridge.config.UserFacingException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads TFJS weights: a manifest (list of groups, each with {@code paths[]} of binary shards and
 * {@code weights[]} of {@code name/shape/dtype[/quantization]}) plus the shards next to it.
 *
 * <p>Within a group the shards are one byte stream, cut into weights in manifest order,
 * little-endian. Quantised weights are widened as TFJS does: {@code uint8}/{@code uint16}
 * become {@code q * scale + min} (computed in double, stored as float32), {@code float16}
 * becomes the exactly equal float32.
 */
public final class TfjsWeightsManifest {

    private TfjsWeightsManifest() {
    }

    /**
     * Reads a stand-alone weights manifest file (the face-api format: a JSON array of groups).
     */
    public static Map<String, WeightTensor> readManifestFile(Path manifestFile) {
        JsonElement root = parseJson(manifestFile);
        if (!root.isJsonArray()) {
            throw new UserFacingException(manifestFile + " is not a TFJS weights manifest (expected a JSON array of groups)");
        }
        return read(root.getAsJsonArray(), manifestFile.getParent(), manifestFile.toString());
    }

    /**
     * Decodes every weight of the manifest's groups.
     *
     * @param groups  the {@code weightsManifest} array
     * @param baseDir where the shard paths are resolved
     * @param source  the JSON file, for messages
     */
    public static Map<String, WeightTensor> read(JsonArray groups, Path baseDir, String source) {
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.get(g).getAsJsonObject();
            ByteBuffer bytes = readShards(group, baseDir, source, g);
            JsonArray weights = requireArray(group, "weights", source, "weightsManifest[" + g + "]");
            for (int i = 0; i < weights.size(); i++) {
                String where = "weightsManifest[" + g + "].weights[" + i + "]";
                WeightTensor t = decode(weights.get(i).getAsJsonObject(), bytes, source, where);
                if (out.put(t.name(), t) != null) {
                    throw new UserFacingException(source + ": weight " + t.name() + " appears twice (" + where + ")");
                }
            }
            if (bytes.hasRemaining()) {
                throw new UserFacingException(source + ": weightsManifest[" + g + "] leaves " + bytes.remaining()
                        + " bytes of its shards unused; the manifest and the .bin files do not belong together");
            }
        }
        return out;
    }

    private static ByteBuffer readShards(JsonObject group, Path baseDir, String source, int g) {
        JsonArray paths = requireArray(group, "paths", source, "weightsManifest[" + g + "]");
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonElement p : paths) {
            Path shard = baseDir.resolve(p.getAsString());
            try {
                byte[] b = Files.readAllBytes(shard);
                parts.add(b);
                total = Math.addExact(total, b.length);
            } catch (NoSuchFileException e) {
                throw new UserFacingException("weight shard " + shard + " named in " + source
                        + " is missing; run `teachers fetch` again", e);
            } catch (IOException e) {
                throw new UserFacingException("cannot read weight shard " + shard + ": " + e.getMessage(), e);
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        all.flip();
        return all;
    }

    private static WeightTensor decode(JsonObject spec, ByteBuffer bytes, String source, String where) {
        String name = requireString(spec, "name", source, where);
        String dtype = requireString(spec, "dtype", source, where);
        JsonArray shapeJson = requireArray(spec, "shape", source, where);
        int[] shape = new int[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsInt();
        }
        long count;
        try {
            count = WeightTensor.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(source + ": " + where + " (" + name + ") " + e.getMessage());
        }
        int n = Math.toIntExact(count);
        JsonObject q = spec.has("quantization") ? spec.getAsJsonObject("quantization") : null;
        String storage = q != null ? requireString(q, "dtype", source, where + ".quantization") : dtype;
        int bytesPer = switch (storage) {
            case "float32", "int32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8" -> 1;
            default -> throw new UserFacingException(source + ": " + where + " (" + name
                    + ") has unsupported storage type " + storage);
        };
        long need = (long) n * bytesPer;
        if (bytes.remaining() < need) {
            throw new UserFacingException(source + ": the shards end inside weight " + name + " (" + where
                    + "): need " + need + " bytes, " + bytes.remaining() + " left; the .bin file is truncated");
        }
        if (dtype.equals("int32")) {
            if (q != null) {
                throw new UserFacingException(source + ": " + where + " (" + name + ") is a quantised int32, which is not supported");
            }
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = bytes.getInt();
            }
            return WeightTensor.ofInts(name, shape, v);
        }
        if (!dtype.equals("float32")) {
            throw new UserFacingException(source + ": " + where + " (" + name + ") has unsupported dtype " + dtype);
        }
        float[] v = new float[n];
        switch (storage) {
            case "float32" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = bytes.getFloat();
                }
            }
            case "float16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(bytes.getShort());
                }
            }
            case "uint8", "uint16" -> {
                double scale = requireNumber(q, "scale", source, where);
                double min = requireNumber(q, "min", source, where);
                for (int i = 0; i < n; i++) {
                    int raw = storage.equals("uint8") ? (bytes.get() & 0xff) : (bytes.getShort() & 0xffff);
                    v[i] = (float) (raw * scale + min);
                }
            }
            default -> throw new UserFacingException(source + ": " + where + " (" + name
                    + ") stores float32 as " + storage + ", which is not supported");
        }
        return WeightTensor.ofFloats(name, shape, v);
    }

    /** IEEE 754 binary16 to binary32; exact (every half value is a float value). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            // Inf / NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal half: value = mant * 2^-24, exact in float.
            float f = mant * 0x1p-24f;
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    static JsonElement parseJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonParser.parseReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserFacingException("model file " + file + " is missing; run `teachers fetch`", e);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new UserFacingException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonArray requireArray(JsonObject o, String key, String source, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new UserFacingException(source + ": " + where + " lacks the array '" + key + "'");
        }
        return e.getAsJsonArray();
    }

    static String requireString(JsonObject o, String key, String source, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new UserFacingException(source + ": " + where + " lacks the string '" + key + "'");
        }
        return e.getAsString();
    }

    private static double requireNumber(JsonObject o, String key, String source, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new UserFacingException(source + ": " + where + ".quantization lacks the number '" + key + "'");
        }
        return e.getAsDouble();
    }
}
