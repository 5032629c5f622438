package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** SphereFace+'s energy term: its gradient, its effect, and its place in the network. */
class HypersphericalEnergyTest {

    @Test
    void gradientMatchesFiniteDifferencesOfTheScore() {
        Nd4j.getRandom().setSeed(5);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 6, 7).muli(0.7);
        HypersphericalEnergy mhe = new HypersphericalEnergy(1.5, 2, 6);
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 6, 7);
        mhe.apply(w, grad, 0.1, 0, 0);
        double h = 1e-6;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 7; j++) {
                INDArray plus = w.dup();
                plus.putScalar(i, j, w.getDouble(i, j) + h);
                INDArray minus = w.dup();
                minus.putScalar(i, j, w.getDouble(i, j) - h);
                double numeric = (mhe.score(plus, 0, 0) - mhe.score(minus, 0, 0)) / (2 * h);
                assertEquals(numeric, grad.getDouble(i, j), 1e-6, "dE/dW at " + i + "," + j);
            }
        }
        // DL4J's flat 'f'-order view of the same W gets the same gradient, in the same layout.
        INDArray flatGrad = Nd4j.zeros(DataType.DOUBLE, 1, 42);
        mhe.apply(w.reshape('f', new long[] {1, 42}), flatGrad, 0.1, 0, 0);
        assertEquals(grad.reshape('f', new long[] {1, 42}), flatGrad);
        assertEquals(mhe.score(w, 0, 0), mhe.score(w.reshape('f', new long[] {42}), 0, 0), 1e-12);
        // The energy of unit columns, by its definition.
        INDArray u = w.divRowVector(w.norm2(0));
        double sum = 0;
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                if (a != b) {
                    sum += 1 / u.getColumn(a).sub(u.getColumn(b)).norm2Number().doubleValue()
                            / u.getColumn(a).sub(u.getColumn(b)).norm2Number().doubleValue();
                }
            }
        }
        assertEquals(sum / (7 * 6), HypersphericalEnergy.energy(u, 2), 1e-9);
        assertEquals(1.5 * sum / (7 * 6), mhe.score(w, 0, 0), 1e-9);
    }

    @Test
    void descendingTheGradientSpreadsCrowdedClassesApart() {
        // Ten classes crowded into one cap of the sphere.
        Nd4j.getRandom().setSeed(8);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 16, 10).muli(0.1).addi(1);
        HypersphericalEnergy mhe = new HypersphericalEnergy(1, 2, 16);
        double before = mhe.score(w, 0, 0);
        double minAngleBefore = minAngle(w);
        for (int step = 0; step < 200; step++) {
            INDArray grad = Nd4j.zeros(DataType.DOUBLE, 16, 10);
            mhe.apply(w, grad, 0, 0, 0);
            w.subi(grad.muli(0.05));
            w.diviRowVector(w.norm2(0)); // the unit-norm constraint of the identity layer
        }
        assertTrue(mhe.score(w, 0, 0) < 0.5 * before, before + " -> " + mhe.score(w, 0, 0));
        assertTrue(minAngle(w) > 2 * minAngleBefore, minAngleBefore + " -> " + minAngle(w));
    }

    private static double minAngle(INDArray w) {
        INDArray u = w.divRowVector(w.norm2(0));
        INDArray cos = u.transpose().mmul(u).subi(Nd4j.eye(w.columns()).castTo(DataType.DOUBLE).muli(2));
        return Math.acos(Math.min(1, cos.maxNumber().doubleValue()));
    }

    @Test
    void sphereFacePlusPutsTheEnergyAndTheWeightDecayOnTheClassWeightsOnly() {
        ClassifierHead head = ClassifierHead.sphereFacePlus(16, 2, 5, 1, 2);
        ComputationGraph net = StudentNetwork.of(5, head, null).build(16, new Adam(1e-3), 5e-4, 3);
        List<Regularization> regs = ((BaseLayer) net.getLayer(StudentNetwork.IDENTITY).conf().getLayer())
                .getRegularization();
        assertTrue(regs.contains(new HypersphericalEnergy(1, 2, StudentNetwork.MIMIC_DIMENSION)), regs.toString());
        assertEquals(1, regs.stream().filter(r -> r instanceof WeightDecay).count(),
                "weight decay applies, once: " + regs);
        List<Regularization> mimic = ((BaseLayer) net.getLayer(StudentNetwork.MIMIC).conf().getLayer())
                .getRegularization();
        assertTrue(mimic.stream().noneMatch(r -> r instanceof HypersphericalEnergy), mimic.toString());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), back, "the energy term survives the model JSON (checkpoints resume)");
        // Plain SphereFace has no energy term.
        ComputationGraph plain = StudentNetwork.of(5, ClassifierHead.sphereFace(16, 2, 5), null)
                .build(16, new Adam(1e-3), 5e-4, 3);
        assertTrue(((BaseLayer) plain.getLayer(StudentNetwork.IDENTITY).conf().getLayer()).getRegularization()
                .stream().noneMatch(r -> r instanceof HypersphericalEnergy));
    }
}
