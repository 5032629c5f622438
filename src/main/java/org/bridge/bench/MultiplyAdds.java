package org.bridge.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * Multiply-adds of one forward pass of a DL4J graph for one input, counted per layer from the
 * shapes DL4J infers: a convolution costs outH * outW * nOut * kH * kW * nIn, a dense (or output)
 * layer nIn * nOut. Nothing else is counted: batch norm folds into the convolution before it at
 * inference, and pooling, ReLU, additions and the input scaling have no multiply-adds (or a few per
 * element, negligible next to the convolutions). Biases are not counted.
 */
public final class MultiplyAdds {

    private MultiplyAdds() {
    }

    /**
     * @param conf    the graph
     * @param input   its (single) input type, e.g. {@code InputType.convolutional(p, p, 3)}
     * @param exclude layers not counted (training-only heads)
     */
    public static long count(ComputationGraphConfiguration conf, InputType input, Set<String> exclude) {
        Map<String, InputType> types = conf.getLayerActivationTypes(input);
        Map<String, List<String>> inputs = conf.getVertexInputs();
        long total = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (exclude.contains(e.getKey()) || !(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            InputType out = types.get(e.getKey());
            if (layer instanceof ConvolutionLayer c && out instanceof InputType.InputTypeConvolutional o) {
                long[] k = {c.getKernelSize()[0], c.getKernelSize()[1]};
                InputType in = types.get(inputs.get(e.getKey()).get(0));
                long nIn = in instanceof InputType.InputTypeConvolutional ic ? ic.getChannels() : c.getNIn();
                total += o.getHeight() * o.getWidth() * c.getNOut() * k[0] * k[1] * nIn;
            } else if (layer instanceof DenseLayer d) {
                total += d.getNIn() * d.getNOut();
            } else if (layer instanceof OutputLayer d) {
                total += d.getNIn() * d.getNOut();
            }
        }
        return total;
    }

    /**
     * Activation bytes per face: the float32 outputs of every vertex of one forward pass, summed
     * (what DL4J materialises; the input not included).
     */
    public static long activationBytes(ComputationGraphConfiguration conf, InputType input, Set<String> exclude) {
        long floats = 0;
        for (Map.Entry<String, InputType> e : conf.getLayerActivationTypes(input).entrySet()) {
            if (exclude.contains(e.getKey()) || conf.getNetworkInputs().contains(e.getKey())) {
                continue;
            }
            long[] shape = e.getValue().getShape(false);
            long n = 1;
            for (long d : shape) {
                n *= Math.max(1, d);
            }
            floats += n;
        }
        return floats * Float.BYTES;
    }
}
