package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.degrade.DegradationParams;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.StudentInput;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.StudentTrainer;
import org.bridge.distill.Supervision;
import org.bridge.distill.TrainingPhase;
import org.bridge.distill.TrainingPlan;
import org.bridge.distill.TrainingResult;
import org.bridge.nd.Nd4jRuntime;

/**
 * A run folder holding a really trained (if tiny) student: S-p-c-O trained for one epoch on a few
 * dozen random p x p faces with the real {@link StudentTrainer}, saved as model.zip next to a
 * config.json in the runner's format, state DONE. Seconds, not minutes: for tests that load a
 * student (Degradation tab, TrainedStudent) rather than measure one.
 */
public final class TrainedStudentFixture {

    private TrainedStudentFixture() {
    }

    public static RunFolder write(RunStore store, String experiment, int p) {
        Nd4jRuntime.init();
        int classes = 4;
        int n = 32;
        int len = StudentInput.length(p);
        Random r = new Random(7);
        float[] inputs = new float[n * len];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < len; j++) {
                inputs[i * len + j] = Math.max(0, Math.min(255, 60 + 40 * labels[i] + 40 * (float) r.nextGaussian()));
            }
        }
        InMemoryStudentSamples samples = new InMemoryStudentSamples(p, inputs, labels, classes, null, 0);
        StudentNetwork network = StudentNetwork.forSupervision(Supervision.c, classes, ClassificationLoss.head("softmax"),
                null);
        TrainingPlan plan = TrainingPlan.builder().adam().batchSize(16).seed(1)
                .phase(TrainingPhase.classification("train", 1, 1e-3)).build();
        TrainingResult result = new StudentTrainer(network, plan, null).runUnchecked(samples);

        String student = "S-" + p + "-c-O";
        RunFolder f = store.folder(experiment, student + "_softmax_splitA_seed1");
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", experiment);
        cfg.addProperty("cell", f.id());
        cfg.addProperty("student", student);
        cfg.addProperty("resolution", p);
        cfg.addProperty("supervision", "c");
        cfg.addProperty("teacher", "O");
        cfg.addProperty("loss", "softmax");
        cfg.addProperty("split", "A");
        cfg.addProperty("seed", 1);
        JsonObject dataset = new JsonObject();
        dataset.addProperty("kind", "sample");
        cfg.add("dataset", dataset);
        cfg.add("degradation", JsonParser.parseString(DegradationParams.defaults().toJson()));
        f.writeJson(RunFolder.CONFIG, cfg);
        try {
            result.student().save(f.file(RunFolder.MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        f.setState(RunState.DONE, "fixture: one epoch on random faces");
        return f;
    }
}
