package org.bridge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.bridge.data.FaceRecord;

/** Feature vectors with their identity labels (one row per image). */
public record LabeledFeatures(List<String> labels, List<float[]> features) {

    public LabeledFeatures {
        if (labels.size() != features.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + features.size() + " features");
        }
        labels = List.copyOf(labels);
        features = List.copyOf(features);
        for (float[] f : features) {
            if (f.length != features.get(0).length) {
                throw new IllegalArgumentException("features of different lengths: " + features.get(0).length
                        + " and " + f.length);
            }
        }
    }

    /** The features of {@code records} labelled by person; records without a feature are left out. */
    public static LabeledFeatures of(List<FaceRecord> records, FeatureSource source) {
        List<String> labels = new ArrayList<>();
        List<float[]> feats = new ArrayList<>();
        for (FaceRecord r : records) {
            Optional<float[]> f = source.features(r);
            if (f.isPresent()) {
                labels.add(r.person());
                feats.add(f.get());
            }
        }
        return new LabeledFeatures(labels, feats);
    }

    public int size() {
        return labels.size();
    }

    public int dimension() {
        return features.isEmpty() ? 0 : features.get(0).length;
    }

    /** Distinct labels, sorted: the class order of classifiers trained on these features. */
    public List<String> classes() {
        return List.copyOf(new TreeSet<>(labels));
    }

    /** The rows whose label is in {@code keep}. */
    public LabeledFeatures onlyLabels(java.util.Collection<String> keep) {
        java.util.Set<String> set = new java.util.HashSet<>(keep);
        List<String> l = new ArrayList<>();
        List<float[]> f = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (set.contains(labels.get(i))) {
                l.add(labels.get(i));
                f.add(features.get(i));
            }
        }
        return new LabeledFeatures(l, f);
    }
}
