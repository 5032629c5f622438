package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The regression head that compares directions only: R = weight * || m/|m| - t ||^2 = weight * (2 - 2 cos). */
class UnitSphereRegressionTest {

    private static ComputationGraph build(StudentNetwork n) {
        return n.build(16, new Nesterovs(0.01, 0.9), 0, 42);
    }

    private static INDArray unitRows(INDArray a) {
        return a.divColumnVector(a.norm2(1).reshape(a.rows(), 1));
    }

    @Test
    void theLossIsTheCosineDistanceToTheUnitTargetWhateverTheMimicNorm() {
        double weight = 0.7;
        ComputationGraph net = build(StudentNetwork.regressionOnly(
                RegressionHead.mimic(weight, RegressionHead.Loss.SUM_SQUARED).onUnitSphere()));
        INDArray x = Nd4j.rand(new int[] {5, 3, 16, 16}).muli(255);
        INDArray t = unitRows(Nd4j.randn(DataType.FLOAT, 5, 128));
        INDArray mimic = net.feedForward(new INDArray[] {x}, false, false).get(StudentNetwork.MIMIC);
        INDArray cos = unitRows(mimic).mul(t).sum(1);
        double expected = weight * cos.rsub(1).muli(2).meanNumber().doubleValue();
        double score = net.score(new MultiDataSet(new INDArray[] {x}, new INDArray[] {t}), false);
        assertEquals(expected, score, 1e-4 * expected);
        // The plain head on the same network would charge the norm too: |m| is far from 1 here.
        double plain = weight * mimic.sub(t).norm2(1).muli(mimic.sub(t).norm2(1)).meanNumber().doubleValue();
        assertTrue(Math.abs(plain - score) > 0.1 * score, "plain " + plain + " vs unit-sphere " + score);
    }

    @Test
    void trainingTurnsTheMimicTowardsTheTargetsAndTheDeployedPartIsUnchanged() {
        RegressionHead head = RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere();
        ComputationGraph net = build(StudentNetwork.regressionOnly(head));
        ComputationGraph plain = build(StudentNetwork.regressionOnly(RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED)));
        assertEquals(StudentNetwork.countParameters(plain), StudentNetwork.countParameters(net),
                "the unit-sphere head adds no parameters");
        INDArray x = Nd4j.rand(new int[] {8, 3, 16, 16}).muli(255);
        assertArrayEquals(new Student(plain).features(x)[3], new Student(net).features(x)[3], 1e-5f,
                "same lower part, same initialisation");

        INDArray t = unitRows(Nd4j.randn(DataType.FLOAT, 8, 128));
        MultiDataSet batch = new MultiDataSet(new INDArray[] {x}, new INDArray[] {t});
        double before = net.score(batch, false);
        for (int i = 0; i < 60; i++) {
            net.fit(batch);
        }
        double after = net.score(batch, false);
        assertTrue(after < 0.5 * before, before + " -> " + after);
        INDArray m = unitRows(Nd4j.create(new Student(net).features(x)));
        double meanCos = m.mul(t).sum(1).meanNumber().doubleValue();
        assertTrue(meanCos > 0.7, "mean cosine to the targets after training " + meanCos);
    }

    @Test
    void theDcProjectionIsNormalisedAndCountedAsTrainingOnly() {
        RegressionHead head = RegressionHead.projected(300, 1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere();
        ComputationGraph net = build(StudentNetwork.of(6, ClassifierHead.softmax(), head));
        StudentNetwork.ParameterCount count = StudentNetwork.countParameters(net);
        assertEquals(128 * 300 + 300, count.projection());
        INDArray x = Nd4j.rand(new int[] {3, 3, 16, 16}).muli(255);
        INDArray[] out = net.output(x);
        INDArray projected = out[1];
        assertEquals(300, projected.columns());
        INDArray norms = projected.norm2(1);
        assertTrue(norms.sub(1).amaxNumber().doubleValue() < 1e-4, "unit rows: " + norms);
        assertEquals(Transforms.abs(norms).sumNumber().doubleValue(), 3, 1e-3);
    }
}
