/**
 * ND4J/DL4J set-up in one place ({@link org.bridge.nd.Nd4jRuntime}), called before any network is
 * built. Shared low-level: used by the numeric layers, never by {@code ui} or {@code data}.
 */
package org.bridge.nd;
