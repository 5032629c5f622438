package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentTrainerTest {

    private static final RegressionHead MIMIC = RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED);

    /** Records every loss point and epoch summary. */
    static class Recorder implements StudentTrainingListener {
        final List<LossPoint> points = new ArrayList<>();
        final List<EpochSummary> epochs = new ArrayList<>();

        @Override
        public void iterationDone(LossPoint point) {
            points.add(point);
        }

        @Override
        public void epochDone(EpochSummary summary) {
            epochs.add(summary);
        }
    }

    private static TrainingPlan.Builder plan(int epochs, double lr) {
        return TrainingPlan.builder().adam().batchSize(32).seed(7)
                .phase(TrainingPhase.full("all", epochs, lr));
    }

    @Test
    void classificationOnAToyProblemReachesHighTrainAccuracy() throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 0, 1);
        Recorder rec = new Recorder();
        TrainingPlan plan = TrainingPlan.builder().sgd(0.9).batchSize(32).seed(3)
                .phase(TrainingPhase.classification("c", 8, 0.05)).build();
        long start = System.nanoTime();
        TrainingResult result = new StudentTrainer(StudentNetwork.of(4, ClassifierHead.softmax(), null), plan, rec)
                .run(toy.labelsOnly());
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = toy.accuracy(result.student());
        System.out.printf("toy classification: epoch losses %.3f -> %.3f, train accuracy %.3f in %.1f s%n",
                rec.epochs.get(0).meanTotal(), rec.epochs.get(7).meanTotal(), accuracy, seconds);
        assertEquals(TrainingResult.Status.COMPLETED, result.status());
        assertEquals(8, result.epochsCompleted());
        assertEquals(8 * 8, rec.points.size());
        assertTrue(rec.epochs.get(7).meanTotal() < 0.5 * rec.epochs.get(0).meanTotal());
        assertTrue(accuracy >= 0.95, "train accuracy " + accuracy);
        assertTrue(Double.isNaN(rec.points.get(0).regression()), "no regression head: regression loss is NaN");
        assertEquals(rec.points.get(5).total(), rec.points.get(5).classification(), 1e-9);
    }

    @Test
    void regressionOnlyDrivesTheMimicErrorDown() throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 128, 2);
        Recorder rec = new Recorder();
        Student untrained = new Student(StudentNetwork.regressionOnly(MIMIC)
                .build(16, new org.nd4j.linalg.learning.config.Adam(0.01), 0, 7));
        TrainingPlan p = TrainingPlan.builder().adam().batchSize(32).seed(7)
                .phase(TrainingPhase.regression("s", 16, 0.01)).build();
        TrainingResult result = new StudentTrainer(StudentNetwork.regressionOnly(MIMIC), p, rec).run(toy.samples());
        double before = toy.regressionError(untrained);
        double after = toy.regressionError(result.student());
        System.out.printf("toy regression: epoch losses %.2f -> %.2f; ||mimic - target||^2 %.2f -> %.2f%n",
                rec.epochs.get(0).meanTotal(), rec.epochs.get(15).meanTotal(), before, after);
        assertTrue(after < 0.2 * before, before + " -> " + after);
        assertTrue(rec.epochs.get(15).meanRegression() < 0.2 * rec.epochs.get(0).meanRegression());
        assertTrue(Double.isNaN(rec.points.get(0).classification()));
    }

    @Test
    void preTrainingThenFineTuningSwitchesTheRegressionOn() throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 128, 3);
        Recorder rec = new Recorder();
        TrainingPlan p = TrainingPlan.builder().adam().batchSize(32).seed(5).schedule(LearningRateShape.COSINE)
                .phase(TrainingPhase.classification("pre-train", 2, 0.01))
                .phase(TrainingPhase.full("fine-tune", 4, 0.005)).build();
        TrainingResult result = new StudentTrainer(StudentNetwork.of(4, ClassifierHead.softmax(), MIMIC), p, rec)
                .run(toy.samples());
        List<StudentTrainingListener.LossPoint> pre = rec.points.subList(0, 16);
        List<StudentTrainingListener.LossPoint> fine = rec.points.subList(16, 48);
        assertTrue(pre.stream().allMatch(x -> x.phase().equals("pre-train") && Double.isNaN(x.regression())));
        // With the regression masked off, the total is the classification loss alone.
        pre.forEach(x -> assertEquals(x.total(), x.classification(), 1e-6));
        assertTrue(fine.stream().allMatch(x -> x.phase().equals("fine-tune") && Double.isFinite(x.regression())));
        fine.forEach(x -> assertEquals(x.total(), x.classification() + x.regression(), 1e-3 * x.total()));
        // The schedule restarts at each phase's base rate (a later phase after a one-epoch linear
        // warm-up) and decays within it.
        assertEquals(0.01, pre.get(0).learningRate(), 1e-12);
        assertEquals(0.005 / 9, fine.get(0).learningRate(), 1e-12);
        assertEquals(0.005 * LearningRateShape.COSINE.factor(8 / 32.0), fine.get(8).learningRate(), 1e-12);
        assertTrue(fine.get(31).learningRate() < 0.2 * 0.005);
        // DL4J's updaters run on the same clock: the rate they would use next is the schedule's.
        ComputationGraph net = result.student().graph();
        assertEquals(48, net.getIterationCount());
        double next = PhasedLearningRate.of(p.phases(), 8, LearningRateShape.COSINE).at(48);
        assertEquals(next, net.getLearningRate("conv1"), 1e-12);
        assertEquals(next, net.getLearningRate(StudentNetwork.IDENTITY), 1e-12);
        double firstFine = rec.epochs.get(2).meanRegression();
        double lastFine = rec.epochs.get(5).meanRegression();
        System.out.printf("pre-train then fine-tune: regression %.2f -> %.2f, accuracy %.3f%n", firstFine, lastFine,
                toy.accuracy(result.student()));
        assertTrue(lastFine < 0.5 * firstFine);
        assertTrue(toy.accuracy(result.student()) >= 0.9);
    }

    @Test
    void weightDecayCountsInTheTotalButNotInThePerOutputLosses() throws IOException {
        ToyFaces toy = new ToyFaces(4, 32, 16, 128, 12);
        Recorder rec = new Recorder();
        TrainingPlan p = plan(2, 0.01).weightDecay(1e-2).build();
        TrainingResult result = new StudentTrainer(StudentNetwork.of(4, ClassifierHead.softmax(), MIMIC), p, rec)
                .run(toy.samples());
        double decay = result.student().graph().calcRegularizationScore(true);
        assertTrue(decay > 0.1, "decay term " + decay);
        StudentTrainingListener.LossPoint last = rec.points.get(rec.points.size() - 1);
        // The trainer takes the decay term before the step (as in the score); this one is after the
        // last step, so allow for one update's change (weight decay 1e-2 shrinks it by a few percent).
        assertEquals(last.total(), last.classification() + last.regression() + decay, 0.05 * decay);
        assertTrue(last.classification() > 0 && last.classification() < last.total() - 0.9 * decay,
                "classification " + last.classification() + ", regression " + last.regression() + ", total "
                        + last.total() + ", decay " + decay);
    }

    @Test
    void unlabelledSamplesRegressButStayOutOfTheCrossEntropy() throws IOException {
        // Public images of people too rare to be a class (regressAllPublicImages) carry a teacher
        // target but no identity. All-unlabelled samples must leave the identity layer untouched
        // (no cross-entropy gradient; no weight decay here) while the regression still learns.
        ToyFaces toy = new ToyFaces(4, 32, 16, 128, 5);
        int[] none = new int[toy.labels.length];
        java.util.Arrays.fill(none, StudentSamples.UNLABELLED);
        StudentSamples unlabelled = new InMemoryStudentSamples(16, toy.inputs, none, 4, toy.targets, 128);
        StudentNetwork sc = StudentNetwork.forSupervision(Supervision.sc, 4, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
        Recorder rec = new Recorder();
        TrainingPlan p = plan(3, 0.01).build();
        ComputationGraph initial = sc.build(16, p.updater(PhasedLearningRate.of(p.phases(), 4, p.shape())), 0, p.seed());
        TrainingResult result = new StudentTrainer(sc, p, rec).run(unlabelled);
        ComputationGraph trained = result.student().graph();
        assertEquals(initial.getLayer(StudentNetwork.IDENTITY).params(), trained.getLayer(StudentNetwork.IDENTITY).params(),
                "the identity layer learnt from samples without a label");
        assertEquals(0.0, rec.points.get(0).classification(), 1e-12, "masked cross-entropy");
        assertTrue(rec.epochs.get(2).meanRegression() < rec.epochs.get(0).meanRegression(),
                "the regression still trains on unlabelled samples");

        // Half labelled: the cross-entropy counts only the labelled half, so it is below the
        // all-labelled loss of the same untrained network on the same first batch.
        int[] half = toy.labels.clone();
        for (int i = 0; i < half.length; i += 2) {
            half[i] = StudentSamples.UNLABELLED;
        }
        Recorder halfRec = new Recorder();
        Recorder fullRec = new Recorder();
        new StudentTrainer(sc, plan(1, 0.01).build(), halfRec)
                .run(new InMemoryStudentSamples(16, toy.inputs, half, 4, toy.targets, 128));
        new StudentTrainer(sc, plan(1, 0.01).build(), fullRec).run(toy.samples());
        double h = halfRec.points.get(0).classification();
        double f = fullRec.points.get(0).classification();
        assertTrue(h > 0.3 * f && h < 0.7 * f, "half the batch labelled: " + h + " of " + f);
    }

    @Test
    void unlabelledSamplesNeedATargetAndCannotTrainACentreLoss() {
        ToyFaces toy = new ToyFaces(4, 8, 16, 128, 6);
        int[] labels = toy.labels.clone();
        labels[3] = StudentSamples.UNLABELLED;
        assertThrows(IllegalArgumentException.class,
                () -> new InMemoryStudentSamples(16, toy.inputs, labels, 4, null, 0), "no label and no target");
        StudentSamples samples = new InMemoryStudentSamples(16, toy.inputs, labels, 4, toy.targets, 128);
        StudentNetwork centre = StudentNetwork.forSupervision(Supervision.sc, 4, ClassifierHead.centerLoss(0.01, 0.5),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED).onUnitSphere());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StudentTrainer(centre, plan(1, 0.01).build(), null).run(samples));
        assertTrue(e.getMessage().contains("sample 3"), e.getMessage());
    }

    @Test
    void superviseDcRegressesAProjectionOfTheMimicLayerOntoTheRawTeacherFeature() throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 1024, 4);
        Recorder rec = new Recorder();
        StudentNetwork dc = StudentNetwork.forSupervision(Supervision.dc, 4, ClassifierHead.softmax(),
                RegressionHead.projected(1024, 1.0 / 1024, RegressionHead.Loss.SUM_SQUARED));
        TrainingResult result = new StudentTrainer(dc, plan(6, 0.01).build(), rec).run(toy.samples());
        double first = rec.epochs.get(0).meanRegression();
        double last = rec.epochs.get(5).meanRegression();
        System.out.printf("dc projection: regression %.3f -> %.3f%n", first, last);
        assertTrue(last < 0.3 * first, first + " -> " + last);
        assertEquals(128, result.student().features(toy.inputArray())[0].length, "features stay 128-D");
    }

    @Test
    void cancelKeepsTheLastCheckpointAndResumeContinuesTheSameCurve(@TempDir Path dir) throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 128, 5);
        StudentNetwork network = StudentNetwork.of(4, ClassifierHead.softmax(), MIMIC);

        // Reference: four epochs without interruption.
        Recorder reference = new Recorder();
        new StudentTrainer(network, plan(4, 0.005).checkpoint(dir.resolve("ref.zip")).build(), reference)
                .run(toy.samples());

        // Interrupted run: cancel during epoch 3.
        Path ckpt = dir.resolve("run.zip");
        TrainingPlan p = plan(4, 0.005).checkpoint(ckpt).build();
        Recorder first = new Recorder();
        StudentTrainer[] holder = new StudentTrainer[1];
        holder[0] = new StudentTrainer(network, p, new StudentTrainingListener() {
            @Override
            public void iterationDone(LossPoint point) {
                first.iterationDone(point);
                if (point.epoch() == 3 && point.iteration() == 2) {
                    holder[0].cancel();
                }
            }
        });
        TrainingResult cancelled = holder[0].run(toy.samples());
        assertEquals(TrainingResult.Status.CANCELLED, cancelled.status());
        assertEquals(2, cancelled.epochsCompleted());
        ComputationGraph saved = Checkpoints.read(ckpt);
        assertEquals(2, saved.getEpochCount(), "the checkpoint holds the last finished epoch");
        assertEquals(16, saved.getIterationCount());

        // Resume: starts at epoch 3, iteration 1, on the same global clock and the same losses.
        Recorder second = new Recorder();
        TrainingResult resumed = new StudentTrainer(network, p, second).run(toy.samples());
        assertEquals(TrainingResult.Status.COMPLETED, resumed.status());
        assertEquals(4, resumed.epochsCompleted());
        assertEquals(16, second.points.size());
        StudentTrainingListener.LossPoint r0 = second.points.get(0);
        assertEquals(3, r0.epoch());
        assertEquals(1, r0.iteration());
        assertEquals(16, r0.globalIteration());
        StudentTrainingListener.LossPoint ref0 = reference.points.get(16);
        System.out.printf("resume: first loss %.5f vs uninterrupted %.5f; last %.5f vs %.5f%n", r0.total(),
                ref0.total(), second.points.get(15).total(), reference.points.get(31).total());
        assertEquals(ref0.total(), r0.total(), 1e-3 * ref0.total());
        assertEquals(reference.points.get(31).total(), second.points.get(15).total(),
                2e-2 * reference.points.get(31).total());
        assertEquals(4, Checkpoints.read(ckpt).getEpochCount());

        // Running a finished plan again does nothing.
        Recorder third = new Recorder();
        TrainingResult again = new StudentTrainer(network, p, third).run(toy.samples());
        assertEquals(4, again.epochsCompleted());
        assertTrue(third.points.isEmpty());
    }

    @Test
    void aNanInputStopsTrainingWithAClearMessageAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
        ToyFaces toy = new ToyFaces(4, 64, 16, 0, 6);
        StudentSamples clean = toy.labelsOnly();
        // Sample 0 turns into NaN from the second epoch on.
        StudentSamples poisoned = new StudentSamples() {
            public int size() { return clean.size(); }
            public int resolution() { return clean.resolution(); }
            public int classes() { return clean.classes(); }
            public int targetDimension() { return 0; }
            public void input(int epoch, int index, float[] dst, int offset) {
                clean.input(epoch, index, dst, offset);
                if (epoch >= 1 && index == 0) {
                    dst[offset + 5] = Float.NaN;
                }
            }
            public int label(int index) { return clean.label(index); }
            public void target(int index, float[] dst, int offset) { throw new IllegalStateException(); }
        };
        Path ckpt = dir.resolve("student.zip");
        TrainingPlan p = TrainingPlan.builder().adam().batchSize(32).seed(1).checkpoint(ckpt)
                .phase(TrainingPhase.classification("c", 3, 0.01)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new StudentTrainer(StudentNetwork.of(4, ClassifierHead.softmax(), null), p, null).run(poisoned));
        System.out.println("diverged: " + e.getMessage());
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch 2, iteration " + e.iteration()), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint of epoch 1"), e.getMessage());
        assertEquals(1, e.lastGoodEpoch());
        Student kept = Student.load(ckpt);
        assertEquals(1, kept.graph().getEpochCount());
        assertTrue(Double.isFinite(kept.graph().params().sumNumber().doubleValue()));
        assertTrue(toy.accuracy(kept) > 0.25, "the kept epoch-1 network still works");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(ckpt), files.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void aHugeLearningRateIsReportedAsDivergence() {
        ToyFaces toy = new ToyFaces(4, 64, 16, 128, 8);
        TrainingPlan p = TrainingPlan.builder().sgd(0.9).batchSize(32).seed(1)
                .phase(TrainingPhase.regression("s", 3, 1e5)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new StudentTrainer(StudentNetwork.regressionOnly(MIMIC), p, null).run(toy.samples()));
        System.out.println("diverged: " + e.getMessage());
        assertTrue(e.getMessage().matches("training loss (became NaN|became infinite|exploded above 10000.0) at epoch"
                + " \\d+, iteration \\d+ .*"), e.getMessage());
        assertTrue(e.getMessage().contains("no checkpoint was kept"), e.getMessage());
    }

    @Test
    void resumingWithADifferentArchitectureIsRefused(@TempDir Path dir) throws IOException {
        ToyFaces toy = new ToyFaces(4, 16, 16, 128, 9);
        Path ckpt = dir.resolve("s.zip");
        new StudentTrainer(StudentNetwork.regressionOnly(MIMIC), plan(1, 0.01).clearPhases()
                .phase(TrainingPhase.regression("s", 1, 0.01)).checkpoint(ckpt).build(), null).run(toy.samples());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StudentTrainer(
                StudentNetwork.of(4, ClassifierHead.softmax(), MIMIC), plan(2, 0.01).checkpoint(ckpt).build(), null)
                .run(toy.samples()));
        assertTrue(e.getMessage().contains(ckpt.toString()), e.getMessage());
    }

    @Test
    void inconsistentSamplesAreRejectedBeforeTraining() {
        ToyFaces toy = new ToyFaces(3, 8, 16, 0, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StudentTrainer(
                StudentNetwork.of(4, ClassifierHead.softmax(), null), plan(1, 0.01).clearPhases()
                .phase(TrainingPhase.classification("c", 1, 0.01)).build(), null).run(toy.labelsOnly()));
        assertTrue(e.getMessage().contains("3 identity classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StudentTrainer(
                StudentNetwork.regressionOnly(MIMIC), plan(1, 0.01).build(), null));
        assertFalse(e.getMessage().isEmpty());
    }
}
