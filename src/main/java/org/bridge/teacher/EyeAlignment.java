package org.bridge.teacher;

/**
 * Two-eye similarity alignment: the rotation, uniform scale and translation that carry a
 * template's eye positions onto the eyes found in an image, as an {@link AffineCrop} (which maps
 * crop coordinates to source coordinates). Two point pairs fix a similarity exactly, so the
 * template's eyes land on the detected eyes with no residual.
 */
public final class EyeAlignment {

    /**
     * Where the eyes sit in a teacher's {@code size x size} input: "left" is the eye on the
     * image's left.
     */
    public record EyeTemplate(double leftX, double leftY, double rightX, double rightY, int size) {

        public EyeTemplate {
            if (rightX == leftX && rightY == leftY) {
                throw new IllegalArgumentException("the template's eyes coincide");
            }
            if (size < 1) {
                throw new IllegalArgumentException("template size must be positive: " + size);
            }
        }
    }

    /** dlib's 150x150 face chip, the layout face-api's recognition net was trained on. */
    public static final EyeTemplate FACE_API = new EyeTemplate(47.5, 46.6, 100.5, 46.6, FaceApiTeacher.INPUT_SIZE);

    /**
     * faceres' 224x224 input as human frames it (the BlazeFace box enlarged 1.4x, squared) on the
     * mean LFW face: the fixed crop {@link LfwFixedCrop#V} (x 51.91-199.13, y 64.04-211.26) puts the
     * mean detected eyes (103.26, 113.14) and (146.85, 112.46) at (78.13, 74.71) and
     * (144.45, 73.67); levelled about their midpoint with the same distance (66.33 px).
     */
    public static final EyeTemplate FACERES = new EyeTemplate(78.13, 74.19, 144.46, 74.19, FaceresTeacher.INPUT_SIZE);

    private EyeAlignment() {
    }

    /** The crop of {@code template}'s size whose template eyes fall on the detected eyes. */
    public static AffineCrop crop(FaceDetection face, EyeTemplate template) {
        return similarity(face.keypointX(FaceDetection.LEFT_EYE), face.keypointY(FaceDetection.LEFT_EYE),
                face.keypointX(FaceDetection.RIGHT_EYE), face.keypointY(FaceDetection.RIGHT_EYE), template);
    }

    /**
     * The similarity {@code src = [a -b; b a] * dst + t} taking the template's left eye to
     * (sLx, sLy) and its right eye to (sRx, sRy). In complex numbers: {@code z = (sR - sL) /
     * (dR - dL)}, {@code t = sL - z * dL}.
     */
    public static AffineCrop similarity(double sLx, double sLy, double sRx, double sRy, EyeTemplate template) {
        double dx = template.rightX() - template.leftX();
        double dy = template.rightY() - template.leftY();
        double sx = sRx - sLx;
        double sy = sRy - sLy;
        double den = dx * dx + dy * dy;
        // (sx + i sy) / (dx + i dy) = (sx + i sy)(dx - i dy) / |d|^2
        double a = (sx * dx + sy * dy) / den;
        double b = (sy * dx - sx * dy) / den;
        double tx = sLx - (a * template.leftX() - b * template.leftY());
        double ty = sLy - (b * template.leftX() + a * template.leftY());
        return new AffineCrop(template.size(), template.size(), a, -b, b, a, tx, ty);
    }
}
