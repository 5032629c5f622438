package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

class StudentNetworkTest {

    private static ComputationGraph build(StudentNetwork n, int p) {
        return n.build(p, new Nesterovs(0.01, 0.9), 0, 42);
    }

    @Test
    void theLowerPartStaysWithinThePapersBudgetAndHasThePapersLayers() {
        StudentNetwork student = StudentNetwork.of(1000, ClassifierHead.softmax(),
                RegressionHead.projected(1024, 1, RegressionHead.Loss.SUM_SQUARED));
        ComputationGraph net = build(student, 16);
        StudentNetwork.ParameterCount count = StudentNetwork.countParameters(net);
        System.out.printf("student parameters: to mimic %,d (trainable %,d, BN running stats %,d); "
                        + "identity layer (1000 classes) %,d; dc projection (1024-D) %,d; MACs at 16x16 %,d%n",
                count.toMimic(), count.trainableToMimic(), count.batchNormStatistics(), count.classifier(),
                count.projection(), StudentNetwork.multiplyAccumulates(16));
        assertTrue(count.toMimic() <= 210_000, "lower part has " + count.toMimic() + " parameters");
        assertEquals(209_968, count.toMimic());
        assertEquals(128 * 1000 + 1000, count.classifier());
        assertEquals(128 * 1024 + 1024, count.projection());
        assertEquals(net.numParams(), count.total());

        int convs = 0;
        int pools = 0;
        int bns = 0;
        int dense = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof ConvolutionLayer) {
                convs++;
            } else if (l instanceof SubsamplingLayer) {
                pools++;
            } else if (l instanceof BatchNormalization) {
                bns++;
            } else if (l instanceof DenseLayer || l instanceof org.deeplearning4j.nn.layers.OutputLayer) {
                dense++;
            }
        }
        assertEquals(10, convs);
        assertEquals(3, pools);
        // one per convolution, plus fc1's
        assertEquals(11, bns);
        // fc1, mimic, identity (the dc projection is a fourth, training-only, linear map)
        assertEquals(4, dense);
        long skips = net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.ElementWiseVertex).count();
        assertEquals(2, skips);
    }

    @Test
    void oneSetOfParametersRunsAtEveryResolution() {
        ComputationGraph net = build(StudentNetwork.of(10, ClassifierHead.softmax(), null), 16);
        Student student = new Student(net);
        INDArray before = net.params().dup();
        for (int p : new int[] {16, 32, 64, 96}) {
            INDArray x = Nd4j.rand(new int[] {3, 3, p, p}).muli(255);
            float[][] f = student.features(x);
            assertEquals(3, f.length);
            assertEquals(128, f[0].length);
            float[][] logits = student.logits(x);
            assertEquals(10, logits[0].length);
            for (float v : f[1]) {
                assertTrue(Float.isFinite(v));
            }
        }
        assertEquals(before, net.params(), "inference must not change parameters");
        assertThrows(IllegalArgumentException.class, () -> student.features(Nd4j.rand(new int[] {1, 3, 4, 4})));
    }

    @Test
    void logitsMatchTheSoftmaxOutputLayer() {
        ComputationGraph net = build(StudentNetwork.of(7, ClassifierHead.softmax(), null), 16);
        INDArray x = Nd4j.rand(new int[] {4, 3, 16, 16}).muli(255);
        INDArray probs = net.outputSingle(false, x);
        INDArray logits = new Student(net).logitArray(x);
        INDArray softmax = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
        assertTrue(probs.equalsWithEps(softmax, 1e-5), probs + " vs " + softmax);
    }

    @Test
    void featuresAreTheSameWhateverTheHeads() {
        // Same seed, same lower part: the heads (added after the mimic layer) must not shift the
        // initialisation of the layers below, so students with different supervisions start alike.
        ComputationGraph a = build(StudentNetwork.of(10, ClassifierHead.softmax(), null), 16);
        ComputationGraph b = build(StudentNetwork.regressionOnly(
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED)), 16);
        INDArray x = Nd4j.rand(new int[] {2, 3, 16, 16}).muli(255);
        assertArrayEquals(new Student(a).features(x)[0], new Student(b).features(x)[0], 1e-5f);
    }

    /** Every batch norm but conv5's and conv8's (ReLU after the skip addition) is followed by a ReLU that acts. */
    @Test
    void everyReluOfTheArchitectureActs() {
        ComputationGraph net = build(StudentNetwork.of(4, ClassifierHead.softmax(), null), 16);
        INDArray x = Nd4j.rand(new int[] {6, 3, 16, 16}).muli(255);
        Map<String, INDArray> acts = net.feedForward(new INDArray[] {x}, true, false);
        for (String layer : List.of("conv1", "conv2", "conv3", "conv4", "conv6", "conv7", "conv9", "conv10", "fc1")) {
            INDArray relu = acts.get(layer + StudentNetwork.RELU_SUFFIX);
            assertNotNull(relu, layer + " has no ReLU layer");
            assertTrue(acts.get(layer + "_bn").minNumber().doubleValue() < 0, layer + "_bn: batch norm output");
            assertTrue(relu.minNumber().doubleValue() >= 0, layer + ": negatives after its ReLU");
            assertTrue(relu.maxNumber().doubleValue() > 0, layer + ": ReLU output all zero");
        }
        for (String layer : List.of("conv5", "conv8")) {
            assertFalse(acts.containsKey(layer + StudentNetwork.RELU_SUFFIX), layer + ": ReLU belongs after the skip");
        }
        assertTrue(acts.get("skip1").minNumber().doubleValue() >= 0);
        assertTrue(acts.get("skip2").minNumber().doubleValue() >= 0);
    }

    @Test
    void withoutBatchNormReluTheStudentIsTheOldLinearOneWithTheSameParameters() {
        StudentNetwork paper = StudentNetwork.of(4, ClassifierHead.softmax(), null);
        StudentNetwork linear = paper.withBatchNormRelu(false);
        assertFalse(linear.batchNormRelu());
        ComputationGraph a = build(paper, 16);
        ComputationGraph b = build(linear, 16);
        assertEquals(StudentNetwork.countParameters(a), StudentNetwork.countParameters(b));
        assertEquals(9, a.getConfiguration().getVertices().keySet().stream()
                .filter(n -> n.endsWith(StudentNetwork.RELU_SUFFIX)).count());
        assertEquals(0, b.getConfiguration().getVertices().keySet().stream()
                .filter(n -> n.endsWith(StudentNetwork.RELU_SUFFIX)).count());
        INDArray x = Nd4j.rand(new int[] {6, 3, 16, 16}).muli(255);
        assertTrue(b.feedForward(new INDArray[] {x}, true, false).get("conv1_bn").minNumber().doubleValue() < 0);
    }

    @Test
    void oneDnnHelpersAreActiveInConvolutionPoolingAndBatchNorm() {
        Nd4jRuntime.init();
        ComputationGraph net = build(StudentNetwork.of(4, ClassifierHead.softmax(), null), 16);
        INDArray x = Nd4j.rand(new int[] {8, 3, 16, 16}).muli(255);
        INDArray y = Nd4j.zeros(8, 4);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 4, 1);
        }
        net.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
        Map<String, String> helpers = Nd4jRuntime.layerHelpers(net);
        // 10 conv + 10 conv BN + 3 pools, and fc1's batch norm on the 2-D [batch, 128] activations,
        // for which DL4J offers no oneDNN helper (it runs DL4J's own code: 128 values per face,
        // nothing next to the convolutions). Every 4-D layer must have its helper.
        assertEquals(24, helpers.size(), helpers.toString());
        assertEquals("none", helpers.get("fc1_bn"), helpers.toString());
        helpers.forEach((layer, helper) -> assertTrue(layer.equals("fc1_bn") || helper.startsWith("MKLDNN"),
                layer + " runs without oneDNN (helper: " + helper + ")"));
        // Also read the field directly, in case layerHelpers() ever changes what it reports.
        for (Layer l : net.getLayers()) {
            boolean fourD = l instanceof ConvolutionLayer || l instanceof SubsamplingLayer
                    || (l instanceof BatchNormalization && !l.conf().getLayer().getLayerName().equals("fc1_bn"));
            if (fourD) {
                assertNotNull(l.getHelper(), l.conf().getLayer().getLayerName());
                assertTrue(l.getHelper().getClass().getSimpleName().startsWith("MKLDNN"),
                        l.getHelper().getClass().getName());
            }
        }
    }
}
