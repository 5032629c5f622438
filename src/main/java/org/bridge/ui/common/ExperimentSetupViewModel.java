package org.bridge.ui.common;

import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.bridge.distill.Supervision;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;

/**
 * The experiment set-up as observable state, independent of any control, so it can be tested
 * without a window. The rules (which S-p-x-t combinations exist) live in {@link StudentSpec}.
 */
public final class ExperimentSetupViewModel {

    private final ObjectProperty<TeacherId> teacher = new SimpleObjectProperty<>(TeacherId.E);
    private final ObjectProperty<Supervision> supervision = new SimpleObjectProperty<>(Supervision.sc);
    private final IntegerProperty resolution = new SimpleIntegerProperty(16);
    /** What s and sc regress onto; part of the student's name (S-16-sc-E+pca). c and dc ignore it. */
    private final ObjectProperty<MimicTarget> target = new SimpleObjectProperty<>(MimicTarget.ADAPTED);

    private final ObjectBinding<StudentSpec> spec = Bindings.createObjectBinding(
            () -> new StudentSpec(resolution.get(), supervision.get(), teacher.get()).withTarget(target.get()),
            teacher, supervision, resolution, target);
    private final StringBinding studentName = Bindings.createStringBinding(() -> spec.get().name(), spec);
    private final StringBinding problem = Bindings.createStringBinding(
            () -> spec.get().problem().orElse(""), spec);

    public ObjectProperty<TeacherId> teacherProperty() {
        return teacher;
    }

    public ObjectProperty<Supervision> supervisionProperty() {
        return supervision;
    }

    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    public ObjectProperty<MimicTarget> targetProperty() {
        return target;
    }

    public ObjectBinding<StudentSpec> specBinding() {
        return spec;
    }

    public StringBinding studentNameBinding() {
        return studentName;
    }

    /** Why the current combination is not runnable; empty string when it is. */
    public StringBinding problemBinding() {
        return problem;
    }

    public Optional<String> problem() {
        return spec.get().problem();
    }
}
