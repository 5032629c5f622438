package org.bridge.degrade;

/**
 * A square face crop in a source image: centre, side length and rotation. Coordinates are
 * continuous pixel coordinates: pixel (x, y) covers [x, x+1) x [y, y+1), so its centre is at
 * (x + 0.5, y + 0.5) and a W x H image spans [0, W] x [0, H].
 *
 * @param centreX      horizontal centre of the box, in source pixels
 * @param centreY      vertical centre of the box, in source pixels (y grows downwards)
 * @param side         side length in source pixels, > 0
 * @param angleDegrees rotation of the box about its centre; positive turns the box clockwise as
 *                     displayed (the y axis points down), so the crop shows the face turned
 *                     anti-clockwise
 */
public record FaceBox(double centreX, double centreY, double side, double angleDegrees) {

    public FaceBox {
        if (!(side > 0) || !Double.isFinite(side)) {
            throw new IllegalArgumentException("face box side must be positive and finite: " + side);
        }
        if (!Double.isFinite(centreX) || !Double.isFinite(centreY) || !Double.isFinite(angleDegrees)) {
            throw new IllegalArgumentException("face box centre and angle must be finite: " + centreX + ", "
                    + centreY + ", " + angleDegrees);
        }
    }

    /**
     * The face square of deep-funneled LFW 250x250 images (and of the synthetic sample set, which
     * is framed the same way): x 51.91..199.13, y 64.04..211.26. It is the VGGFace2 (V) teacher's
     * fixed crop, so teacher and student see the same part of the face.
     */
    public static FaceBox lfwDeepFunneled() {
        return fromEdges(51.91, 64.04, 147.22);
    }

    /** An upright box from its left and top edges and side. */
    public static FaceBox fromEdges(double left, double top, double side) {
        return new FaceBox(left + side / 2, top + side / 2, side, 0);
    }

    public double left() {
        return centreX - side / 2;
    }

    public double top() {
        return centreY - side / 2;
    }

    /**
     * This box moved by (dx, dy) <em>fractions of its side</em>, its side multiplied by
     * {@code scale}, and rotated by a further {@code dAngleDegrees}.
     */
    public FaceBox jittered(double dx, double dy, double scale, double dAngleDegrees) {
        return new FaceBox(centreX + dx * side, centreY + dy * side, side * scale, angleDegrees + dAngleDegrees);
    }
}
