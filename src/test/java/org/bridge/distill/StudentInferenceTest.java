package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The inference-only path computes what DL4J computes, on a student with non-trivial batch-norm statistics. */
class StudentInferenceTest {

    /** A student whose batch norms are far from the identity, as after training. */
    static ComputationGraph trainedIsh(int p, long seed) {
        ComputationGraph net = StudentNetwork.of(10, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED)).build(p, new Sgd(0.01), 0, seed);
        Nd4j.getRandom().setSeed(seed);
        for (Layer l : net.getLayers()) {
            if (!(l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization)) {
                continue;
            }
            Map<String, INDArray> t = l.paramTable();
            long c = t.get("mean").length();
            t.get("mean").assign(Nd4j.randn(DataType.FLOAT, c).muli(0.5).reshape(t.get("mean").shape()));
            String sd = t.containsKey("log10stdev") ? "log10stdev" : "var";
            INDArray s = Nd4j.rand(DataType.FLOAT, c).subi(0.5).reshape(t.get(sd).shape());
            t.get(sd).assign(sd.equals("var") ? s.addi(1) : s); // std in 10^[-0.5, 0.5]
            if (t.containsKey("gamma")) {
                t.get("gamma").assign(Nd4j.rand(DataType.FLOAT, c).addi(0.5).reshape(t.get("gamma").shape()));
                t.get("beta").assign(Nd4j.randn(DataType.FLOAT, c).muli(0.3).reshape(t.get("beta").shape()));
            }
        }
        return net;
    }

    private static double relativeMaxDifference(INDArray ref, INDArray got) {
        assertEquals(java.util.Arrays.toString(ref.shape()), java.util.Arrays.toString(got.shape()));
        return ref.sub(got).amaxNumber().doubleValue() / ref.amaxNumber().doubleValue();
    }

    @Test
    void matchesDl4jOnMimicFeatures() {
        for (int p : new int[] {16, 32}) {
            ComputationGraph net = trainedIsh(p, 11 + p);
            Student dl4j = new Student(net);
            Student fast = dl4j.withFastInference();
            assertTrue(fast.usesFastInference());
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, p, p).muli(255);
            INDArray ref = dl4j.featureArray(x);
            assertTrue(ref.amaxNumber().doubleValue() > 0.1, "features should not be degenerate");
            double d = relativeMaxDifference(ref, fast.featureArray(x));
            assertTrue(d < 1e-4, "p=" + p + ": max |fast - dl4j| / max |dl4j| = " + d);
            assertEquals(0.0, relativeMaxDifference(ref, fast.graphFeatureArray(x)), 0.0);
        }
    }

    @Test
    void largeBatchesRunInChunksWithTheSameResult() {
        int p = 96;
        int chunk = StudentInference.chunkSize(p);
        assertTrue(chunk < 40, "the test needs more than one chunk at 96x96, chunk = " + chunk);
        ComputationGraph net = trainedIsh(p, 5);
        INDArray x = Nd4j.rand(DataType.FLOAT, chunk + 1, 3, p, p).muli(255);
        try (StudentInference fast = StudentInference.of(net)) {
            double d = relativeMaxDifference(new Student(net).featureArray(x), fast.features(x));
            assertTrue(d < 1e-4, "max relative difference " + d);
        }
    }

    @Test
    void foldedParametersAreFewerThanDl4jStores() {
        ComputationGraph net = trainedIsh(16, 3);
        try (StudentInference fast = StudentInference.of(net)) {
            StudentNetwork.ParameterCount c = StudentNetwork.countParameters(net);
            assertTrue(fast.parameters() < c.trainableToMimic(), fast.parameters() + " vs " + c);
        }
    }

    /**
     * DL4J 1.0.0-M2.1 ignores a batch-norm layer's configured activation, in training and
     * inference: a batch norm configured with a ReLU still yields negatives. That is why the
     * student has explicit ReLU layers. If an upgrade changes it, this fails and
     * {@link StudentInference#BATCH_NORM_APPLIES_ACTIVATION} must follow.
     */
    @Test
    void dl4jBatchNormLayersDoNotApplyTheirActivation() {
        ComputationGraph bnRelu = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU).build(), "in")
                .setOutputs("bn").build());
        bnRelu.init();
        INDArray y = bnRelu.outputSingle(Nd4j.randn(DataType.FLOAT, 3, 2, 4, 4));
        assertTrue(y.minNumber().doubleValue() < 0, "DL4J's BatchNormalization now applies its ReLU");
        assertFalse(StudentInference.BATCH_NORM_APPLIES_ACTIVATION);

        ComputationGraph net = trainedIsh(16, 9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16).muli(255);
        Map<String, INDArray> acts = net.feedForward(new INDArray[] {x}, false, false);
        // (conv1_bn itself cannot be inspected here: at inference DL4J's ActivationLayer works in place.)
        assertTrue(acts.get("conv1_relu").minNumber().doubleValue() >= 0, "the explicit ReLU after conv1_bn acts");
        assertTrue(acts.get("skip1").minNumber().doubleValue() >= 0, "the ActivationLayer after the skip add is a ReLU");
    }
}
