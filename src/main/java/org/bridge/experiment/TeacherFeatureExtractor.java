package org.bridge.experiment;

import java.util.Arrays;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceFraming;
import org.bridge.eval.FeatureExtractor;
import org.bridge.teacher.Teacher;

/**
 * A teacher (V, C or E) as the evaluation code sees it, on a face set of any framing: each
 * image's teacher crops are cut as {@link TeacherInputs#fixedIn} places them by a face-box
 * policy, optionally hallucinated from p x p ({@link TeacherInputs#bilinearFrom}, the "p-BI"
 * baseline of Table III, the same code as {@code teacher-eval}). E is V and C combined as
 * {@link org.bridge.teacher.EnsembleTeacher} does. Owns the loaded teacher: {@link #close()}
 * releases it.
 */
public final class TeacherFeatureExtractor implements FeatureExtractor, AutoCloseable {

    private final Teacher teacher;
    private final TeacherInputs inputs;
    private final FaceFraming framing;

    /** @param inputs made by {@link TeacherInputs#fixedIn} (and optionally {@link TeacherInputs#bilinearFrom}) */
    public TeacherFeatureExtractor(Teacher teacher, TeacherInputs inputs) {
        this.teacher = teacher;
        this.inputs = inputs;
        this.framing = inputs.framing().orElseThrow(() -> new IllegalArgumentException(
                "a teacher on a folder set needs inputs placed by a face box (TeacherInputs.fixedIn)"));
    }

    /** E.g. {@code E} at full resolution, {@code E 16-BI} hallucinated from 16 x 16. */
    @Override
    public String name() {
        return teacher.id() + (inputs.resolution().isPresent() ? " " + inputs.resolution().getAsInt() + "-BI" : "");
    }

    public TeacherInputs inputs() {
        return inputs;
    }

    /** How the faces seen so far were framed (and how many were smaller than {@link TeacherInputs#neededFaceSide()}). */
    public FaceFraming.Tally framing() {
        return framing.tally();
    }

    @Override
    public float[] extract(RgbImage face) {
        return extractBatch(List.of(face)).get(0);
    }

    @Override
    public List<float[]> extractBatch(List<RgbImage> faces) {
        for (RgbImage f : faces) {
            framing.count(f, inputs.neededFaceSide());
        }
        return Arrays.asList(teacher.features(faces, inputs.cropper(List.of(), faces)));
    }

    @Override
    public void close() {
        teacher.close();
    }
}
