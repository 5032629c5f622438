package org.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.bridge.distill.RegressionHead;
import org.bridge.distill.StudentNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MultiplyAddsTest {

    @Test
    void tinyNetAgainstAHandCount() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "c1")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "bn")
                .addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(6).build(), "pool")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "c2")
                .addLayer("fc", new DenseLayer.Builder().nOut(5).build(), "gap")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(7)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out").build();
        // c1: 8*8 outputs x 4 channels x 3*3*3 fan-in = 6,912; c2: 4*4 x 6 x 4 = 384; fc: 6*5 = 30; out: 5*7 = 35.
        long hand = 8 * 8 * 4 * 27 + 4 * 4 * 6 * 4 + 6 * 5 + 5 * 7;
        assertEquals(hand, MultiplyAdds.count(conf, InputType.convolutional(8, 8, 3), Set.of()));
        assertEquals(hand - 35, MultiplyAdds.count(conf, InputType.convolutional(8, 8, 3), Set.of("out")));
        // Activations: c1, bn 8*8*4 each; pool 4*4*4; c2 4*4*6; gap 6; fc 5; out 7 (floats).
        long floats = 2 * 256 + 64 + 96 + 6 + 5 + 7;
        assertEquals(floats * 4, MultiplyAdds.activationBytes(conf, InputType.convolutional(8, 8, 3), Set.of()));
    }

    @Test
    void theStudentMatchesItsOwnDefinition() {
        ComputationGraph net = StudentNetwork.regressionOnly(RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED))
                .build(16, new Sgd(0.01), 0, 1);
        for (int p : new int[] {16, 32, 96}) {
            assertEquals(StudentNetwork.multiplyAccumulates(p), MultiplyAdds.count(net.getConfiguration(),
                    InputType.convolutional(p, p, 3), Set.of(StudentNetwork.REGRESSION)), "p=" + p);
        }
    }
}
