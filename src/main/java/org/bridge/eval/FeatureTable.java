package org.bridge.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.data.SkippedImages;

/**
 * Features of a known set of images, computed once. Images are decoded in parallel, one batch
 * at a time, and handed to the extractor in order on the calling thread (networks are not
 * thread-safe and batch better). Images that fail to decode are skipped or fail the run,
 * according to the {@link BadImagePolicy}; {@link #skipped()} reports them.
 */
public final class FeatureTable implements FeatureSource {

    /** Called after each batch; {@code done} of {@code total} images handled. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    public static final int DEFAULT_BATCH = 32;

    private final Map<FaceRecord, float[]> features;
    private final SkippedImages skipped;
    private final int dimension;

    public FeatureTable(Map<FaceRecord, float[]> features, SkippedImages skipped) {
        this.features = Map.copyOf(features);
        this.skipped = skipped;
        int dim = -1;
        for (Map.Entry<FaceRecord, float[]> e : features.entrySet()) {
            if (dim >= 0 && e.getValue().length != dim) {
                throw new IllegalArgumentException("features of different lengths: " + dim + " and "
                        + e.getValue().length + " (" + e.getKey().file() + ")");
            }
            dim = e.getValue().length;
        }
        this.dimension = Math.max(dim, 0);
    }

    /** Extracts the features of {@code records} (duplicates are computed once). */
    public static FeatureTable extract(FeatureExtractor extractor, Collection<FaceRecord> records, ImageDecoder decoder,
                                       BadImagePolicy policy, Progress progress) {
        List<FaceRecord> unique = new ArrayList<>(new LinkedHashSet<>(records));
        SkippedImages skipped = new SkippedImages();
        Map<FaceRecord, float[]> out = new HashMap<>();
        for (int from = 0; from < unique.size(); from += DEFAULT_BATCH) {
            List<FaceRecord> batch = unique.subList(from, Math.min(unique.size(), from + DEFAULT_BATCH));
            List<Optional<RgbImage>> decoded = batch.parallelStream()
                    .map(r -> decoder.decode(r, policy, skipped)).toList();
            List<FaceRecord> ok = new ArrayList<>();
            List<RgbImage> images = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (decoded.get(i).isPresent()) {
                    ok.add(batch.get(i));
                    images.add(decoded.get(i).get());
                }
            }
            if (!images.isEmpty()) {
                List<float[]> f = extractor.extractBatch(images);
                if (f.size() != images.size()) {
                    throw new IllegalStateException(extractor.name() + " returned " + f.size() + " features for "
                            + images.size() + " images");
                }
                for (int i = 0; i < ok.size(); i++) {
                    out.put(ok.get(i), f.get(i));
                }
            }
            if (progress != null) {
                progress.update(Math.min(unique.size(), from + DEFAULT_BATCH), unique.size());
            }
        }
        return new FeatureTable(out, skipped);
    }

    public static FeatureTable extract(FeatureExtractor extractor, Collection<FaceRecord> records, ImageDecoder decoder,
                                       BadImagePolicy policy) {
        return extract(extractor, records, decoder, policy, null);
    }

    @Override
    public Optional<float[]> features(FaceRecord record) {
        return Optional.ofNullable(features.get(record));
    }

    public int size() {
        return features.size();
    }

    /** Feature length (0 for an empty table). */
    public int dimension() {
        return dimension;
    }

    public SkippedImages skipped() {
        return skipped;
    }
}
