package org.bridge.teacher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One node of a TensorFlow GraphDef as TFJS writes it in JSON: {@code name}, {@code op},
 * {@code input[]} and {@code attr}. Attribute strings are base64 in that JSON (protobuf bytes),
 * integers are JSON strings; the getters hide both.
 *
 * @param inputs data inputs with any {@code :0} suffix removed; control inputs ({@code ^x}) dropped
 */
public record GraphNode(String name, String op, List<String> inputs, JsonObject attrs) {

    static GraphNode fromJson(JsonObject o, String source, int index) {
        String where = "modelTopology.node[" + index + "]";
        String name = TfjsWeightsManifest.requireString(o, "name", source, where);
        String op = TfjsWeightsManifest.requireString(o, "op", source, where + " (" + name + ")");
        List<String> inputs = new ArrayList<>();
        if (o.has("input")) {
            for (JsonElement e : o.getAsJsonArray("input")) {
                String in = e.getAsString();
                if (in.startsWith("^")) {
                    continue; // control dependency: ordering only, no data
                }
                int colon = in.lastIndexOf(':');
                if (colon > 0) {
                    String port = in.substring(colon + 1);
                    if (!port.equals("0")) {
                        throw new org.bridge.config.UserFacingException(source + ": node " + name + " reads output "
                                + port + " of " + in.substring(0, colon) + "; only single-output ops are supported");
                    }
                    in = in.substring(0, colon);
                }
                inputs.add(in);
            }
        }
        JsonObject attrs = o.has("attr") ? o.getAsJsonObject("attr") : new JsonObject();
        return new GraphNode(name, op, List.copyOf(inputs), attrs);
    }

    public boolean hasAttr(String key) {
        return attrs.has(key);
    }

    /** A string attribute (stored base64-encoded), or null when absent. */
    public String stringAttr(String key) {
        JsonObject a = attrs.getAsJsonObject(key);
        if (a == null || !a.has("s")) {
            return null;
        }
        return new String(Base64.getDecoder().decode(a.get("s").getAsString()), StandardCharsets.UTF_8);
    }

    /** A list-of-strings attribute, empty when absent. */
    public List<String> stringListAttr(String key) {
        List<String> out = new ArrayList<>();
        JsonObject a = attrs.getAsJsonObject(key);
        if (a != null && a.has("list") && a.getAsJsonObject("list").has("s")) {
            for (JsonElement e : a.getAsJsonObject("list").getAsJsonArray("s")) {
                out.add(new String(Base64.getDecoder().decode(e.getAsString()), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A list-of-ints attribute, or null when absent. */
    public int[] intListAttr(String key) {
        JsonObject a = attrs.getAsJsonObject(key);
        if (a == null || !a.has("list")) {
            return null;
        }
        JsonObject list = a.getAsJsonObject("list");
        if (!list.has("i")) {
            return new int[0];
        }
        var arr = list.getAsJsonArray("i");
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(arr.get(i).getAsString());
        }
        return out;
    }

    public boolean boolAttr(String key, boolean dflt) {
        JsonObject a = attrs.getAsJsonObject(key);
        return a == null || !a.has("b") ? dflt : a.get("b").getAsBoolean();
    }

    public long intAttr(String key, long dflt) {
        JsonObject a = attrs.getAsJsonObject(key);
        return a == null || !a.has("i") ? dflt : Long.parseLong(a.get("i").getAsString());
    }
}
