package org.bridge.experiment.report;

import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;

import java.nio.file.Path;
import java.util.function.Function;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.data.FaceDataset;
import org.bridge.data.FaceRecord;
import org.bridge.data.FolderFaceSetReader;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.FaceBox;
import org.bridge.teacher.TeacherId;

/**
 * The faces behind a run's numbers: where its dataset lives (from {@code config.json}, resolved
 * through the configured locations like the runner does), and the p x p input its student was
 * given for a face: the run's degradation base box, resized with anti-aliasing and nothing
 * random, exactly what {@link StudentFeatureExtractor#input} feeds the student at evaluation.
 */
public final class RunFaces {

    private final Path datasetRoot;
    private final FaceDataset dataset;
    private final FaceBox baseBox;
    private final int resolution;
    private final TeacherId teacher;
    private final ImageDecoder decoder = new ImageDecoder(8);

    RunFaces(Path datasetRoot, FaceDataset dataset, FaceBox baseBox, int resolution, TeacherId teacher) {
        this.datasetRoot = datasetRoot;
        this.dataset = dataset;
        this.baseBox = baseBox;
        this.resolution = resolution;
        this.teacher = teacher;
    }

    /** Reads the run's dataset folder (a walk of every person folder). */
    public static RunFaces of(RunRecord run, BridgeLocations locations) {
        return of(run, locations, FolderFaceSetReader::read);
    }

    /**
     * @param readDataset lists a dataset root; the workbench passes a cache so that flipping
     *                    between runs of the same LFW folder does not walk 5,749 folders again
     */
    public static RunFaces of(RunRecord run, BridgeLocations locations, Function<Path, FaceDataset> readDataset) {
        Path config = run.folder().file(RunFolder.CONFIG);
        JsonObject cfg = run.config();
        JsonObject d = cfg.has("dataset") ? cfg.getAsJsonObject("dataset") : null;
        if (d == null || !d.has("kind")) {
            throw new UserFacingException(config + ": no \"dataset\" with a \"kind\"");
        }
        ExperimentSpec.DatasetSpec spec = new ExperimentSpec.DatasetSpec(d.get("kind").getAsString(),
                d.has("path") && !d.get("path").isJsonNull() ? d.get("path").getAsString() : null);
        Path root = new ExperimentDatasets(locations).root(spec);
        if (!cfg.has("degradation") || !cfg.has("resolution") || !cfg.has("teacher")) {
            throw new UserFacingException(config + ": needs \"degradation\", \"resolution\" and \"teacher\"");
        }
        DegradationParams dp = DegradationParams.fromJson(cfg.get("degradation").toString(),
                config + " (degradation)");
        TeacherId teacher;
        try {
            teacher = TeacherId.valueOf(cfg.get("teacher").getAsString());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(config + ": unknown teacher '" + cfg.get("teacher").getAsString() + "'", e);
        }
        return new RunFaces(root, readDataset.apply(root), dp.baseBox(), cfg.get("resolution").getAsInt(), teacher);
    }

    public Path datasetRoot() {
        return datasetRoot;
    }

    public FaceDataset dataset() {
        return dataset;
    }

    /** The student's input side p. */
    public int resolution() {
        return resolution;
    }

    public FaceBox baseBox() {
        return baseBox;
    }

    public TeacherId teacher() {
        return teacher;
    }

    /** Image {@code number} of {@code person}; an error naming the folder when the set lacks it. */
    public FaceRecord face(String person, int number) {
        return dataset.record(person, number).orElseThrow(() -> new UserFacingException(
                "image " + number + " of " + person + " is not in " + dataset.imagesRoot()
                        + " (was the dataset moved since the run?)"));
    }

    /** The full-resolution image as stored. */
    public RgbImage highResolution(FaceRecord face) {
        return decoder.decode(face);
    }

    /** The p x p face the student saw for this image. */
    public RgbImage studentInput(RgbImage highResolution) {
        return Degradation.clean(highResolution, baseBox, resolution);
    }
}
