package org.bridge.degrade;

import java.util.Locale;

/**
 * Where the face square lies in an image of a folder set, whose framing the student's base box
 * (drawn for 250x250 deep-funneled LFW) may not match.
 */
public enum FaceBoxPolicy {
    /** The base box in absolute pixels: right for 250x250 LFW-style images only. */
    LFW,
    /** The base box scaled to the image's own width and height, as if it were a resized LFW frame. */
    RELATIVE,
    /** The whole image is the face square (stretched to a square when it is not one). */
    WHOLE,
    /**
     * A face detector's eyes place the base box: the square in which the detected eyes sit where
     * LFW's mean eyes sit in the base box (size, position and roll follow the face). The whole image
     * where no face is found.
     */
    DETECTOR,
    /**
     * {@link #LFW} on 250x250 images (the base box is LFW's absolute framing) and {@link #DETECTOR}
     * on any other size where a detector is at hand (the command line always has one; the whole
     * image where it finds no face), else {@link #WHOLE}.
     */
    AUTO;

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
