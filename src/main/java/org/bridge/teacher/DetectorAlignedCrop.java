package org.bridge.teacher;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.data.RgbImage;

/**
 * Teacher crops aligned per image from a {@link BlazeFaceDetector} detection:
 * <ul>
 * <li>V (faceres): the detector box enlarged 1.4x around its centre and made square, as human's
 *     {@code enlargeBox(1.4)} + {@code squarifyBox} do before faceres, resized to 224x224;</li>
 * <li>C (face-api): the two-eye similarity onto dlib's 150x150 chip, eyes at (47.5, 46.6) and
 *     (100.5, 46.6) ({@link EyeAlignment#FACE_API}).</li>
 * </ul>
 * When the detector finds no face, the image falls back to the fixed crop of
 * {@link LfwFixedCrop} (only defined for the 250x250 deep-funneled frame) and the fallback is
 * counted ({@link #fallbacks()}); callers that know the image's file report it by name.
 *
 * <p>{@link #crop} detects once per image object and remembers the result while the image is
 * alive, so the two networks of teacher E share one detection.
 */
public final class DetectorAlignedCrop implements FaceCropper {

    /** human's {@code face.detector.scale}: the box around the face that faceres sees. */
    public static final double FACERES_BOX_SCALE = 1.4;

    private final BlazeFaceDetector detector;
    // RgbImage keeps Object's identity equals, so this is an identity map that lets images go.
    private final Map<RgbImage, Optional<FaceDetection>> seen = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger fallbacks = new AtomicInteger();

    public DetectorAlignedCrop(BlazeFaceDetector detector) {
        this.detector = detector;
    }

    @Override
    public RgbImage crop(RgbImage face, TeacherNetwork network) {
        Optional<FaceDetection> d = seen.computeIfAbsent(face, detector::primary);
        if (d.isEmpty()) {
            fallbacks.incrementAndGet();
        }
        return crop(face, d, network.id());
    }

    /** Images (crop calls) that fell back to the fixed crop because no face was found. */
    public int fallbacks() {
        return fallbacks.get();
    }

    /**
     * The crop of network {@code id} from a detection, or the fixed LFW crop when there is none.
     *
     * @throws IllegalArgumentException when there is no detection and the image is not in the
     *                                  250x250 LFW frame the fixed crop is defined for
     */
    public static RgbImage crop(RgbImage face, Optional<FaceDetection> detection, TeacherId id) {
        if (detection.isEmpty()) {
            return LfwFixedCrop.forNetwork(id).apply(requireLfwFrame(face));
        }
        return cropFor(detection.get(), id).apply(face);
    }

    /** The affine crop of network {@code id} (V or C) for one detection. */
    public static AffineCrop cropFor(FaceDetection d, TeacherId id) {
        return switch (id) {
            case V -> Boolean.getBoolean("bridge.tmpFaceresEyes") ? EyeAlignment.crop(d, EyeAlignment.FACERES) : faceresBox(d);
            case C -> EyeAlignment.crop(d, EyeAlignment.FACE_API);
            default -> throw new IllegalArgumentException("no detector-aligned crop for teacher network " + id);
        };
    }

    /**
     * human's faceres input: the box enlarged {@value #FACERES_BOX_SCALE}x around its centre, then
     * squared on its longer side, corners rounded to whole pixels.
     */
    static AffineCrop faceresBox(FaceDetection d) {
        double half = FACERES_BOX_SCALE * Math.max(Math.abs(d.width()), Math.abs(d.height())) / 2;
        double x0 = Math.round(d.centerX() - half);
        double y0 = Math.round(d.centerY() - half);
        double x1 = Math.round(d.centerX() + half);
        double y1 = Math.round(d.centerY() + half);
        return AffineCrop.rectangle(x0, y0, x1, y1, FaceresTeacher.INPUT_SIZE, FaceresTeacher.INPUT_SIZE);
    }

    private static RgbImage requireLfwFrame(RgbImage face) {
        if (face.width() != LfwFixedCrop.LFW_SIZE || face.height() != LfwFixedCrop.LFW_SIZE) {
            throw new IllegalArgumentException("no face found, and the fixed-crop fallback needs the 250x250 LFW frame; got "
                    + face.width() + "x" + face.height());
        }
        return face;
    }
}
