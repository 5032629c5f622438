package org.bridge.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A closed-set identification task: gallery (training) images and probe (test) images of the
 * same subjects. It rebuilds the paper's UCCS protocol (fine-tune the softmax layer on a train
 * part, test on the rest) on any folder-per-identity set.
 *
 * <p>Per-person split rule ({@link #perPerson}): take the person's images in order of image
 * number, keep at most {@code maxImages} (the lowest numbers), and give the first
 * {@code ceil(n / 2)} to the gallery and the remaining {@code floor(n / 2)} to the probes. With
 * n >= 2 both parts are non-empty; an odd n gives the gallery the extra image, because the
 * classifier learns from the gallery (the paper's UCCS split is also train-heavy: 4,500 / 935).
 */
public record IdentificationSubset(List<String> subjects, List<FaceRecord> gallery, List<FaceRecord> probes) {

    /** LFW bridge protocol: subjects need at least this many images ... */
    public static final int MIN_IMAGES = 5;
    /** ... and contribute at most this many (the lowest image numbers). */
    public static final int MAX_IMAGES = 20;

    public IdentificationSubset {
        subjects = List.copyOf(subjects);
        gallery = List.copyOf(gallery);
        probes = List.copyOf(probes);
    }

    /** Gallery images of a person with {@code n} usable images: ceil(n / 2). */
    public static int galleryCount(int n) {
        return (n + 1) / 2;
    }

    /**
     * Splits each of {@code people} who has at least {@code minImages} images (at least 2) by the
     * rule above; people with fewer images are left out.
     */
    public static IdentificationSubset perPerson(FaceDataset dataset, Collection<String> people, int minImages,
                                                 int maxImages) {
        if (minImages < 2 || maxImages < minImages) {
            throw new IllegalArgumentException("need 2 <= minImages <= maxImages, got " + minImages + ", " + maxImages);
        }
        List<String> subjects = new ArrayList<>();
        List<FaceRecord> gallery = new ArrayList<>();
        List<FaceRecord> probes = new ArrayList<>();
        for (String person : new TreeSet<>(people)) {
            List<FaceRecord> images = dataset.imagesOf(person);
            if (images.size() < minImages) {
                continue;
            }
            List<FaceRecord> used = images.subList(0, Math.min(maxImages, images.size()));
            int g = galleryCount(used.size());
            subjects.add(person);
            gallery.addAll(used.subList(0, g));
            probes.addAll(used.subList(g, used.size()));
        }
        return new IdentificationSubset(subjects, gallery, probes);
    }

    /** Every person of the data set with at least 2 images, all their images (no cap). */
    public static IdentificationSubset perPerson(FaceDataset dataset) {
        return perPerson(dataset, dataset.people(), 2, Integer.MAX_VALUE);
    }
}
