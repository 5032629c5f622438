package org.bridge.experiment;

import java.util.Optional;

import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;

/**
 * A student in the paper's naming S-p-x-t: input resolution p, supervision x, teacher t.
 */
public record StudentSpec(int resolution, Supervision supervision, TeacherId teacher) {

    public static final int MIN_RESOLUTION = 8;
    public static final int MAX_RESOLUTION = 224;

    /** The paper's name, e.g. {@code S-16-sc-E}. */
    public String name() {
        return "S-" + resolution + "-" + supervision.name() + "-" + teacher.name();
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
        return Optional.empty();
    }

    public static StudentSpec parse(String name) {
        String[] parts = name.trim().split("-");
        if (parts.length != 4 || !parts[0].equals("S")) {
            throw new IllegalArgumentException("not a student name S-p-x-t: " + name);
        }
        try {
            return new StudentSpec(Integer.parseInt(parts[1]), Supervision.valueOf(parts[2]),
                    TeacherId.valueOf(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a student name S-p-x-t: " + name, e);
        }
    }
}
