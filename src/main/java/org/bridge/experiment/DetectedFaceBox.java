package org.bridge.experiment;

import java.util.Optional;
import java.util.function.Supplier;

import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceLocator;
import org.bridge.teacher.BlazeFaceDetector;
import org.bridge.teacher.FaceDetection;

/**
 * The student's face square found by BlazeFace (the teachers' detector): the base box carried by
 * the similarity that takes LFW's mean detected eyes onto the eyes found in the image. On a
 * typical deep-funneled LFW image that is the base box itself, so a face set framed any other way
 * is seen as the students were trained to see LFW. Nothing in it is fitted to the set it frames.
 * The detector is loaded on the first image that needs it (LFW's own frames never do) and owned:
 * {@link #close()} releases it.
 */
public final class DetectedFaceBox implements FaceLocator, AutoCloseable {

    /**
     * BlazeFace's mean eyes over LFW's 250x250 deep-funneled images (left = the eye on the image's
     * left), measured when the teachers' alignment was fitted ({@code EyeAlignment.FACERES}).
     */
    static final double LEFT_EYE_X = 103.26;
    static final double LEFT_EYE_Y = 113.14;
    static final double RIGHT_EYE_X = 146.85;
    static final double RIGHT_EYE_Y = 112.46;

    private final Supplier<BlazeFaceDetector> loader;
    private final FaceBox base;
    private BlazeFaceDetector detector;

    /** @param base the student's base box in LFW's 250x250 frame */
    public DetectedFaceBox(BlazeFaceDetector detector, FaceBox base) {
        this(() -> detector, base);
    }

    /** A locator whose detector {@code loader} makes on first need. */
    public DetectedFaceBox(Supplier<BlazeFaceDetector> loader, FaceBox base) {
        this.loader = loader;
        this.base = base;
    }

    /** One detection at a time: the detector's graph runtime is not shared between threads. */
    @Override
    public synchronized Optional<FaceBox> locate(RgbImage image) {
        if (detector == null) {
            detector = loader.get();
        }
        return detector.primary(image).map(d -> boxFor(d, base));
    }

    /** {@code base} carried onto the eyes of detection {@code d}. */
    static FaceBox boxFor(FaceDetection d, FaceBox base) {
        return boxFor(d.keypointX(FaceDetection.LEFT_EYE), d.keypointY(FaceDetection.LEFT_EYE),
                d.keypointX(FaceDetection.RIGHT_EYE), d.keypointY(FaceDetection.RIGHT_EYE), base);
    }

    /**
     * {@code base} under the similarity z p + t taking the mean eyes to (lx, ly) and (rx, ry): in
     * complex numbers z = (r - l) / (R0 - L0), t = l - z L0.
     */
    static FaceBox boxFor(double lx, double ly, double rx, double ry, FaceBox base) {
        double mx = RIGHT_EYE_X - LEFT_EYE_X;
        double my = RIGHT_EYE_Y - LEFT_EYE_Y;
        double sx = rx - lx;
        double sy = ry - ly;
        double den = mx * mx + my * my;
        double zr = (sx * mx + sy * my) / den;
        double zi = (sy * mx - sx * my) / den;
        double qx = base.centreX() - LEFT_EYE_X;
        double qy = base.centreY() - LEFT_EYE_Y;
        double cx = lx + zr * qx - zi * qy;
        double cy = ly + zi * qx + zr * qy;
        double scale = Math.hypot(zr, zi);
        return new FaceBox(cx, cy, base.side() * scale, base.angleDegrees() + Math.toDegrees(Math.atan2(zi, zr)));
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
