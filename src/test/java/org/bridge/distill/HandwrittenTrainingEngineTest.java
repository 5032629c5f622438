package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Engine HANDWRITTEN in the trainer: the same batches, losses, parameters, counters and
 * checkpoints as engine DL4J (the step itself is checked against DL4J layer by layer in
 * {@code StudentTrainingStepTest}).
 */
class HandwrittenTrainingEngineTest {

    private static final int CLASSES = 5;

    private static StudentNetwork sc() {
        return StudentNetwork.of(CLASSES, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
    }

    /** The experiments' default training settings (Adam, lr 0.001 with the cosine shape, decay, flips). */
    private static TrainingPlan.Builder plan(int epochs) {
        return TrainingPlan.builder().adam().batchSize(16).seed(7).weightDecay(5e-4).horizontalFlip(true)
                .schedule(LearningRateShape.COSINE).phase(TrainingPhase.full("sc", epochs, 0.001));
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / Math.max(1e-12, a.norm2Number().doubleValue());
    }

    private static List<Double> losses(StudentTrainerTest.Recorder rec, boolean classification) {
        List<Double> out = new ArrayList<>();
        rec.points.forEach(pt -> out.add(classification ? pt.classification() : pt.total()));
        return out;
    }

    /** Toy faces with unit regression targets, as the experiments scale them (targetNorm 1). */
    private static StudentSamples unitTargets(ToyFaces toy) {
        int d = toy.targetDimension;
        float[] t = toy.targets.clone();
        for (int i = 0; i < t.length / d; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += t[i * d + k] * t[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                t[i * d + k] /= (float) Math.sqrt(norm);
            }
        }
        return new InMemoryStudentSamples(toy.p, toy.inputs, toy.labels, toy.classes, t, d);
    }

    /**
     * The same batches and the same curve as DL4J's own layers (oneDNN helpers off: their backward
     * pass parts from DL4J's built-in layers, see StudentTrainingStepTestHelpers#withoutDl4jHelpers),
     * with SGD, whose steps scale rounding noise down with the gradient (Adam's do not, below).
     */
    @Test
    void trainsTheSameStudentAsDl4j() throws IOException {
        ToyFaces toy = new ToyFaces(CLASSES, 8, 16, 128, 2);
        StudentTrainerTest.Recorder a = new StudentTrainerTest.Recorder();
        StudentTrainerTest.Recorder b = new StudentTrainerTest.Recorder();
        TrainingResult[] reference = new TrainingResult[1];
        org.bridge.distill.fast.StudentTrainingStepTestHelpers.withoutDl4jHelpers(() -> {
            reference[0] = new StudentTrainer(sc(), plan(2).sgd(0.9).build(), a).runUnchecked(unitTargets(toy));
            return null;
        });
        TrainingResult dl4j = reference[0];
        TrainingResult hand = new StudentTrainer(sc(), plan(2).sgd(0.9).engine(TrainingPlan.Engine.HANDWRITTEN).build(), b)
                .run(unitTargets(toy));

        assertEquals(a.points.size(), b.points.size());
        for (boolean cls : new boolean[] {false, true}) {
            for (int i = 0; i < a.points.size(); i++) {
                double x = losses(a, cls).get(i);
                // The first loss is of the same weights: rounding only.
                assertEquals(x, losses(b, cls).get(i), (i == 0 ? 1e-5 : 2e-3) * Math.abs(x), (cls ? "class" : "total")
                        + " loss of iteration " + i);
            }
        }
        ComputationGraph ga = dl4j.student().graph();
        ComputationGraph gb = hand.student().graph();
        double d = relativeDifference(ga.params(), gb.params());
        assertTrue(d < 2e-3, "parameters after training differ by " + d);
        assertEquals(ga.getIterationCount(), gb.getIterationCount());
        assertEquals(ga.getEpochCount(), gb.getEpochCount());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16).muli(255);
        assertTrue(relativeDifference(ga.output(false, x)[0], gb.output(false, x)[0]) < 2e-3);
    }

    /**
     * Adam as the experiments train: the same first steps. Later steps part faster on some CPUs
     * (on an AVX-512 machine 0.6% by iteration 5): Adam's first step moves every element whose
     * gradient is rounding noise by the full learning rate, so the curves are compared where that
     * noise has not compounded yet; the SGD test above follows two whole epochs.
     */
    @Test
    void adamTakesTheSameFirstStepsAsDl4j() throws IOException {
        ToyFaces toy = new ToyFaces(CLASSES, 8, 16, 128, 2);
        StudentTrainerTest.Recorder a = new StudentTrainerTest.Recorder();
        StudentTrainerTest.Recorder b = new StudentTrainerTest.Recorder();
        org.bridge.distill.fast.StudentTrainingStepTestHelpers.withoutDl4jHelpers(() ->
                new StudentTrainer(sc(), plan(1).build(), a).runUnchecked(unitTargets(toy)));
        new StudentTrainer(sc(), plan(1).engine(TrainingPlan.Engine.HANDWRITTEN).build(), b).run(unitTargets(toy));

        for (boolean cls : new boolean[] {false, true}) {
            for (int i = 0; i < 3; i++) {
                double x = losses(a, cls).get(i);
                assertEquals(x, losses(b, cls).get(i), (i == 0 ? 1e-5 : 2e-3) * Math.abs(x), (cls ? "class" : "total")
                        + " loss of iteration " + i);
            }
        }
    }

    @Test
    void aRunResumedFromItsCheckpointContinuesTheSameCurve(@TempDir Path dir) throws IOException {
        ToyFaces toy = new ToyFaces(CLASSES, 8, 16, 128, 3);
        StudentTrainerTest.Recorder whole = new StudentTrainerTest.Recorder();
        TrainingResult reference = new StudentTrainer(sc(), plan(3).engine(TrainingPlan.Engine.HANDWRITTEN)
                .checkpoint(dir.resolve("a.zip")).build(), whole).run(toy.samples());

        TrainingPlan first = plan(3).engine(TrainingPlan.Engine.HANDWRITTEN).checkpoint(dir.resolve("b.zip")).build();
        StudentTrainer[] trainer = new StudentTrainer[1];
        trainer[0] = new StudentTrainer(sc(), first, new StudentTrainerTest.Recorder() {
            @Override
            public void epochDone(EpochSummary summary) {
                super.epochDone(summary);
                trainer[0].cancel();
            }
        });
        assertEquals(TrainingResult.Status.CANCELLED, trainer[0].run(toy.samples()).status());
        StudentTrainerTest.Recorder part = new StudentTrainerTest.Recorder();
        TrainingResult resumed = new StudentTrainer(sc(), first, part).run(toy.samples());

        int perEpoch = whole.points.size() / 3;
        List<Double> tail = losses(whole, false).subList(perEpoch, whole.points.size());
        assertEquals(tail.size(), part.points.size());
        for (int i = 0; i < tail.size(); i++) {
            assertEquals(tail.get(i), losses(part, false).get(i), 1e-5 * Math.abs(tail.get(i)), "loss of iteration " + i);
        }
        double d = relativeDifference(reference.student().graph().params(), resumed.student().graph().params());
        assertTrue(d < 1e-5, "resumed parameters differ by " + d);
    }

    @Test
    void refusesMarginHeadsBeforeTraining() {
        StudentNetwork cos = StudentNetwork.of(CLASSES, ClassifierHead.cosFace(16, 0.2), null);
        TrainingPlan plan = TrainingPlan.builder().adam().batchSize(16).engine(TrainingPlan.Engine.HANDWRITTEN)
                .phase(TrainingPhase.classification("c", 1, 0.001)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StudentTrainer(cos, plan, null));
        assertTrue(e.getMessage().contains("HANDWRITTEN"), e.getMessage());
    }
}
