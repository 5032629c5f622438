package org.bridge.ui.degradation;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.DegradationParams;
import org.bridge.experiment.LoadedStudent;

/**
 * Runs a trained run's student on the Degradation tab's face, on a background thread (through a
 * {@link org.bridge.ui.common.LatestOnlyWorker}): loads the student when another run is chosen (keeping the last one),
 * then scores the 16 perturbations against the clean face at the student's resolution through
 * {@link LoadedStudent}. Called from one worker thread at a time.
 */
public final class StudentScorer {

    /** What to score: an immutable snapshot taken on the JavaFX thread. */
    public record Request(Path runDir, Path image, DegradationParams params, long seed) {
        public Request {
            Objects.requireNonNull(runDir, "runDir");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(params, "params");
        }
    }

    private final ImageDecoder decoder = new ImageDecoder(4);
    private LoadedStudent loaded;

    /** The scores, or null when {@code superseded} turned true before the forward pass. */
    public LoadedStudent.PerturbationScores score(Request q, BooleanSupplier superseded) {
        if (loaded == null || !loaded.runDir().equals(q.runDir())) {
            loaded = null; // a failed load must not leave the previous student in place
            loaded = LoadedStudent.open(q.runDir());
        }
        if (superseded.getAsBoolean()) {
            return null;
        }
        RgbImage hr = decoder.decode(q.image());
        if (superseded.getAsBoolean()) {
            return null;
        }
        return loaded.scorePerturbations(hr, q.params(), q.seed());
    }
}
