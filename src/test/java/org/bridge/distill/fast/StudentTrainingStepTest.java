package org.bridge.distill.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.bridge.distill.ClassifierHead;
import org.bridge.distill.RegressionHead;
import org.bridge.distill.StudentNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The hand-written step must train the same student as DL4J's fit: from identical weights and
 * the same batch, the same scores, the same gradient of every parameter (batch-norm running
 * averages included), and the same parameters after a few Adam steps with weight decay.
 */
class StudentTrainingStepTest {

    private static final int CLASSES = 7;

    /** Heads by supervision letter, as the experiments build them. */
    private static StudentNetwork heads(String supervision, boolean relu) {
        RegressionHead unit = RegressionHead.mimic(4, RegressionHead.Loss.SUM_SQUARED).onUnitSphere();
        StudentNetwork net = switch (supervision) {
            case "sc" -> StudentNetwork.of(CLASSES, ClassifierHead.softmax(), unit);
            case "s" -> StudentNetwork.regressionOnly(RegressionHead.mimic(1, RegressionHead.Loss.MEAN_SQUARED));
            case "c" -> StudentNetwork.of(CLASSES, ClassifierHead.softmax(), null);
            case "dc" -> StudentNetwork.of(CLASSES, ClassifierHead.softmax(),
                    RegressionHead.projected(40, 2, RegressionHead.Loss.SUM_SQUARED));
            case "dcu" -> StudentNetwork.of(CLASSES, ClassifierHead.softmax(),
                    RegressionHead.projected(40, 1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
            default -> throw new IllegalArgumentException(supervision);
        };
        return net.withBatchNormRelu(relu);
    }

    /**
     * Student with Adam (a decaying learning rate from the experiments' 0.001) and weight decay,
     * batch norms not at their initial 1/0.
     */
    private static ComputationGraph build(StudentNetwork s, int p) {
        return build(s, p, new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 0.001, 0.9)));
    }

    private static ComputationGraph build(StudentNetwork s, int p, IUpdater updater) {
        ComputationGraph net = s.build(p, updater, 5e-4, 13);
        Random r = new Random(3);
        for (Layer l : net.getLayers()) {
            Map<String, INDArray> t = l.paramTable();
            if (t.containsKey("gamma")) {
                INDArray g = t.get("gamma");
                for (int i = 0; i < g.length(); i++) {
                    g.putScalar(i, 0.5 + r.nextDouble());
                    t.get("beta").putScalar(i, r.nextGaussian() * 0.3);
                }
            }
        }
        return net;
    }

    /** A batch: inputs 0..255 NCHW, labels (some unlabelled), unit targets of dimension d. */
    private record Batch(int n, int p, float[] x, int[] labels, float[] targets, int d) {
        static Batch random(int n, int p, int d, long seed, boolean unlabelled) {
            Random r = new Random(seed);
            float[] x = new float[n * 3 * p * p];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(256);
            }
            int[] labels = new int[n];
            float[] t = new float[n * d];
            for (int i = 0; i < n; i++) {
                labels[i] = unlabelled && i % 3 == 1 ? -1 : r.nextInt(CLASSES);
                double norm = 0;
                for (int k = 0; k < d; k++) {
                    t[i * d + k] = (float) r.nextGaussian();
                    norm += t[i * d + k] * t[i * d + k];
                }
                for (int k = 0; k < d; k++) {
                    t[i * d + k] /= (float) Math.sqrt(norm);
                }
            }
            return new Batch(n, p, x, labels, t, d);
        }

        /** The same batch as DL4J's StudentTrainer hands it to fit (label masks for unlabelled faces). */
        MultiDataSet dataSet(ComputationGraph net, boolean cls, boolean reg) {
            INDArray features = Nd4j.create(x, new long[] {n, 3, p, p}, 'c');
            var outputs = net.getConfiguration().getNetworkOutputs();
            INDArray[] labelArrays = new INDArray[outputs.size()];
            INDArray[] masks = new INDArray[outputs.size()];
            for (int o = 0; o < outputs.size(); o++) {
                INDArray mask = Nd4j.ones(DataType.FLOAT, n, 1);
                if (outputs.get(o).equals(StudentNetwork.REGRESSION)) {
                    labelArrays[o] = Nd4j.create(targets, new long[] {n, d}, 'c');
                    if (!reg) {
                        mask.assign(0);
                    }
                } else {
                    labelArrays[o] = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
                    for (int i = 0; i < n; i++) {
                        if (labels[i] >= 0) {
                            labelArrays[o].putScalar(i, labels[i], 1);
                        } else {
                            mask.putScalar(i, 0, 0);
                        }
                    }
                    if (!cls) {
                        mask.assign(0);
                    }
                }
                masks[o] = mask;
            }
            return new MultiDataSet(new INDArray[] {features}, labelArrays, null, masks);
        }
    }

    private static int dimension(String supervision) {
        return supervision.startsWith("dc") ? 40 : 128;
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / Math.max(1e-12, a.norm2Number().doubleValue());
    }

    private static void assertSameLayers(ComputationGraph a, ComputationGraph b, boolean gradients, double tolerance,
                                         String what) {
        for (Layer layer : a.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            INDArray x = gradients ? layer.getGradientsViewArray() : layer.params();
            if (x == null || x.length() == 0) {
                continue;
            }
            Layer other = b.getLayer(name);
            INDArray y = gradients ? other.getGradientsViewArray() : other.params();
            double d = relativeDifference(x, y);
            assertTrue(d < tolerance, what + ", " + name + ": differ by " + d + " (relative)");
        }
    }

    @ParameterizedTest(name = "S-{0} {1}, ReLU after batch norm {2}, unlabelled faces {3}")
    @CsvSource({"16, sc, false, false", "16, sc, true, true", "32, sc, false, true", "32, sc, true, false",
            "16, s, true, false", "16, c, false, true", "16, dc, false, true", "16, dcu, true, false",
            "20, sc, true, true"})
    void scoresAndGradientsAreDl4js(int p, String supervision, boolean relu, boolean unlabelled) {
        StudentNetwork s = heads(supervision, relu);
        ComputationGraph dl4j = build(s, p);
        ComputationGraph hand = dl4j.clone();
        Batch batch = Batch.random(6, p, dimension(supervision), 5, unlabelled);
        boolean cls = s.hasClassifier();
        boolean reg = s.hasRegression();

        MultiDataSet data = batch.dataSet(dl4j, cls, reg);
        dl4j.setInputs(data.getFeatures());
        dl4j.setLabels(data.getLabels());
        dl4j.setLayerMaskArrays(null, data.getLabelsMaskArrays());
        dl4j.computeGradientAndScore();
        try (StudentTrainingStep step = StudentTrainingStep.of(hand, 2)) {
            StudentTrainingStep.Scores scores = step.computeGradients(batch.x(), batch.n(), p,
                    cls ? batch.labels() : null, reg ? batch.targets() : null);
            double total = scores.classification() + scores.regression() + hand.calcRegularizationScore(true);
            assertEquals(dl4j.score(), total, 1e-5 * Math.abs(dl4j.score()), "score");
            if (reg && cls) {
                assertEquals(dl4j.getLayer(StudentNetwork.REGRESSION).score(), scores.regression(),
                        1e-5 * scores.regression(), "regression score");
            }
        }
        assertSameLayers(dl4j, hand, true, 1e-4, "gradients");
    }

    /**
     * Three steps (weight decay, a decaying learning rate, unlabelled faces, and in the second step
     * the classification switched off) leave the parameters, batch-norm running averages included,
     * of DL4J's own layers (see {@link StudentTrainingStepTestHelpers#withoutDl4jHelpers}). Adam's
     * epsilon is 1e-3 here instead of 1e-8: Adam divides every gradient element by its own size,
     * so with the default an element whose gradient is rounding noise (a batch norm's beta that
     * only shifts the input of the next batch norm through a 1x1 convolution or a pooling, as in
     * these linear students) moves by lr in either direction, and DL4J's own NCHW and NHWC graphs
     * part there just as much.
     */
    @ParameterizedTest(name = "S-{0} {1} {2}")
    @CsvSource({"16, sc, adam", "32, sc, adam", "16, dc, adam", "16, sc, nesterov"})
    void threeStepsWithWeightDecayGiveDl4jsParameters(int p, String supervision, String optimiser) {
        StudentNetwork s = heads(supervision, false);
        ISchedule lr = new ExponentialSchedule(ScheduleType.ITERATION, 0.001, 0.9);
        ComputationGraph dl4j = StudentTrainingStepTestHelpers.withoutDl4jHelpers(() -> build(s, p, optimiser.equals("adam")
                ? Adam.builder().learningRateSchedule(lr).epsilon(1e-3).build()
                : new Nesterovs(lr, 0.9)));
        ComputationGraph hand = dl4j.clone();
        try (StudentTrainingStep step = StudentTrainingStep.of(hand, 2)) {
            for (int it = 0; it < 3; it++) {
                Batch batch = Batch.random(8, p, dimension(supervision), 20 + it, true);
                boolean cls = it != 1;
                dl4j.fit(batch.dataSet(dl4j, cls, true));
                step.fit(batch.x(), batch.n(), p, cls ? batch.labels() : null, batch.targets());
                assertSameLayers(dl4j, hand, false, 1e-4, "parameters after step " + (it + 1));
            }
        }
        assertEquals(dl4j.getIterationCount(), hand.getIterationCount());
        // Inference reads the ten running averages, each within the per-layer tolerance above.
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, p, p).muli(255);
        assertTrue(relativeDifference(dl4j.output(false, x)[0], hand.output(false, x)[0]) < 1e-3,
                "outputs of the trained students differ");
    }

    @Test
    void refusesHeadsItCannotCompute() {
        ComputationGraph cos = StudentNetwork.of(CLASSES, ClassifierHead.cosFace(16, 0.2), null)
                .build(16, new Adam(0.001), 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudentTrainingStep.of(cos, 1));
        assertTrue(e.getMessage().contains("margin"), e.getMessage());
        ComputationGraph centre = StudentNetwork.of(CLASSES, ClassifierHead.centerLoss(0.01, 0.5), null)
                .build(16, new Adam(0.001), 0, 1);
        assertThrows(IllegalArgumentException.class, () -> StudentTrainingStep.of(centre, 1));
    }
}

