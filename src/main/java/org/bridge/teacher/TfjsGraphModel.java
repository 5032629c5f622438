package org.bridge.teacher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bridge.config.UserFacingException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A TFJS graph model as read from disk: the GraphDef nodes of {@code modelTopology} and the
 * dequantised weights that fill its {@code Const} nodes. Nothing here touches ND4J; see
 * {@link GraphRuntime} for execution.
 */
public final class TfjsGraphModel {

    private final Path source;
    private final List<GraphNode> nodes;
    private final Map<String, GraphNode> byName;
    private final Map<String, WeightTensor> constants;

    TfjsGraphModel(Path source, List<GraphNode> nodes, Map<String, WeightTensor> constants) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.constants = Collections.unmodifiableMap(constants);
        Map<String, GraphNode> m = new LinkedHashMap<>();
        for (GraphNode n : nodes) {
            if (m.put(n.name(), n) != null) {
                throw new UserFacingException(source + ": node name " + n.name() + " is used twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Reads {@code model.json} and the shards its manifest names (resolved next to it). */
    public static TfjsGraphModel load(Path modelJson) {
        String src = modelJson.toString();
        JsonElement root = TfjsWeightsManifest.parseJson(modelJson);
        if (!root.isJsonObject() || !root.getAsJsonObject().has("modelTopology")) {
            throw new UserFacingException(src + " is not a TFJS graph model (no 'modelTopology')");
        }
        JsonObject o = root.getAsJsonObject();
        JsonElement format = o.get("format");
        if (format != null && !format.getAsString().equals("graph-model")) {
            throw new UserFacingException(src + " has format '" + format.getAsString() + "', expected 'graph-model'");
        }
        JsonArray nodeJson = TfjsWeightsManifest.requireArray(o.getAsJsonObject("modelTopology"), "node", src, "modelTopology");
        List<GraphNode> nodes = new ArrayList<>();
        for (int i = 0; i < nodeJson.size(); i++) {
            nodes.add(GraphNode.fromJson(nodeJson.get(i).getAsJsonObject(), src, i));
        }
        JsonArray manifest = TfjsWeightsManifest.requireArray(o, "weightsManifest", src, "the model");
        Map<String, WeightTensor> weights = TfjsWeightsManifest.read(manifest, modelJson.getParent(), src);
        Map<String, WeightTensor> constants = new LinkedHashMap<>();
        for (GraphNode n : nodes) {
            if (n.op().equals("Const")) {
                WeightTensor w = weights.get(n.name());
                if (w == null) {
                    throw new UserFacingException(src + ": Const node " + n.name() + " has no weights in the manifest");
                }
                constants.put(n.name(), w);
            }
        }
        for (String name : weights.keySet()) {
            if (!constants.containsKey(name)) {
                throw new UserFacingException(src + ": the manifest holds weight " + name + " but the graph has no Const node of that name");
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        for (GraphNode n : nodes) {
            for (String in : n.inputs()) {
                if (!names.contains(in)) {
                    throw new UserFacingException(src + ": node " + n.name() + " reads " + in + ", which is not in the graph");
                }
            }
        }
        return new TfjsGraphModel(modelJson, nodes, constants);
    }

    public Path source() {
        return source;
    }

    public List<GraphNode> nodes() {
        return nodes;
    }

    public GraphNode node(String name) {
        GraphNode n = byName.get(name);
        if (n == null) {
            throw new UserFacingException(source + " has no node named " + name);
        }
        return n;
    }

    public boolean hasNode(String name) {
        return byName.containsKey(name);
    }

    /** Weights of Const nodes, by node name. */
    public Map<String, WeightTensor> constants() {
        return constants;
    }

    /** How many nodes use each op, sorted by op name (documentation and checks). */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> m = new TreeMap<>();
        nodes.forEach(n -> m.merge(n.op(), 1, Integer::sum));
        return m;
    }
}
