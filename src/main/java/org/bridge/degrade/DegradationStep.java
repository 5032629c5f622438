package org.bridge.degrade;

import org.bridge.data.RgbImage;

/**
 * One degradation applied to the p x p face after cropping: the unit of composition of
 * {@link Degradation}. A step decides from its own random stream whether and how strongly it
 * acts, and changes the image in place.
 */
public interface DegradationStep {

    /**
     * Stable name of the step. It also selects the step's random stream
     * ({@link DegradationRandom#streamSeed}), so two steps of one pipeline need different names.
     */
    String name();

    /** Degrades {@code image} in place, drawing only from {@code random}. */
    void apply(RgbImage image, DegradationRandom random);
}
