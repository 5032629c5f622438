package org.bridge.teacher;

import org.bridge.data.RgbImage;

/**
 * Teacher crops at fixed positions for LFW deep-funneled images (250x250, faces already
 * aligned by deep funneling), so no detector is needed. The positions come from the mean
 * BlazeFace detection over LFW (eyes at (103.26, 113.14) and (146.85, 112.46) in the 250x250
 * frame; ../shared/teachers/FACTS.md), which cost about 0.2-1 accuracy point against
 * per-image detector alignment there.
 * <ul>
 * <li>V (faceres): the square x 51.91-199.13, y 64.04-211.26 (the mean detector box enlarged
 *     1.4x), resized to 224x224.</li>
 * <li>C (face-api): the similarity {@code src = [0.82243 0.01290; -0.01290 0.82243] * dst +
 *     (63.594, 75.431)} onto the 150x150 chip, which puts the mean eyes at (47.5, 46.6) and
 *     (100.5, 46.6), dlib's chip layout.</li>
 * </ul>
 * Both are sampled bilinearly ({@link AffineCrop}; both enlarge, so no area averaging is
 * needed).
 */
public final class LfwFixedCrop implements FaceCropper {

    public static final int LFW_SIZE = 250;

    /** faceres crop. */
    public static final AffineCrop V = AffineCrop.rectangle(51.91, 64.04, 199.13, 211.26,
            FaceresTeacher.INPUT_SIZE, FaceresTeacher.INPUT_SIZE);

    /** face-api chip. */
    public static final AffineCrop C = new AffineCrop(FaceApiTeacher.INPUT_SIZE, FaceApiTeacher.INPUT_SIZE,
            0.82243, 0.01290, -0.01290, 0.82243, 63.594, 75.431);

    @Override
    public RgbImage crop(RgbImage face, TeacherNetwork network) {
        if (face.width() != LFW_SIZE || face.height() != LFW_SIZE) {
            throw new IllegalArgumentException("fixed LFW crops need the 250x250 deep-funneled frame, got "
                    + face.width() + "x" + face.height());
        }
        return switch (network.id()) {
            case V -> V.apply(face);
            case C -> C.apply(face);
            default -> throw new IllegalArgumentException("no fixed crop for teacher network " + network.id());
        };
    }

    /** The crop for one network by id (V or C). */
    public static AffineCrop forNetwork(TeacherId id) {
        return switch (id) {
            case V -> V;
            case C -> C;
            default -> throw new IllegalArgumentException("no fixed crop for " + id);
        };
    }
}
