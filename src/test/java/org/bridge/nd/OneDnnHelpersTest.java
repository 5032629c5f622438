package org.bridge.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Keeps the oneDNN fix honest: DL4J 1.0.0-M2.1 silently drops its oneDNN layer helpers
 * (about 6x slower training), so this checks they are really attached after a training step.
 */
class OneDnnHelpersTest {

    @Test
    void backendHasOneDnn() {
        assertTrue(Nd4jRuntime.oneDnnAvailable(), Nd4jRuntime.describe());
    }

    @Test
    void convolutionPoolingAndBatchNormLayersUseOneDnnHelpers() {
        Nd4jRuntime.init();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Sgd(0.01))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(16, 16, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv")
                .addLayer("pool", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "bn")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray x = Nd4j.rand(new int[] {4, 3, 16, 16});
        INDArray y = Nd4j.zeros(4, 2);
        y.getColumn(0).assign(1);
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, y));

        Map<String, String> helpers = Nd4jRuntime.layerHelpers(net);
        assertEquals(3, helpers.size(), helpers.toString());
        helpers.forEach((layer, helper) -> assertTrue(helper.startsWith("MKLDNN"),
                layer + " runs without oneDNN (helper: " + helper + "); see Nd4jRuntime"));
    }
}
