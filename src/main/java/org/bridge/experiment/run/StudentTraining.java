package org.bridge.experiment.run;

import java.io.IOException;
import java.nio.file.Path;

import com.google.gson.JsonObject;

import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.Student;
import org.bridge.distill.TrainingResult;
import org.bridge.experiment.RegressionTargets;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.StudentFeatureExtractor;
import org.bridge.experiment.TeacherFeatureProvider;

/**
 * One student cell's training, stage by stage: the training set, the regression targets, the
 * degraded set D(I), the fit, the evaluation and the record. Returns the cell's status message;
 * results.json is written only when every stage is done.
 */
public final class StudentTraining {

    private final RegressionTargetStage targets;
    private final RunOptions options;

    public StudentTraining(TeacherFeatureProvider teachers, RegressionTargets adaptation, RunOptions options) {
        this.targets = new RegressionTargetStage(teachers, adaptation);
        this.options = options;
    }

    public String train(CellContext c, Path root, LfwBridgeProtocol protocol, BridgeSplit split) throws IOException {
        long started = System.nanoTime();
        TrainingSetStage.TrainingSet set = TrainingSetStage.select(c, protocol, split, root.toString());
        targets.prepare(c, root, set.images());
        float[][] regressionTargets = targets.targets(c, set);
        // Where the training time goes, so a per-split time can be read with cached teacher
        // features even when this run had to compute them.
        JsonObject phaseSeconds = new JsonObject();
        long mark = System.nanoTime();
        phaseSeconds.addProperty("data_teacher_features_and_targets", (mark - started) / 1e9);
        InMemoryStudentSamples samples = DegradedSetStage.build(c, set, regressionTargets);
        phaseSeconds.addProperty("degradation", (System.nanoTime() - mark) / 1e9);
        mark = System.nanoTime();
        FitStage.Fitted fitted = FitStage.fit(c, set.classes(), regressionTargets, samples, options);
        samples = null; // let the training set go before evaluation
        TrainingResult result = fitted.result();
        if (result.status() == TrainingResult.Status.CANCELLED) {
            return fitted.log().withRecovery(FitStage.cancelledMessage(result.epochsCompleted(), result.epochsPlanned(),
                    c.folder()));
        }
        Student student = result.student();
        student.save(c.folder().file(RunFolder.MODEL));
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        // Of this process only: a resumed run's earlier epochs are not in it (epoch_seconds has them).
        phaseSeconds.addProperty("fitting", (System.nanoTime() - mark) / 1e9);
        StudentFeatureExtractor extractor = new StudentFeatureExtractor(c.student().name(), student,
                c.spec().degradation().baseBox(), c.student().resolution());
        EvaluateStage.Evaluated evaluated = EvaluateStage.evaluate(c, split, extractor, set.validation());
        RecordStage.record(c, split, evaluated, student, new RecordStage.Timing(trainSeconds, phaseSeconds, result));
        return fitted.log().withRecovery("done: " + result.epochsCompleted() + " epochs");
    }

    /** The regression-target stage, whose teacher features tests check on their own. */
    public RegressionTargetStage targets() {
        return targets;
    }
}
