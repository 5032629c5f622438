package org.bridge.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bridge.config.UserFacingException;
import org.bridge.data.FaceRecord;
import org.bridge.data.IdentificationSubset;
import org.bridge.data.SkippedImages;

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

    /**
     * Evaluates both classifiers. {@code skipped} are the images the features could not be
     * computed for (only those of the gallery and probes are reported).
     */
    public static IdentificationReport evaluate(IdentificationSubset subset, FeatureSource features,
                                                SoftmaxClassifier.Config softmax, SkippedImages skipped) {
        LabeledFeatures gallery = LabeledFeatures.of(subset.gallery(), features);
        Set<Path> files = new HashSet<>();
        subset.gallery().forEach(r -> files.add(r.file()));
        subset.probes().forEach(r -> files.add(r.file()));
        List<SkippedImages.Entry> unreadable = skipped.entries().stream().filter(e -> files.contains(e.file())).toList();
        if (gallery.size() == 0) {
            throw new UserFacingException("no gallery image could be read" + (unreadable.isEmpty() ? ""
                    : " (" + unreadable.size() + " unreadable, first: " + unreadable.get(0).reason() + ")"));
        }
        List<String> classes = gallery.classes();
        LabeledFeatures probes = LabeledFeatures.of(subset.probes(), features).onlyLabels(classes);
        if (probes.size() == 0) {
            throw new UserFacingException("no probe image could be read" + (unreadable.isEmpty() ? ""
                    : " (" + unreadable.size() + " unreadable, first: " + unreadable.get(0).reason() + ")"));
        }
        int dropped = subset.probes().size() - probes.size();
        IdentificationResult ncm = IdentificationResult.evaluate(NEAREST_CLASS_MEAN, NearestClassMean.fit(gallery),
                probes);
        IdentificationResult soft = IdentificationResult.evaluate(SOFTMAX, SoftmaxClassifier.train(gallery, softmax),
                probes);
        Map<String, int[]> counts = readableCounts(subset, features);
        int subjects = 0;
        List<IdentificationReport.LeftOutSubject> leftOut = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue(); // gallery images, readable; probe images, readable
            if (c[1] > 0 && c[3] > 0) {
                subjects++;
            } else if (c[0] > 0 && c[1] == 0) {
                leftOut.add(new IdentificationReport.LeftOutSubject(e.getKey(), "none of its " + c[0]
                        + " gallery image" + (c[0] == 1 ? "" : "s") + " could be read"
                        + (c[2] > 0 ? ", so its " + c[2] + " probe image" + (c[2] == 1 ? " is" : "s are") + " not scored" : "")));
            } else if (c[2] > 0 && c[3] == 0) {
                leftOut.add(new IdentificationReport.LeftOutSubject(e.getKey(), "none of its " + c[2]
                        + " probe image" + (c[2] == 1 ? "" : "s") + " could be read (it stays a class of the classifiers)"));
            }
        }
        return new IdentificationReport(ncm, soft, gallery.size(), dropped, subjects, leftOut, unreadable);
    }

    /** Per subject (in name order): gallery images, of them readable, probe images, of them readable. */
    private static Map<String, int[]> readableCounts(IdentificationSubset subset, FeatureSource features) {
        Map<String, int[]> counts = new TreeMap<>();
        for (String s : subset.subjects()) {
            counts.put(s, new int[4]);
        }
        for (FaceRecord r : subset.gallery()) {
            int[] c = counts.computeIfAbsent(r.person(), k -> new int[4]);
            c[0]++;
            c[1] += features.features(r).isPresent() ? 1 : 0;
        }
        for (FaceRecord r : subset.probes()) {
            int[] c = counts.computeIfAbsent(r.person(), k -> new int[4]);
            c[2]++;
            c[3] += features.features(r).isPresent() ? 1 : 0;
        }
        return counts;
    }
}
