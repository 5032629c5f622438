package org.bridge.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.FaceBox;
import org.bridge.distill.Student;
import org.bridge.eval.FeatureExtractor;

/**
 * A trained student as the evaluation code sees it: the HR face is cropped to the base box and
 * resized to p x p with anti-aliasing (no random degradation: the paper resizes test faces to
 * the model input), and the feature is the 128-D mimic layer.
 */
public final class StudentFeatureExtractor implements FeatureExtractor {

    private final String name;
    private final Student student;
    private final FaceBox box;
    private final int resolution;

    public StudentFeatureExtractor(String name, Student student, FaceBox box, int resolution) {
        this.name = name;
        this.student = student;
        this.box = box;
        this.resolution = resolution;
    }

    @Override
    public String name() {
        return name;
    }

    /** The p x p input the student sees for an HR face (also what the Pairs view shows). */
    public RgbImage input(RgbImage hr) {
        return Degradation.clean(hr, box, resolution);
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
        return new ArrayList<>(Arrays.asList(student.features(lr)));
    }
}
