package org.bridge.data;

/**
 * What a run does with an image that cannot be decoded (unreadable, truncated, not an image).
 * {@link #FAIL} stops with a {@link org.bridge.config.UserFacingException} naming the file;
 * {@link #SKIP} leaves the image out and records it in a {@link SkippedImages} report, which
 * the run then shows ("skipped 2 images").
 */
public enum BadImagePolicy {
    FAIL,
    SKIP
}
