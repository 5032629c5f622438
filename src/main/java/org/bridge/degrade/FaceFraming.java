package org.bridge.degrade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.data.RgbImage;

/**
 * The clean p x p evaluation input of a face of any size under a {@link FaceBoxPolicy}, with a
 * tally of how each image was framed and how many boxes left their image (those pixels are the
 * clamped image edge, not face). Images smaller than p are enlarged by the crop's bilinear
 * reconstruction, so any size and aspect works. Thread-safe.
 */
public final class FaceFraming {

    /** Side of the image frame that the base box is drawn in (deep-funneled LFW). */
    public static final int BASE_FRAME = 250;

    private final FaceBoxPolicy policy;
    private final FaceBox base;
    private final AtomicInteger absolute = new AtomicInteger();
    private final AtomicInteger relative = new AtomicInteger();
    private final AtomicInteger whole = new AtomicInteger();
    private final AtomicInteger outside = new AtomicInteger();
    private final AtomicInteger upsampled = new AtomicInteger();
    private volatile int needed;

    public FaceFraming(FaceBoxPolicy policy, FaceBox base) {
        if (policy == null || base == null) {
            throw new IllegalArgumentException("policy and base box are required");
        }
        this.policy = policy;
        this.base = base;
    }

    public FaceBoxPolicy policy() {
        return policy;
    }

    /** The box drawn in the 250x250 frame that {@link FaceBoxPolicy#LFW} and {@link FaceBoxPolicy#RELATIVE} place. */
    public FaceBox base() {
        return base;
    }

    /** The policy actually applied to a {@code width x height} image ({@link FaceBoxPolicy#AUTO} resolved). */
    public FaceBoxPolicy resolve(int width, int height) {
        if (policy != FaceBoxPolicy.AUTO) {
            return policy;
        }
        return width == BASE_FRAME && height == BASE_FRAME ? FaceBoxPolicy.LFW : FaceBoxPolicy.WHOLE;
    }

    /**
     * The face square in a {@code width x height} image. For {@link FaceBoxPolicy#WHOLE} on a
     * non-square image it is the square of side max(w, h) that the image is stretched to.
     */
    public FaceBox box(int width, int height) {
        switch (resolve(width, height)) {
            case LFW:
                return base;
            case RELATIVE: {
                double sx = width / (double) BASE_FRAME;
                double sy = height / (double) BASE_FRAME;
                // A square cannot take both fractions; the smaller keeps it inside the image.
                return new FaceBox(base.centreX() * sx, base.centreY() * sy, base.side() * Math.min(sx, sy),
                        base.angleDegrees());
            }
            default: {
                int s = Math.max(width, height);
                return new FaceBox(s / 2.0, s / 2.0, s, 0);
            }
        }
    }

    /** Whether the (possibly rotated) box reaches outside a {@code width x height} image. */
    public boolean leavesImage(int width, int height) {
        FaceBoxPolicy p = resolve(width, height);
        if (p == FaceBoxPolicy.WHOLE) {
            return false;
        }
        FaceBox b = box(width, height);
        double rad = Math.toRadians(b.angleDegrees());
        double half = b.side() / 2 * (Math.abs(Math.cos(rad)) + Math.abs(Math.sin(rad)));
        double eps = 1e-9;
        return b.centreX() - half < -eps || b.centreY() - half < -eps
                || b.centreX() + half > width + eps || b.centreY() + half > height + eps;
    }

    /**
     * Side in image pixels of the face square's content: the box side, but no more than the
     * image's short side (a whole non-square image is stretched along that side; a box larger
     * than the image holds only the image's pixels).
     */
    public double faceSide(int width, int height) {
        return Math.min(box(width, height).side(), Math.min(width, height));
    }

    /**
     * Counts a {@code width x height} image in the tally: its resolved policy, whether its box
     * leaves it, and whether its face square has fewer than {@code neededSide} pixels a side,
     * so that the pipeline up-samples it (bilinearly) to what it needs. For users that crop by
     * themselves (teachers); {@link #input} counts its images.
     */
    public void count(int width, int height, int neededSide) {
        FaceBoxPolicy p = resolve(width, height);
        (p == FaceBoxPolicy.LFW ? absolute : p == FaceBoxPolicy.RELATIVE ? relative : whole).incrementAndGet();
        if (leavesImage(width, height)) {
            outside.incrementAndGet();
        }
        needed = Math.max(needed, neededSide);
        if (faceSide(width, height) < neededSide) {
            upsampled.incrementAndGet();
        }
    }

    /** The clean {@code resolution x resolution} input for {@code hr}, counted in the tally. */
    public RgbImage input(RgbImage hr, int resolution) {
        int w = hr.width();
        int h = hr.height();
        FaceBoxPolicy p = resolve(w, h);
        count(w, h, resolution);
        RgbImage source = hr;
        if (p == FaceBoxPolicy.WHOLE && w != h) {
            int s = Math.max(w, h);
            source = Resampling.bilinear(hr, s, s); // enlarges the short side only
        }
        return Degradation.clean(source, box(w, h), resolution);
    }

    /** How the images seen so far were framed. */
    public Tally tally() {
        return new Tally(policy, absolute.get(), relative.get(), whole.get(), outside.get(), upsampled.get(), needed);
    }

    /**
     * @param lfw      images framed by the absolute base box
     * @param relative images framed by the base box scaled to their size
     * @param whole    images framed whole
     * @param outside  images whose box reached outside the image
     * @param upsampled images whose face square had fewer than {@code neededSide} pixels a side
     *                  (up-sampled bilinearly to the pipeline's input)
     * @param neededSide the face side in pixels the pipeline needs (the student's p; 0 before any image)
     */
    public record Tally(FaceBoxPolicy policy, int lfw, int relative, int whole, int outside, int upsampled,
                        int neededSide) {

        /** A tally without up-sampled images. */
        public Tally(FaceBoxPolicy policy, int lfw, int relative, int whole, int outside) {
            this(policy, lfw, relative, whole, outside, 0, 0);
        }

        /**
         * What was done to the images smaller than the pipeline needs, e.g. {@code "3 images with a
         * face smaller than 16x16 pixels were up-sampled bilinearly"}, or empty when there were none.
         */
        public java.util.Optional<String> upsampling() {
            if (upsampled == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(upsampled + (upsampled == 1 ? " image" : " images") + " with a face smaller than "
                    + neededSide + "x" + neededSide + " pixels " + (upsampled == 1 ? "was" : "were")
                    + " up-sampled bilinearly to it");
        }

        /** One line, e.g. {@code auto (lfw on 3 images, whole on 400)}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            count(parts, "lfw", lfw);
            count(parts, "relative", relative);
            count(parts, "whole", whole);
            return parts.isEmpty() ? policy.label() : policy.label() + " (" + String.join(", ", parts) + ")";
        }

        private static void count(List<String> parts, String label, int n) {
            if (n > 0) {
                parts.add(label + " on " + n + (n == 1 ? " image" : " images"));
            }
        }
    }
}
