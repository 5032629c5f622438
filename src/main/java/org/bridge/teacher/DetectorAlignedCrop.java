package org.bridge.teacher;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.data.RgbImage;

/**
 * Teacher crops aligned per image from a {@link BlazeFaceDetector} detection, each a two-eye
 * similarity onto the network's template ({@link EyeAlignment}):
 * <ul>
 * <li>V (faceres): {@link EyeAlignment#FACERES}, the frame of human's faceres input (the
 *     detector box enlarged 1.4x and squared, resized to 224x224) on the mean LFW face;</li>
 * <li>C (face-api): {@link EyeAlignment#FACE_API}, dlib's 150x150 chip, eyes at (47.5, 46.6) and
 *     (100.5, 46.6).</li>
 * </ul>
 * For V, cropping the 1.4x box of each image's own detection (what human does) was measured
 * too, on all 6,000 LFW pairs: 97.72% (AUC 0.9977) against 97.97% (AUC 0.9972) with the eye
 * template (experiments/results/table3-hallucination.md); the eye template also levels the eyes.
 * When the detector finds no face, the image falls back to the fixed crop of
 * {@link LfwFixedCrop} (only defined for the 250x250 deep-funneled frame) and the fallback is
 * counted ({@link #fallbacks()}); callers that know the image's file report it by name.
 *
 * <p>{@link #crop} detects once per image object and remembers the result while the image is
 * alive, so the two networks of teacher E share one detection.
 */
public final class DetectorAlignedCrop implements FaceCropper {

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
            case V -> EyeAlignment.crop(d, EyeAlignment.FACERES);
            case C -> EyeAlignment.crop(d, EyeAlignment.FACE_API);
            default -> throw new IllegalArgumentException("no detector-aligned crop for teacher network " + id);
        };
    }

    private static RgbImage requireLfwFrame(RgbImage face) {
        if (face.width() != LfwFixedCrop.LFW_SIZE || face.height() != LfwFixedCrop.LFW_SIZE) {
            throw new IllegalArgumentException("no face found, and the fixed-crop fallback needs the 250x250 LFW frame; got "
                    + face.width() + "x" + face.height());
        }
        return face;
    }
}
