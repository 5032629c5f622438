package org.bridge.eval;

import java.util.ArrayList;
import java.util.List;

import org.bridge.data.RgbImage;

/**
 * Anything that turns a face image into a feature vector: a teacher (HR), an adapted teacher,
 * a student (LR; the degradation and resize are part of the extractor), or a baseline. The
 * evaluation code only sees this interface, so new models plug in without touching it.
 * Implementations need not be thread-safe: evaluation calls them from one thread.
 */
public interface FeatureExtractor {

    /** A short name for reports, e.g. {@code S-16-sc-E}. */
    String name();

    /** The feature of one face; every call returns a vector of the same length. */
    float[] extract(RgbImage face);

    /**
     * Features of several faces, in order. Networks override this to run one batched forward
     * pass; the default calls {@link #extract} per face.
     */
    default List<float[]> extractBatch(List<RgbImage> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        for (RgbImage f : faces) {
            out.add(extract(f));
        }
        return out;
    }
}
