package org.bridge.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest class mean with cosine similarity: each class is the mean of its L2-normalised
 * gallery features (normalised first, so every image weighs the same whatever its feature
 * norm), a probe scores the cosine to each class mean. No training, so it shows what the
 * frozen features alone give.
 */
public final class NearestClassMean implements ClassScorer {

    private final List<String> classes;
    private final float[][] means;

    private NearestClassMean(List<String> classes, float[][] means) {
        this.classes = classes;
        this.means = means;
    }

    public static NearestClassMean fit(LabeledFeatures gallery) {
        if (gallery.size() == 0) {
            throw new IllegalArgumentException("empty gallery");
        }
        List<String> classes = gallery.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int d = gallery.dimension();
        double[][] sums = new double[classes.size()][d];
        for (int i = 0; i < gallery.size(); i++) {
            float[] f = Similarity.normalized(gallery.features().get(i));
            double[] s = sums[index.get(gallery.labels().get(i))];
            for (int k = 0; k < d; k++) {
                s[k] += f[k];
            }
        }
        float[][] means = new float[classes.size()][d];
        for (int c = 0; c < classes.size(); c++) {
            for (int k = 0; k < d; k++) {
                // The count is irrelevant for the cosine; the sum's direction is the mean's.
                means[c][k] = (float) sums[c][k];
            }
        }
        return new NearestClassMean(classes, means);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public double[] scores(float[] probe) {
        double[] s = new double[means.length];
        for (int c = 0; c < means.length; c++) {
            s[c] = Similarity.cosine(probe, means[c]);
        }
        return s;
    }
}
