package org.bridge.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.distill.Student;
import org.bridge.eval.FeatureExtractor;

/**
 * A trained student as the evaluation code sees it: the HR face is cropped to its face box (the
 * base box, or one chosen per image by a {@link FaceFraming}) and
 * resized to p x p with anti-aliasing (no random degradation: the paper resizes test faces to
 * the model input), and the feature is the 128-D mimic layer.
 *
 * <p>{@link #flipAveraged()} is the same student with test-time flip averaging: the feature is
 * the sum of the unit mimic vectors of the face and of its mirror image. It is not part of the
 * paper's protocol (which scores one view per face), so runs report it next to the plain number,
 * never instead of it; it costs a second forward pass per face.
 */
public final class StudentFeatureExtractor implements FeatureExtractor {

    private final String name;
    private final Student student;
    private final FaceFraming framing;
    private final int resolution;
    private final boolean flipAverage;

    public StudentFeatureExtractor(String name, Student student, FaceBox box, int resolution) {
        this(name, student, new FaceFraming(FaceBoxPolicy.LFW, box), resolution, false);
    }

    /** A student whose input face square in each image is chosen by {@code framing}. */
    public StudentFeatureExtractor(String name, Student student, FaceFraming framing, int resolution) {
        this(name, student, framing, resolution, false);
    }

    private StudentFeatureExtractor(String name, Student student, FaceFraming framing, int resolution,
                                    boolean flipAverage) {
        this.name = name;
        this.student = student;
        this.framing = framing;
        this.resolution = resolution;
        this.flipAverage = flipAverage;
    }

    /** This student with test-time flip averaging (name suffix {@code +flip}). */
    public StudentFeatureExtractor flipAveraged() {
        return flipAverage ? this : new StudentFeatureExtractor(name + "+flip", student, framing, resolution, true);
    }

    public boolean isFlipAveraged() {
        return flipAverage;
    }

    @Override
    public String name() {
        return name;
    }

    /** The p x p input the student sees for an HR face (also what the Pairs view shows). */
    public RgbImage input(RgbImage hr) {
        return framing.input(hr, resolution);
    }

    /** How the faces seen so far were framed. */
    public FaceFraming.Tally framing() {
        return framing.tally();
    }

    @Override
    public float[] extract(RgbImage face) {
        return extractBatch(List.of(face)).get(0);
    }

    @Override
    public List<float[]> extractBatch(List<RgbImage> faces) {
        List<RgbImage> lr = new ArrayList<>(faces.size());
        for (RgbImage f : faces) {
            lr.add(input(f));
        }
        if (!flipAverage) {
            return new ArrayList<>(Arrays.asList(student.features(lr)));
        }
        // Both views in one forward pass (inference: batch norm uses its running statistics).
        List<RgbImage> both = new ArrayList<>(lr);
        for (RgbImage f : lr) {
            both.add(f.mirrored());
        }
        float[][] all = student.features(both);
        List<float[]> out = new ArrayList<>(lr.size());
        for (int i = 0; i < lr.size(); i++) {
            out.add(sumOfUnitVectors(all[i], all[lr.size() + i]));
        }
        return out;
    }

    /** Each view counts equally whatever its norm; cosine scoring only sees the direction of the sum. */
    static float[] sumOfUnitVectors(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((na > 0 ? a[i] / na : 0) + (nb > 0 ? b[i] / nb : 0));
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * (double) x;
        }
        return Math.sqrt(s);
    }
}
