package org.bridge.eval;

import java.util.List;

import org.bridge.data.IdentificationSubset;

/**
 * Closed-set identification on an {@link IdentificationSubset}: the gallery features train a
 * nearest-class-mean classifier and a softmax classifier (the paper's softmax fine-tuning on
 * frozen features); the probes are ranked by each. Works with any {@link FeatureSource}.
 */
public final class Identification {

    public static final String NEAREST_CLASS_MEAN = "nearest-class-mean";
    public static final String SOFTMAX = "softmax";

    private Identification() {
    }

    public static IdentificationReport evaluate(IdentificationSubset subset, FeatureSource features,
                                                SoftmaxClassifier.Config softmax, int skippedImages) {
        LabeledFeatures gallery = LabeledFeatures.of(subset.gallery(), features);
        if (gallery.size() == 0) {
            throw new IllegalArgumentException("no gallery image has a feature");
        }
        List<String> classes = gallery.classes();
        LabeledFeatures probes = LabeledFeatures.of(subset.probes(), features).onlyLabels(classes);
        if (probes.size() == 0) {
            throw new IllegalArgumentException("no probe image has a feature");
        }
        int dropped = subset.probes().size() - probes.size();
        IdentificationResult ncm = IdentificationResult.evaluate(NEAREST_CLASS_MEAN, NearestClassMean.fit(gallery),
                probes);
        IdentificationResult soft = IdentificationResult.evaluate(SOFTMAX, SoftmaxClassifier.train(gallery, softmax),
                probes);
        return new IdentificationReport(ncm, soft, gallery.size(), dropped, skippedImages);
    }
}
