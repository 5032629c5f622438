package org.bridge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.distill.Student;

/**
 * A finished run's student, loaded back from its folder with what it needs to see faces the
 * way it was trained: resolution and base face box from the run's config.
 */
public record TrainedStudent(RunFolder run, String name, int resolution, String split, Student student,
                             DegradationParams degradation) {

    public static TrainedStudent open(Path runDir) {
        RunFolder run = new RunFolder(runDir);
        JsonObject cfg = run.readJson(RunFolder.CONFIG)
                .orElseThrow(() -> new UserFacingException("not a run folder (no config.json): " + runDir));
        Path model = run.file(RunFolder.MODEL);
        if (!Files.isRegularFile(model) && run.isComplete()) {
            throw new UserFacingException("run " + runDir + " is finished but keeps no " + RunFolder.MODEL
                    + " (an archive of its evidence, `archive`, keeps no weights): its results can be reported, "
                    + "but to score new faces train the cell again in a runs folder of its own");
        }
        if (!Files.isRegularFile(model)) {
            throw new UserFacingException("run " + runDir + " has no trained model (" + RunFolder.MODEL
                    + "); its state is " + run.state() + (run.stateMessage().isEmpty() ? "" : ": " + run.stateMessage()));
        }
        try {
            DegradationParams deg = DegradationParams.fromJson(cfg.get("degradation").toString(), runDir.resolve(RunFolder.CONFIG).toString());
            return new TrainedStudent(run, cfg.get("student").getAsString(), cfg.get("resolution").getAsInt(),
                    cfg.get("split").getAsString(), Student.load(model), deg);
        } catch (IOException e) {
            throw new UserFacingException("cannot load the student model " + model + ": " + e.getMessage(), e);
        }
    }

    /** The student as a feature extractor at its own resolution (or another one: any p works). */
    public StudentFeatureExtractor extractor(int atResolution) {
        return new StudentFeatureExtractor(name + (atResolution != resolution ? "@" + atResolution : ""), student,
                degradation.baseBox(), atResolution);
    }

    /** The student as a feature extractor framing each image's face by {@code policy} around its base box. */
    public StudentFeatureExtractor extractor(int atResolution, FaceBoxPolicy policy) {
        return extractor(atResolution, new FaceFraming(policy, degradation.baseBox()));
    }

    /** The student as a feature extractor framing each image's face by {@code framing} (around {@link #degradation()}'s base box). */
    public StudentFeatureExtractor extractor(int atResolution, FaceFraming framing) {
        return new StudentFeatureExtractor(name + (atResolution != resolution ? "@" + atResolution : ""), student,
                framing, atResolution);
    }
}
