package org.bridge.experiment.run;

import java.nio.file.Path;
import java.util.Locale;

import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.LearningRateShape;
import org.bridge.distill.RegressionHead;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.StudentTrainer;
import org.bridge.distill.Supervision;
import org.bridge.distill.TrainingPhase;
import org.bridge.distill.TrainingPlan;
import org.bridge.distill.TrainingResult;
import org.bridge.experiment.ClassificationLoss;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.StudentSpec;
import org.bridge.experiment.TrainingSettings;

/**
 * Stage 4, the fit (step 2): the student network for the supervision, loss and regression target,
 * trained by its plan (classification pre-training, then the full objective) from its last
 * checkpoint; losses and epochs go to the run folder and the listener as it trains.
 */
public final class FitStage {

    /** The training's outcome, and the loss log that knows what happened to a damaged checkpoint. */
    record Fitted(TrainingResult result, LossLog log) {
    }

    private FitStage() {
    }

    static Fitted fit(CellContext c, int classes, float[][] targets, InMemoryStudentSamples samples, RunOptions options)
            throws java.io.IOException {
        StudentSpec s = c.student();
        TrainingSettings t = c.training();
        StudentNetwork network = StudentNetwork.forSupervision(s.supervision(), classes,
                ClassificationLoss.head(c.cell().loss()), regression(s, t, targets)).withBatchNormRelu(t.batchNormRelu());
        TrainingPlan plan = plan(t, s.supervision(), c.cell().seed(), c.folder().checkpointsDir().resolve("last.zip"));
        LossLog log = new LossLog(c.folder(), c.cell(), c.listener());
        StudentTrainer trainer = new StudentTrainer(network, plan, log, options.dl4jListeners(c.folder()));
        c.control().whileRunning(trainer::cancel);
        c.status("training " + s.name(), 0);
        try {
            return new Fitted(trainer.run(samples), log);
        } finally {
            log.flush();
            c.control().whileRunning(null);
        }
    }

    /** The mimic regression onto the targets (none without them), on the unit sphere when asked. */
    private static RegressionHead regression(StudentSpec s, TrainingSettings t, float[][] targets) {
        if (targets == null) {
            return null;
        }
        int dim = targets[0].length;
        RegressionHead regression = dim == StudentNetwork.MIMIC_DIMENSION
                && s.supervision().regressionTarget() == Supervision.Target.ADAPTED
                ? RegressionHead.mimic(t.regressionWeight(), RegressionHead.Loss.SUM_SQUARED)
                : RegressionHead.projected(dim, t.regressionWeight(), RegressionHead.Loss.SUM_SQUARED);
        return t.unitSphereRegression() ? regression.onUnitSphere() : regression;
    }

    /** The training plan of a cell: optimizer, cosine schedule, its phases and checkpoint. */
    public static TrainingPlan plan(TrainingSettings t, Supervision x, long seed, Path checkpoint) {
        TrainingPlan.Builder b = TrainingPlan.builder()
                .batchSize(t.batchSize())
                .weightDecay(t.weightDecay())
                .seed(seed)
                .horizontalFlip(t.horizontalFlip())
                .schedule(LearningRateShape.COSINE)
                .checkpoint(checkpoint)
                .engine(t.trainingEngine());
        if ("sgd".equals(t.optimizer().toLowerCase(Locale.ROOT))) {
            b.sgd(0.9);
        } else {
            b.adam();
        }
        // The paper pre-trains on LR classification, then fine-tunes with the full objective.
        // Without that pre-training (c: nothing to switch on; s: no labels) the one phase gets its
        // epochs too, so every supervision trains for the same number of epochs.
        boolean pretrain = t.pretrainEpochs() > 0 && x.usesClassLoss() && x.needsTeacher();
        if (pretrain) {
            b.phase(TrainingPhase.classification("pre-train", t.pretrainEpochs(), t.learningRate()));
        }
        int epochs = pretrain ? t.finetuneEpochs() : t.finetuneEpochs() + t.pretrainEpochs();
        b.phase(TrainingPhase.forSupervision(x, epochs, t.learningRate()));
        return b.build();
    }

    /** A cancelled cell's status: how far it got, and whether the next run resumes or starts over. */
    public static String cancelledMessage(int epochsDone, int epochsPlanned, RunFolder folder) {
        if (epochsDone == 0) {
            return "cancelled during epoch 1 of " + epochsPlanned
                    + ", before its first checkpoint; the next run starts the training again";
        }
        return "cancelled after " + epochsDone + " of " + epochsPlanned + " epochs; the next run resumes from "
                + folder.checkpointsDir();
    }
}
