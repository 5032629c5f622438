package org.bridge.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceDataset;
import org.bridge.data.FaceRecord;
import org.bridge.data.IdentificationSubset;
import org.bridge.data.ImageDecoder;

/**
 * Identification on the user's own folders (folder per identity), in one of two forms:
 * <ul>
 *   <li>{@link #galleryAndProbes}: a gallery folder and a probe folder; every probe person must
 *       have a gallery folder (people only in the gallery are extra classes);</li>
 *   <li>{@link #splitPerPerson}: one folder, each person's images split by image number, first
 *       ceil(n / 2) to the gallery and the rest to the probes (people with one image are left
 *       out), the rule of {@link IdentificationSubset}.</li>
 * </ul>
 * Both give an {@link IdentificationSubset}; {@link #run} extracts features with any
 * {@link FeatureExtractor} and evaluates both classifiers.
 */
public final class FolderIdentificationProtocol {

    private FolderIdentificationProtocol() {
    }

    public static IdentificationSubset galleryAndProbes(Path galleryDir, Path probeDir) {
        FaceDataset gallery = FaceDataset.readFolder(galleryDir);
        FaceDataset probes = FaceDataset.readFolder(probeDir);
        List<String> missing = new ArrayList<>();
        for (String p : probes.people()) {
            if (!gallery.contains(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserFacingException("probe folder " + probes.imagesRoot().resolve(missing.get(0))
                    + " has no gallery folder in " + gallery.imagesRoot() + (missing.size() > 1
                    ? " (and " + (missing.size() - 1) + " more probe people)" : "")
                    + "; identification is closed-set: every probe person needs gallery images");
        }
        return new IdentificationSubset(gallery.people(), gallery.records(), probes.records());
    }

    public static IdentificationSubset splitPerPerson(Path folder) {
        FaceDataset all = FaceDataset.readFolder(folder);
        IdentificationSubset subset = IdentificationSubset.perPerson(all);
        if (subset.subjects().isEmpty()) {
            throw new UserFacingException("no person in " + all.imagesRoot()
                    + " has 2 or more images; splitting into gallery and probes needs at least 2 per person");
        }
        return subset;
    }

    /** Extracts the features of gallery and probes, then runs {@link Identification#evaluate}. */
    public static IdentificationReport run(IdentificationSubset subset, FeatureExtractor extractor,
                                           ImageDecoder decoder, BadImagePolicy policy,
                                           SoftmaxClassifier.Config softmax, FeatureTable.Progress progress) {
        List<FaceRecord> all = new ArrayList<>(subset.gallery());
        all.addAll(subset.probes());
        FeatureTable table = FeatureTable.extract(extractor, all, decoder, policy, progress);
        return Identification.evaluate(subset, table, softmax, table.skipped());
    }
}
