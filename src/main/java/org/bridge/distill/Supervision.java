package org.bridge.distill;

/**
 * The supervision letter x of a student's name S-p-x-t: which losses train the student.
 */
public enum Supervision {
    /** Cross-entropy on identities only. */
    c(true, Target.NONE, "class only"),
    /** L2 regression of the mimic layer onto the adapted teacher feature f_a only. */
    s(false, Target.ADAPTED, "adapted features only"),
    /** Cross-entropy plus regression onto the raw teacher feature f_t (no adaptation). */
    dc(true, Target.RAW, "class + raw teacher features"),
    /** Cross-entropy plus regression onto the adapted feature f_a: the paper's method. */
    sc(true, Target.ADAPTED, "class + adapted features");

    /** What the mimic layer regresses onto. */
    public enum Target { NONE, RAW, ADAPTED }

    private final boolean classLoss;
    private final Target target;
    private final String description;

    Supervision(boolean classLoss, Target target, String description) {
        this.classLoss = classLoss;
        this.target = target;
        this.description = description;
    }

    public boolean usesClassLoss() {
        return classLoss;
    }

    public Target regressionTarget() {
        return target;
    }

    public boolean needsTeacher() {
        return target != Target.NONE;
    }

    public String description() {
        return description;
    }
}
