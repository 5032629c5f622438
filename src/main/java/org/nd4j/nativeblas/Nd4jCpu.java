package org.nd4j.nativeblas;

/**
 * Compatibility shim, not ND4J code. DL4J 1.0.0-M2.1 decides whether its oneDNN layer helpers
 * may run by reflectively calling {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance()
 * .isUseMKLDNN()}; M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the flag to
 * {@code isUseONEDNN}, so the lookup fails and DL4J silently drops every oneDNN helper (training
 * about 6x slower, see ../shared/design/STUDENT-PROBE.md). This class answers under the old
 * name by forwarding to the new one. {@link org.bridge.nd.Nd4jRuntime} enables the rest and a
 * test proves the helpers are really attached.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Forwards to the relocated native environment. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }

        public boolean isUseONEDNN() {
            return isUseMKLDNN();
        }
    }
}
