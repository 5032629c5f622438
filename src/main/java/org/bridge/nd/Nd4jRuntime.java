package org.bridge.nd;

import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/**
 * One place that prepares ND4J and DL4J for this project. Call {@link #init()} before any
 * network is built: DL4J reads the helper switch when layers are created.
 *
 * <p>Why: DL4J 1.0.0-M2.1 ships with {@code org.eclipse.deeplearning4j.helpers.disable=true} by
 * default and, even when enabled, fails its oneDNN capability check (see
 * {@link org.nd4j.nativeblas.Nd4jCpu}). Both together leave every convolution, pooling and
 * batch-norm layer on the slow built-in path.
 */
public final class Nd4jRuntime {

    /** DL4J's own switch; "true" (its default) means no layer helpers at all. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    /**
     * Sets DL4J's helper switch without loading the native backend (cheap; the CLI calls it at
     * start so every command builds networks with helpers). An explicit -D setting wins.
     */
    public static void enableHelpersProperty() {
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
    }

    /** Enables DL4J's oneDNN layer helpers and loads the native backend. Idempotent. */
    public static synchronized void init() {
        if (initialised) {
            return;
        }
        enableHelpersProperty();
        Nd4j.getEnvironment().allowHelpers(true);
        initialised = true;
    }

    /** True when the loaded native backend was built with oneDNN and has it switched on. */
    public static boolean oneDnnAvailable() {
        init();
        return org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** Backend facts for run provenance and {@code --version}. */
    public static Properties environment() {
        init();
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }

    /**
     * The helper class behind each convolution, pooling and batch-norm layer of a network
     * ("none" when DL4J runs its built-in path), for diagnostics and the test that keeps the
     * oneDNN fix honest. Helpers are attached lazily, so call this after a forward pass.
     */
    public static java.util.Map<String, String> layerHelpers(org.deeplearning4j.nn.graph.ComputationGraph net) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer
                    || layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer
                    || layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                Object helper = layer.getHelper();
                out.put(layer.getConfig().getLayerName(), helper == null ? "none" : helper.getClass().getSimpleName());
            }
        }
        return out;
    }

    /** A one-line description of the numeric backend, e.g. for logs and run records. */
    public static String describe() {
        Properties p = environment();
        // Values are not all strings (omp.threads is an Integer), so Properties.getProperty would miss them.
        return String.format("ND4J backend %s, oneDNN %s, %s OpenMP threads, BLAS %s",
                p.getOrDefault("backend", "?"), oneDnnAvailable() ? "on" : "OFF",
                p.getOrDefault("omp.threads", "?"), p.getOrDefault("blas.vendor", "?"));
    }
}
