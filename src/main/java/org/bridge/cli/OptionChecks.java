package org.bridge.cli;

import org.bridge.config.UserFacingException;
import org.bridge.experiment.StudentSpec;

/** Range checks of numeric command-line options, done before any work with a named error. */
final class OptionChecks {

    /** Largest p of a p-BI teacher input or an up-sampled output (the teachers' inputs are at most 224). */
    static final int MAX_UPSAMPLED = 1024;

    private OptionChecks() {
    }

    /**
     * A student input size p: the student's three 2x2 pools need p >= {@value StudentSpec#MIN_RESOLUTION};
     * its global pooling takes any larger p, capped at {@value StudentSpec#MAX_RESOLUTION} (the paper uses 16 to 96).
     */
    static int studentResolution(String option, int p) {
        return inRange(option, p, StudentSpec.MIN_RESOLUTION, StudentSpec.MAX_RESOLUTION);
    }

    static int inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UserFacingException(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
