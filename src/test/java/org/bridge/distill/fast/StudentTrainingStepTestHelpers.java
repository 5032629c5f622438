package org.bridge.distill.fast;

import java.util.function.Supplier;

import org.bridge.nd.Nd4jRuntime;

/** Test support: DL4J's built-in layers as the reference (its oneDNN layer helpers switched off). */
public final class StudentTrainingStepTestHelpers {

    private StudentTrainingStepTestHelpers() {
    }

    /**
     * Runs {@code build} with DL4J's layer helpers off: networks built inside use DL4J's own
     * layer code. Measured on toy faces after one Adam step, DL4J's oneDNN helper path gave
     * gradients of conv1-conv4 3e-3 (relative) away from both DL4J's built-in layers and
     * {@link StudentTrainingStep}, which agreed to 3e-6; at the initial weights all three agree
     * to rounding.
     */
    public static <T> T withoutDl4jHelpers(Supplier<T> build) {
        String key = Nd4jRuntime.HELPERS_DISABLE_PROPERTY;
        String old = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            return build.get();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}
