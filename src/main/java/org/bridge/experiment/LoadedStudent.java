package org.bridge.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.DegradationRandom;
import org.bridge.degrade.FaceBox;
import org.bridge.eval.Similarity;

/**
 * A trained run's student, loaded to look at single faces (the workbench's Degradation tab): how
 * far each perturbation D(I) of a face moves the student's 128-D feature from the one of the same
 * face cleanly resized to the student's resolution. Wraps {@link TrainedStudent}; calls are
 * serialised (a DL4J network is not thread-safe), and every call is a batched forward pass that
 * belongs on a background thread.
 */
public final class LoadedStudent {

    /** Cosine of each perturbation's feature to the clean face's, at the student's resolution. */
    public record PerturbationScores(String student, int resolution, List<Double> cosines) {
        public PerturbationScores {
            cosines = List.copyOf(cosines);
        }
    }

    private final TrainedStudent trained;

    private LoadedStudent(TrainedStudent trained) {
        this.trained = trained;
    }

    /**
     * Loads the student of a run folder.
     *
     * @throws org.bridge.config.UserFacingException when the folder has no config.json or no model.zip
     */
    public static LoadedStudent open(Path runDir) {
        return new LoadedStudent(TrainedStudent.open(runDir));
    }

    /** Whether {@code runDir} holds a trained student (model.zip) that {@link #open} can load. */
    public static boolean hasModel(Path runDir) {
        RunFolder f = new RunFolder(runDir);
        return Files.isRegularFile(f.file(RunFolder.MODEL)) && Files.isRegularFile(f.file(RunFolder.CONFIG));
    }

    /** The run folders under {@code runsRoot} with a trained student, in the store's order. */
    public static List<RunFolder> trainedRuns(Path runsRoot) {
        List<RunFolder> out = new ArrayList<>();
        if (runsRoot == null || !Files.isDirectory(runsRoot)) {
            return out;
        }
        for (RunFolder f : new RunStore(runsRoot).list()) {
            if (hasModel(f.dir())) {
                out.add(f);
            }
        }
        return out;
    }

    /** S-p-x-t. */
    public String name() {
        return trained.name();
    }

    /** The input side p the student was trained at. */
    public int resolution() {
        return trained.resolution();
    }

    public Path runDir() {
        return trained.run().dir();
    }

    /**
     * Scores perturbations 0..count-1 of {@code hr} as the Degradation tab and {@code bridge degrade}
     * draw them (image 0 of {@code experimentSeed}, around {@code params.baseBox()}), made at the
     * student's resolution: the cosine of each one's feature to the feature of the clean crop
     * (no random degradation) at that resolution. One batched forward pass.
     */
    public synchronized PerturbationScores scorePerturbations(RgbImage hr, DegradationParams params,
                                                              long experimentSeed) {
        int p = trained.resolution();
        FaceBox base = params.baseBox();
        Degradation degradation = new Degradation(params);
        long imageSeed = DegradationRandom.imageSeed(experimentSeed, 0);
        List<RgbImage> faces = new ArrayList<>(params.count() + 1);
        faces.add(Degradation.clean(hr, base, p));
        for (int i = 0; i < params.count(); i++) {
            faces.add(degradation.perturbation(hr, base, p, imageSeed, i));
        }
        float[][] f = trained.student().features(faces);
        List<Double> cosines = new ArrayList<>(params.count());
        for (int i = 1; i < f.length; i++) {
            cosines.add(Similarity.cosine(f[0], f[i]));
        }
        return new PerturbationScores(trained.name(), p, cosines);
    }
}
