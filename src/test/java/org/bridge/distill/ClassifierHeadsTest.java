package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Table IV's classification losses: margin maths, training, and model files. */
class ClassifierHeadsTest {

    static ClassifierHead[] angularHeads() {
        return new ClassifierHead[] {
            ClassifierHead.cosFace(16, 0.35), ClassifierHead.arcFace(16, 0.5), ClassifierHead.sphereFace(16, 4, 5),
            ClassifierHead.sphereFacePlus(16, 4, 5, 1, 2)};
    }

    static ClassifierHead[] allHeads() {
        return new ClassifierHead[] {
            ClassifierHead.softmax(), ClassifierHead.centerLoss(0.01, 0.5), ClassifierHead.cosFace(16, 0.35),
            ClassifierHead.arcFace(16, 0.5), ClassifierHead.sphereFace(16, 4, 5),
            ClassifierHead.sphereFacePlus(16, 4, 5, 1, 2)};
    }

    @ParameterizedTest
    @MethodSource("angularHeads")
    void marginLossGradientMatchesFiniteDifferences(ClassifierHead head) {
        AngularMarginLoss loss = AngularMarginLoss.of(head);
        Random r = new Random(3);
        int rows = 5;
        int classes = 6;
        double[][] cos = new double[rows][classes];
        double[][] y = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < classes; j++) {
                cos[i][j] = -0.95 + 1.9 * r.nextDouble();
            }
            y[i][r.nextInt(classes)] = 1;
        }
        INDArray c = Nd4j.create(cos).castTo(DataType.DOUBLE);
        INDArray labels = Nd4j.create(y).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.create(new double[][] {{1}, {1}, {0}, {1}, {0.5}}).castTo(DataType.DOUBLE);
        INDArray grad = loss.computeGradient(labels, c, new ActivationIdentity(), mask);
        double h = 1e-6;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < classes; j++) {
                INDArray plus = c.dup();
                plus.putScalar(i, j, cos[i][j] + h);
                INDArray minus = c.dup();
                minus.putScalar(i, j, cos[i][j] - h);
                double numeric = (loss.computeScore(labels, plus, new ActivationIdentity(), mask, false)
                        - loss.computeScore(labels, minus, new ActivationIdentity(), mask, false)) / (2 * h);
                assertEquals(numeric, grad.getDouble(i, j), 1e-6 * head.scale(), head + " at " + i + "," + j);
            }
        }
    }

    @Test
    void marginsPenaliseTheTargetClassAsTheirPapersDefine() {
        double c = Math.cos(1.0); // theta = 1 rad
        assertEquals(c - 0.35, AngularMarginLoss.of(ClassifierHead.cosFace(1, 0.35)).targetLogit(c)[0], 1e-12);
        assertEquals(Math.cos(1.5), AngularMarginLoss.of(ClassifierHead.arcFace(1, 0.5)).targetLogit(c)[0], 1e-9);
        // SphereFace m = 4, lambda = 0: theta = 1 lies in [pi/4, pi/2) -> k = 1 -> psi = -cos(4) - 2
        assertEquals(-Math.cos(4.0) - 2, AngularMarginLoss.of(ClassifierHead.sphereFace(1, 4, 0)).targetLogit(c)[0],
                1e-9);
        // Without margin, CosFace is the normalised softmax: loss = log sum exp(s c) - s c_y.
        AngularMarginLoss plain = AngularMarginLoss.of(ClassifierHead.cosFace(2, 0));
        INDArray cos = Nd4j.create(new double[][] {{0.1, 0.7, -0.3}});
        INDArray y = Nd4j.create(new double[][] {{0, 1, 0}});
        double expected = Math.log(Math.exp(0.2) + Math.exp(1.4) + Math.exp(-0.6)) - 1.4;
        assertEquals(expected, plain.computeScore(y, cos, new ActivationIdentity(), null, true), 1e-6);
    }

    @ParameterizedTest
    @MethodSource("allHeads")
    void everyHeadLearnsTheToyProblem(ClassifierHead head) throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 0, 11);
        StudentTrainerTest.Recorder rec = new StudentTrainerTest.Recorder();
        TrainingPlan plan = TrainingPlan.builder().sgd(0.9).batchSize(32).seed(2)
                .phase(TrainingPhase.classification("c", 8, 0.05)).build();
        TrainingResult result = new StudentTrainer(StudentNetwork.of(4, head, null), plan, rec).run(toy.labelsOnly());
        double accuracy = toy.accuracy(result.student());
        System.out.printf("%s: loss %.3f -> %.3f, train accuracy %.3f%n", head.kind(), rec.epochs.get(0).meanTotal(),
                rec.epochs.get(7).meanTotal(), accuracy);
        assertTrue(rec.epochs.get(7).meanTotal() < 0.5 * rec.epochs.get(0).meanTotal());
        assertTrue(accuracy >= 0.95, head.kind() + " train accuracy " + accuracy);
        if (head.isAngular()) {
            INDArray w = result.student().graph().getLayer(StudentNetwork.IDENTITY).getParam("W");
            INDArray norms = w.norm2(0);
            assertTrue(norms.sub(1).amaxNumber().doubleValue() < 1e-4, "class weights stay unit vectors: " + norms);
        }
    }

    @ParameterizedTest
    @MethodSource("allHeads")
    void savedStudentsGiveTheSameFeaturesAndLogits(ClassifierHead head, @TempDir Path dir) throws IOException {
        StudentNetwork network = StudentNetwork.of(5, head,
                RegressionHead.projected(300, 0.5, RegressionHead.Loss.MEAN_SQUARED));
        ComputationGraph net = network.build(16, new Adam(PhasedLearningRate.of(
                java.util.List.of(TrainingPhase.full("x", 2, 0.01)), 10, LearningRateShape.COSINE)), 1e-4, 9);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), back, "configuration survives JSON");

        Student student = new Student(net);
        Path file = dir.resolve("student.zip");
        student.save(file);
        Student loaded = Student.load(file);
        INDArray x = Nd4j.rand(new int[] {3, 3, 32, 32}).muli(255);
        assertArrayEquals(student.features(x)[2], loaded.features(x)[2], 1e-5f);
        assertArrayEquals(student.logits(x)[1], loaded.logits(x)[1], 1e-4f);
        assertEquals(5, loaded.classes());
    }

    @Test
    void invalidHeadsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClassifierHead.cosFace(0, 0.35));
        assertThrows(IllegalArgumentException.class, () -> ClassifierHead.sphereFace(16, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> ClassifierHead.sphereFacePlus(16, 2, 5, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> RegressionHead.mimic(0, RegressionHead.Loss.SUM_SQUARED));
        assertThrows(IllegalArgumentException.class,
                () -> new RegressionHead(1024, false, 1, RegressionHead.Loss.SUM_SQUARED));
        assertThrows(IllegalArgumentException.class, () -> StudentNetwork.forSupervision(Supervision.sc, 10,
                ClassifierHead.softmax(), RegressionHead.projected(1024, 1, RegressionHead.Loss.SUM_SQUARED)));
        assertThrows(IllegalArgumentException.class, () -> StudentNetwork.forSupervision(Supervision.c, 10,
                ClassifierHead.softmax(), RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED)));
        assertThrows(IllegalArgumentException.class, () -> new StudentTrainer(
                StudentNetwork.of(4, ClassifierHead.centerLoss(0.01, 0.5),
                        RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED)),
                TrainingPlan.builder().phase(TrainingPhase.regression("r", 1, 0.01)).build(), null));
    }
}
