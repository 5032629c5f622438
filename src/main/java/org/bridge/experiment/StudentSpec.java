package org.bridge.experiment;

import java.util.Optional;

import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * A student in the paper's naming S-p-x-t: input resolution p, supervision x, teacher t, and what
 * its mimic layer regresses onto. The paper's target of x has the plain name ({@code S-16-sc-E}
 * regresses onto f_a of step 1); the principal-components variant of s and sc is named with a
 * suffix ({@code S-16-sc-E+pca}), so the target shows in every name, run folder and table.
 */
public record StudentSpec(int resolution, Supervision supervision, TeacherId teacher, MimicTarget target) {

    public static final int MIN_RESOLUTION = 8;
    public static final int MAX_RESOLUTION = 224;

    public StudentSpec {
        java.util.Objects.requireNonNull(target, "target");
    }

    /** The student with the paper's target of its supervision. */
    public StudentSpec(int resolution, Supervision supervision, TeacherId teacher) {
        this(resolution, supervision, teacher, MimicTarget.of(supervision));
    }

    /**
     * This student regressing onto {@code choice} when its supervision regresses onto f_a (s, sc);
     * c and dc have nothing to choose and stay as they are. For crossing a grid with targets.
     */
    public StudentSpec withTarget(MimicTarget choice) {
        return MimicTarget.of(supervision) == MimicTarget.ADAPTED
                ? new StudentSpec(resolution, supervision, teacher, choice) : this;
    }

    /** The name, e.g. {@code S-16-sc-E} (the paper's sc) or {@code S-16-sc-E+pca}. */
    public String name() {
        return "S-" + resolution + "-" + supervision.name() + "-" + teacher.name() + target.suffix();
    }

    /**
     * Why this combination is not defined by the method, or empty when it is. The workbench
     * shows the reason next to the control; the runner refuses such a cell.
     */
    public Optional<String> problem() {
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            return Optional.of("resolution must be between " + MIN_RESOLUTION + " and " + MAX_RESOLUTION
                    + " pixels (the paper uses 16, 32, 64, 96)");
        }
        if (supervision.needsTeacher() && teacher.isNone()) {
            return Optional.of("supervision '" + supervision.name() + "' regresses onto teacher features,"
                    + " so it needs a teacher (V, C or E), not O");
        }
        if (!supervision.needsTeacher() && !teacher.isNone()) {
            return Optional.of("supervision 'c' uses no teacher; choose teacher O (the paper's S-p-c-O)");
        }
        MimicTarget paper = MimicTarget.of(supervision);
        if (target != paper && !(paper == MimicTarget.ADAPTED && MimicTarget.choices().contains(target))) {
            return Optional.of("supervision '" + supervision.name() + "' regresses onto "
                    + paper.key() + "; only s and sc choose their target ("
                    + MimicTarget.TEACHER_PCA.suffix() + ")");
        }
        return Optional.empty();
    }

    /** Reads a name {@link #name()} writes: S-p-x-t, optionally followed by {@code +pca}. */
    public static StudentSpec parse(String name) {
        String trimmed = name.trim();
        MimicTarget target = null;
        String base = trimmed;
        int plus = trimmed.indexOf('+');
        if (plus >= 0) {
            String suffix = trimmed.substring(plus);
            if (!suffix.equals(MimicTarget.TEACHER_PCA.suffix())) {
                throw new IllegalArgumentException("not a student name S-p-x-t[" + MimicTarget.TEACHER_PCA.suffix()
                        + "]: " + name + " (unknown suffix '" + suffix + "')");
            }
            target = MimicTarget.TEACHER_PCA;
            base = trimmed.substring(0, plus);
        }
        String[] parts = base.split("-");
        if (parts.length != 4 || !parts[0].equals("S")) {
            throw new IllegalArgumentException("not a student name S-p-x-t: " + name);
        }
        try {
            Supervision x = Supervision.valueOf(parts[2]);
            return new StudentSpec(Integer.parseInt(parts[1]), x, TeacherId.valueOf(parts[3]),
                    target == null ? MimicTarget.of(x) : target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a student name S-p-x-t: " + name, e);
        }
    }
}
