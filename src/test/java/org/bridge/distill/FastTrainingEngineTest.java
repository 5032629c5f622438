package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Engine FAST (channels-last graph, convolution outputs kept for the backward pass) must train
 * the same student as DL4J's own path: same gradients layer by layer, same updates,
 * same checkpoints and resumption.
 */
class FastTrainingEngineTest {

    private static final int CLASSES = 5;

    /** Supervision sc's heads, as the experiments train them. */
    private static StudentNetwork sc() {
        return StudentNetwork.of(CLASSES, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / Math.max(1e-12, a.norm2Number().doubleValue());
    }

    @Test
    void everyLayerGetsDl4jsGradientsAndBatchStatistics() {
        int p = 16;
        int n = 8;
        ComputationGraph dl4j = sc().build(p, new Sgd(0.01), 0, 11);
        ComputationGraph fast = sc().withLayout(CNN2DFormat.NHWC).build(p, new Sgd(0.01), 0, 12);
        StudentNetwork.copyState(dl4j, fast);

        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 3, p, p).muli(255);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % CLASSES, 1);
        }
        INDArray t = Nd4j.randn(DataType.FLOAT, n, 128);
        t.diviColumnVector(t.norm2(1).reshape(n, 1));

        dl4j.setInputs(x);
        dl4j.setLabels(y, t);
        dl4j.computeGradientAndScore();
        fast.setInputs(x.permute(0, 2, 3, 1).dup('c'));
        fast.setLabels(y, t);
        fast.computeGradientAndScore();

        assertEquals(dl4j.score(), fast.score(), 1e-5 * Math.abs(dl4j.score()));
        int batchNorms = 0;
        for (Layer layer : dl4j.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            INDArray g = layer.getGradientsViewArray();
            if (g == null || g.length() == 0) {
                continue;
            }
            // Batch-norm layers: gamma, beta and the running mean/variance steps from the batch statistics.
            double d = relativeDifference(g, fast.getLayer(name).getGradientsViewArray());
            assertTrue(d < 1e-4, name + ": gradients differ by " + d + " (relative)");
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization
                    && name.startsWith("conv")) {
                batchNorms++;
            }
        }
        assertEquals(10, batchNorms, "every convolution's batch norm compared");
    }

    @Test
    void inferenceOutputIsTheSameInBothLayouts() {
        ComputationGraph dl4j = sc().build(16, new Sgd(0.01), 0, 3);
        ComputationGraph fast = sc().withLayout(CNN2DFormat.NHWC).build(16, new Sgd(0.01), 0, 4);
        StudentNetwork.copyState(dl4j, fast);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16).muli(255);
        INDArray a = dl4j.output(false, x)[0];
        INDArray b = fast.output(false, x.permute(0, 2, 3, 1).dup('c'))[0];
        assertTrue(relativeDifference(a, b) < 1e-5, "outputs differ by " + relativeDifference(a, b));
    }

    /** The experiments' default training settings (Adam, lr 0.001 with the cosine shape, decay, flips). */
    private static TrainingPlan.Builder plan(int epochs) {
        return TrainingPlan.builder().adam().batchSize(16).seed(7).weightDecay(5e-4).horizontalFlip(true)
                .schedule(LearningRateShape.COSINE).phase(TrainingPhase.full("sc", epochs, 0.001));
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

    private static List<Double> losses(StudentTrainerTest.Recorder rec) {
        List<Double> out = new ArrayList<>();
        rec.points.forEach(pt -> out.add(pt.total()));
        return out;
    }

    @Test
    void bothEnginesTrainTheSameStudent() throws IOException {
        ToyFaces toy = new ToyFaces(CLASSES, 8, 16, 128, 2);
        StudentTrainerTest.Recorder a = new StudentTrainerTest.Recorder();
        StudentTrainerTest.Recorder b = new StudentTrainerTest.Recorder();
        TrainingResult dl4j = new StudentTrainer(sc(), plan(3).build(), a).run(unitTargets(toy));
        TrainingResult fast = new StudentTrainer(sc(), plan(3).engine(TrainingPlan.Engine.FAST).build(), b)
                .run(unitTargets(toy));

        assertEquals(losses(a).size(), losses(b).size());
        for (int i = 0; i < losses(a).size(); i++) {
            assertEquals(losses(a).get(i), losses(b).get(i), 1e-4 * Math.abs(losses(a).get(i)), "loss of iteration " + i);
        }
        ComputationGraph ga = dl4j.student().graph();
        ComputationGraph gb = fast.student().graph();
        double d = relativeDifference(ga.params(), gb.params());
        assertTrue(d < 1e-4, "parameters after training differ by " + d);
        assertEquals(ga.getIterationCount(), gb.getIterationCount());
        assertEquals(ga.getEpochCount(), gb.getEpochCount());
        // The trained student is the ordinary NCHW graph, whatever engine trained it.
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16).muli(255);
        assertTrue(relativeDifference(ga.output(false, x)[0], gb.output(false, x)[0]) < 1e-4);
    }

    @Test
    void aFastRunResumedFromItsCheckpointContinuesTheSameCurve(@TempDir Path dir) throws IOException {
        ToyFaces toy = new ToyFaces(CLASSES, 8, 16, 128, 3);
        TrainingPlan.Builder adam = TrainingPlan.builder().adam().batchSize(16).seed(5)
                .engine(TrainingPlan.Engine.FAST).phase(TrainingPhase.full("sc", 3, 0.003));
        StudentTrainerTest.Recorder whole = new StudentTrainerTest.Recorder();
        TrainingResult reference = new StudentTrainer(sc(), adam.checkpoint(dir.resolve("a.zip")).build(), whole)
                .run(toy.samples());

        // One epoch, then the same plan of three epochs resumes from the checkpoint.
        Path ckpt = dir.resolve("b.zip");
        TrainingPlan.Builder first = TrainingPlan.builder().adam().batchSize(16).seed(5)
                .engine(TrainingPlan.Engine.FAST).phase(TrainingPhase.full("sc", 3, 0.003)).checkpoint(ckpt);
        StudentTrainerTest.Recorder part = new StudentTrainerTest.Recorder();
        StudentTrainer[] trainer = new StudentTrainer[1];
        trainer[0] = new StudentTrainer(sc(), first.build(), new StudentTrainerTest.Recorder() {
            @Override
            public void epochDone(EpochSummary summary) {
                super.epochDone(summary);
                trainer[0].cancel();
            }
        });
        assertEquals(TrainingResult.Status.CANCELLED, trainer[0].run(toy.samples()).status());
        TrainingResult resumed = new StudentTrainer(sc(), first.build(), part).run(toy.samples());

        int perEpoch = whole.points.size() / 3;
        List<Double> tail = losses(whole).subList(perEpoch, whole.points.size());
        assertEquals(tail.size(), part.points.size());
        for (int i = 0; i < tail.size(); i++) {
            assertEquals(tail.get(i), losses(part).get(i), 1e-5 * Math.abs(tail.get(i)), "loss of iteration " + i);
        }
        double d = relativeDifference(reference.student().graph().params(), resumed.student().graph().params());
        assertTrue(d < 1e-5, "resumed parameters differ by " + d);
    }
}
