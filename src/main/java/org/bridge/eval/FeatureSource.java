package org.bridge.eval;

import java.util.Optional;

import org.bridge.data.FaceRecord;

/**
 * Features looked up by image: what verification and identification consume. Usually a
 * {@link FeatureTable} filled by a {@link FeatureExtractor}; a cache of teacher features read from
 * disk can implement it too. Empty means the image has no feature (it was skipped as unreadable).
 */
@FunctionalInterface
public interface FeatureSource {

    Optional<float[]> features(FaceRecord record);
}
