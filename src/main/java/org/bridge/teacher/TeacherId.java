package org.bridge.teacher;

/**
 * The teacher letter t of a student's name S-p-x-t.
 */
public enum TeacherId {
    /** No teacher: the student learns from identity labels alone. */
    O("none"),
    /** faceres (HSE MobileNet, VGGFace2 identities), 224x224 input, 1024-D features. */
    V("VGGFace2 faceres"),
    /** face-api recognition net (dlib-style ResNet), 150x150 input, 128-D features. */
    C("face-api ResNet"),
    /** Ensemble of V and C: each L2-normalised, then concatenated (1152-D). */
    E("ensemble of V and C");

    private final String description;

    TeacherId(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean isNone() {
        return this == O;
    }
}
