/**
 * The paper's degradation D(I): from a high-resolution face, low-resolution versions by random
 * crop perturbation, resizing and degradation steps (illumination, blur, motion blur, noise,
 * JPEG), deterministic for a seed. Uses only {@code data} and {@code config}.
 */
package org.bridge.degrade;
