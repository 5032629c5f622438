package org.bridge.degrade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.data.RgbImage;

/**
 * The clean p x p evaluation input of a face of any size under a {@link FaceBoxPolicy}, with a
 * tally of how each image was framed and how many boxes left their image (those pixels are the
 * clamped image edge, not face). Images smaller than p are enlarged by the crop's bilinear
 * reconstruction, so any size and aspect works. Thread-safe.
 *
 * <p>The size-only policies place a box from the image's width and height ({@link #box(int, int)});
 * {@link FaceBoxPolicy#DETECTOR} needs the pixels, so callers that may see it ask
 * {@link #placement(RgbImage)}, which also remembers each image's detection while the image lives.
 */
public final class FaceFraming {

    /** Side of the image frame that the base box is drawn in (deep-funneled LFW). */
    public static final int BASE_FRAME = 250;

    private final FaceBoxPolicy policy;
    private final FaceBox base;
    private final FaceLocator locator;
    // RgbImage keeps Object's identity equals: an identity map that lets images go.
    private final Map<RgbImage, Placement> located = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger absolute = new AtomicInteger();
    private final AtomicInteger relative = new AtomicInteger();
    private final AtomicInteger whole = new AtomicInteger();
    private final AtomicInteger detected = new AtomicInteger();
    private final AtomicInteger noFace = new AtomicInteger();
    private final AtomicInteger outside = new AtomicInteger();
    private final AtomicInteger upsampled = new AtomicInteger();
    private volatile int needed;

    /** A framing by a size-only policy (any but {@link FaceBoxPolicy#DETECTOR}). */
    public FaceFraming(FaceBoxPolicy policy, FaceBox base) {
        this(policy, base, null);
    }

    /** A framing whose {@link FaceBoxPolicy#DETECTOR} boxes come from {@code locator} (null for other policies). */
    public FaceFraming(FaceBoxPolicy policy, FaceBox base, FaceLocator locator) {
        if (policy == null || base == null) {
            throw new IllegalArgumentException("policy and base box are required");
        }
        if (policy == FaceBoxPolicy.DETECTOR && locator == null) {
            throw new IllegalArgumentException("the detector face box needs a face locator");
        }
        this.policy = policy;
        this.base = base;
        this.locator = locator;
    }

    /** The same policy, base box and locator with an empty tally. */
    public FaceFraming fresh() {
        return new FaceFraming(policy, base, locator);
    }

    public FaceBoxPolicy policy() {
        return policy;
    }

    /** The box drawn in the 250x250 frame that {@link FaceBoxPolicy#LFW} and {@link FaceBoxPolicy#RELATIVE} place. */
    public FaceBox base() {
        return base;
    }

    /** Whether {@link FaceBoxPolicy#DETECTOR} boxes can be found (a locator was given). */
    public boolean hasLocator() {
        return locator != null;
    }

    /**
     * The policy applied to a {@code width x height} image: {@link FaceBoxPolicy#AUTO} resolved to
     * {@link FaceBoxPolicy#LFW} on 250x250 images and, on others, to {@link FaceBoxPolicy#DETECTOR}
     * when there is a locator, else {@link FaceBoxPolicy#WHOLE}. A detector that finds no face in
     * an image still falls back to the whole image ({@link #placement}).
     */
    public FaceBoxPolicy resolve(int width, int height) {
        if (policy != FaceBoxPolicy.AUTO) {
            return policy;
        }
        if (width == BASE_FRAME && height == BASE_FRAME) {
            return FaceBoxPolicy.LFW;
        }
        return locator != null ? FaceBoxPolicy.DETECTOR : FaceBoxPolicy.WHOLE;
    }

    /**
     * The face square in a {@code width x height} image. For {@link FaceBoxPolicy#WHOLE} on a
     * non-square image it is the square of side max(w, h) that the image is stretched to.
     *
     * @throws IllegalStateException where the detector places the box: that depends on the pixels
     */
    public FaceBox box(int width, int height) {
        return boxBy(resolve(width, height), width, height);
    }

    /**
     * The box that size-only policy {@code applied} ({@link FaceBoxPolicy#LFW}, {@link FaceBoxPolicy#RELATIVE}
     * or {@link FaceBoxPolicy#WHOLE}) places in a {@code width x height} image.
     */
    public FaceBox boxBy(FaceBoxPolicy applied, int width, int height) {
        switch (applied) {
            case LFW:
                return base;
            case RELATIVE: {
                double sx = width / (double) BASE_FRAME;
                double sy = height / (double) BASE_FRAME;
                // A square cannot take both fractions; the smaller keeps it inside the image.
                return new FaceBox(base.centreX() * sx, base.centreY() * sy, base.side() * Math.min(sx, sy),
                        base.angleDegrees());
            }
            case WHOLE: {
                int s = Math.max(width, height);
                return new FaceBox(s / 2.0, s / 2.0, s, 0);
            }
            default:
                throw new IllegalStateException("the detector's face box depends on the image's pixels: use placement(image)");
        }
    }

    /**
     * Where the face square of {@code image} lies and which policy placed it: the detector's box,
     * or the whole image when it found no face; for the other policies as {@link #box(int, int)}.
     */
    public Placement placement(RgbImage image) {
        FaceBoxPolicy applied = resolve(image.width(), image.height());
        if (applied != FaceBoxPolicy.DETECTOR) {
            return new Placement(applied, boxBy(applied, image.width(), image.height()));
        }
        return located.computeIfAbsent(image, i -> locator.locate(i)
                .map(b -> new Placement(FaceBoxPolicy.DETECTOR, b))
                .orElseGet(() -> new Placement(FaceBoxPolicy.WHOLE, boxBy(FaceBoxPolicy.WHOLE, i.width(), i.height()),
                        true)));
    }

    /**
     * A face square and the policy that placed it in one image ({@link FaceBoxPolicy#AUTO} resolved;
     * {@link FaceBoxPolicy#WHOLE} where a detector found no face).
     */
    public record Placement(FaceBoxPolicy applied, FaceBox box, boolean noFaceFound) {

        public Placement(FaceBoxPolicy applied, FaceBox box) {
            this(applied, box, false);
        }

        /** Whether the (possibly rotated) box reaches outside a {@code width x height} image. */
        public boolean leaves(int width, int height) {
            if (applied == FaceBoxPolicy.WHOLE) {
                return false;
            }
            return reachesOutside(box, width, height);
        }

        /** This placement in the image resized by {@code sx} across and {@code sy} down (the box's side by the larger). */
        public Placement scaled(double sx, double sy) {
            return new Placement(applied, new FaceBox(box.centreX() * sx, box.centreY() * sy,
                    box.side() * Math.max(sx, sy), box.angleDegrees()), noFaceFound);
        }
    }

    /** Whether the (possibly rotated) box reaches outside a {@code width x height} image. */
    public boolean leavesImage(int width, int height) {
        FaceBoxPolicy p = resolve(width, height);
        return new Placement(p, box(width, height)).leaves(width, height);
    }

    /** Whether {@code image}'s face square reaches outside it. */
    public boolean leavesImage(RgbImage image) {
        return placement(image).leaves(image.width(), image.height());
    }

    private static boolean reachesOutside(FaceBox b, int width, int height) {
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
        return faceSide(box(width, height), width, height);
    }

    private static double faceSide(FaceBox box, int width, int height) {
        return Math.min(box.side(), Math.min(width, height));
    }

    /**
     * Counts a {@code width x height} image in the tally: its resolved policy, whether its box
     * leaves it, and whether its face square has fewer than {@code neededSide} pixels a side,
     * so that the pipeline up-samples it (bilinearly) to what it needs. For users that crop by
     * themselves (teachers); {@link #input} counts its images. Size-only policies.
     */
    public void count(int width, int height, int neededSide) {
        count(new Placement(resolve(width, height), box(width, height)), width, height, neededSide);
    }

    /** {@link #count(int, int, int)} for an image under any policy, the detector's included. */
    public void count(RgbImage image, int neededSide) {
        count(placement(image), image.width(), image.height(), neededSide);
    }

    private void count(Placement p, int width, int height, int neededSide) {
        switch (p.applied()) {
            case LFW -> absolute.incrementAndGet();
            case RELATIVE -> relative.incrementAndGet();
            case DETECTOR -> detected.incrementAndGet();
            default -> (p.noFaceFound() ? noFace : whole).incrementAndGet();
        }
        if (p.leaves(width, height)) {
            outside.incrementAndGet();
        }
        needed = Math.max(needed, neededSide);
        if (faceSide(p.box(), width, height) < neededSide) {
            upsampled.incrementAndGet();
        }
    }

    /** The clean {@code resolution x resolution} input for {@code hr}, counted in the tally. */
    public RgbImage input(RgbImage hr, int resolution) {
        int w = hr.width();
        int h = hr.height();
        Placement p = placement(hr);
        count(p, w, h, resolution);
        RgbImage source = hr;
        if (p.applied() == FaceBoxPolicy.WHOLE && w != h) {
            int s = Math.max(w, h);
            source = Resampling.bilinear(hr, s, s); // enlarges the short side only
        }
        return Degradation.clean(source, p.box(), resolution);
    }

    /** How the images seen so far were framed. */
    public Tally tally() {
        return new Tally(policy, absolute.get(), relative.get(), whole.get(), detected.get(), noFace.get(),
                outside.get(), upsampled.get(), needed);
    }

    /**
     * @param lfw      images framed by the absolute base box
     * @param relative images framed by the base box scaled to their size
     * @param whole    images framed whole by the policy
     * @param detected images framed by the detector's box
     * @param noFace   images framed whole because the detector found no face in them
     * @param outside  images whose box reached outside the image
     * @param upsampled images whose face square had fewer than {@code neededSide} pixels a side
     *                  (up-sampled bilinearly to the pipeline's input)
     * @param neededSide the face side in pixels the pipeline needs (the student's p; 0 before any image)
     */
    public record Tally(FaceBoxPolicy policy, int lfw, int relative, int whole, int detected, int noFace,
                        int outside, int upsampled, int neededSide) {

        /** A tally of size-only policies (nothing detected). */
        public Tally(FaceBoxPolicy policy, int lfw, int relative, int whole, int outside, int upsampled,
                     int neededSide) {
            this(policy, lfw, relative, whole, 0, 0, outside, upsampled, neededSide);
        }

        /** A tally without up-sampled images. */
        public Tally(FaceBoxPolicy policy, int lfw, int relative, int whole, int outside) {
            this(policy, lfw, relative, whole, 0, 0, outside, 0, 0);
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

        /**
         * One line, e.g. {@code auto (lfw on 3 images, whole on 400)} or {@code auto (detector on
         * 398 images, whole (no face found) on 2 images)}.
         */
        public String describe() {
            List<String> parts = new ArrayList<>();
            count(parts, "lfw", lfw);
            count(parts, "relative", relative);
            count(parts, "detector", detected);
            count(parts, "whole", whole);
            count(parts, "whole (no face found)", noFace);
            return parts.isEmpty() ? policy.label() : policy.label() + " (" + String.join(", ", parts) + ")";
        }

        private static void count(List<String> parts, String label, int n) {
            if (n > 0) {
                parts.add(label + " on " + n + (n == 1 ? " image" : " images"));
            }
        }
    }
}
