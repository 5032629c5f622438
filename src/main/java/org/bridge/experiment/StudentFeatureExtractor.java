package org.bridge.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationRandom;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.degrade.GrayscaleConversion;
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
    private final TestDegradation testDegradation;
    private final boolean grey;

    public StudentFeatureExtractor(String name, Student student, FaceBox box, int resolution) {
        this(name, student, new FaceFraming(FaceBoxPolicy.LFW, box), resolution, false, null, false);
    }

    /** A student whose input face square in each image is chosen by {@code framing}. */
    public StudentFeatureExtractor(String name, Student student, FaceFraming framing, int resolution) {
        this(name, student, framing, resolution, false, null, false);
    }

    private StudentFeatureExtractor(String name, Student student, FaceFraming framing, int resolution,
                                    boolean flipAverage, TestDegradation testDegradation, boolean grey) {
        this.name = name;
        this.student = student;
        this.framing = framing;
        this.resolution = resolution;
        this.flipAverage = flipAverage;
        this.testDegradation = testDegradation;
        this.grey = grey;
    }

    /** This student with test-time flip averaging (name suffix {@code +flip}). */
    public StudentFeatureExtractor flipAveraged() {
        return flipAverage ? this
                : new StudentFeatureExtractor(name + "+flip", student, framing, resolution, true, testDegradation, grey);
    }

    /**
     * This student on grey test faces (name suffix {@code +grey}): each p x p input is made grey
     * (BT.601 luma, {@link GrayscaleConversion}) after framing: on a colour test set this shows how
     * much the student leans on colour.
     */
    public StudentFeatureExtractor greyed() {
        return grey ? this
                : new StudentFeatureExtractor(name + "+grey", student, framing, resolution, flipAverage, testDegradation, true);
    }

    /**
     * This student on degraded test faces (name suffix {@code +D(I)}): each face becomes one
     * perturbation of {@code degradation}, seeded by {@code seed} and the face's pixels, so every
     * student sees the same degraded copy of a face and a comparison of two students stays paired.
     */
    public StudentFeatureExtractor degradedBy(Degradation degradation, long seed) {
        return new StudentFeatureExtractor(name + "+D(I)", student, framing, resolution, flipAverage,
                new TestDegradation(degradation, seed), grey);
    }

    /** A fixed degradation of the test faces: one perturbation per face, seeded by its content. */
    private record TestDegradation(Degradation degradation, long seed) {

        RgbImage input(RgbImage hr, FaceBox box, int resolution) {
            return degradation.perturbation(hr, box, resolution, DegradationRandom.imageSeed(seed, contentHash(hr)), 0);
        }

        /** FNV-1a over the pixel values and the size: equal images get equal seeds, on any machine. */
        static long contentHash(RgbImage image) {
            long h = 0xcbf29ce484222325L;
            h = (h ^ image.width()) * 0x100000001b3L;
            h = (h ^ image.height()) * 0x100000001b3L;
            for (float v : image.data()) {
                h = (h ^ Float.floatToIntBits(v)) * 0x100000001b3L;
            }
            return h;
        }
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
        RgbImage lr = testDegradation != null
                ? testDegradation.input(hr, framing.placement(hr).box(), resolution)
                : framing.input(hr, resolution);
        if (grey) {
            GrayscaleConversion.toGrey(lr); // lr is a fresh image
        }
        return lr;
    }

    public boolean isGrey() {
        return grey;
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
