package org.bridge.experiment;

import java.util.List;

import org.bridge.distill.Supervision;

/**
 * What a student's mimic layer regresses onto, part of the student's identity: c regresses onto
 * nothing, dc onto the raw teacher feature f_t, and s and sc onto either the paper's adapted
 * feature f_a (step 1, cross-dataset distillation; the plain name S-p-sc-t) or this project's
 * variant, the teacher features' top principal components (name suffix {@code +pca}, see
 * {@link org.bridge.distill.TeacherPcaTargets}).
 */
public enum MimicTarget {
    NONE("none", ""),
    RAW("raw", ""),
    ADAPTED("adapted", ""),
    TEACHER_PCA("teacher-pca", "+pca");

    private final String key;
    private final String suffix;

    MimicTarget(String key, String suffix) {
        this.key = key;
        this.suffix = suffix;
    }

    /** The word in experiment files and config.json, e.g. {@code adapted} or {@code teacher-pca}. */
    public String key() {
        return key;
    }

    /** What the student's name carries after S-p-x-t: empty, or {@code +pca}. */
    public String suffix() {
        return suffix;
    }

    /** The paper's target of a supervision: none for c, f_t for dc, f_a for s and sc. */
    public static MimicTarget of(Supervision x) {
        return switch (x.regressionTarget()) {
            case NONE -> NONE;
            case RAW -> RAW;
            case ADAPTED -> ADAPTED;
        };
    }

    /** The targets s and sc can choose between (the ablation's bridge arm). */
    public static List<MimicTarget> choices() {
        return List.of(ADAPTED, TEACHER_PCA);
    }

    /** One of {@link #choices()} by its key; names the accepted keys otherwise. */
    public static MimicTarget parseChoice(String key) {
        for (MimicTarget t : choices()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("regression target must be " + ADAPTED.key + " or " + TEACHER_PCA.key
                + ", not '" + key + "'");
    }
}
