package org.bridge.ui.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import org.bridge.distill.Supervision;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;

/**
 * The ablation grid builder: ticked resolutions x supervisions x teachers x regression targets
 * (the bridge arm: s and sc onto the paper's f_a or onto the teacher's principal components, named
 * +pca; c and dc have no choice and appear once). Combinations the method does not define (e.g.
 * sc with teacher O) are skipped and counted, not queued.
 */
public final class AblationGridViewModel {

    public static final List<Integer> RESOLUTIONS = List.of(16, 32, 64, 96);

    private final Map<Integer, BooleanProperty> resolutions = new LinkedHashMap<>();
    private final Map<Supervision, BooleanProperty> supervisions = new LinkedHashMap<>();
    private final Map<TeacherId, BooleanProperty> teachers = new LinkedHashMap<>();
    private final Map<MimicTarget, BooleanProperty> targets = new LinkedHashMap<>();
    private final ObjectBinding<List<StudentSpec>> students;
    private final StringBinding summary;

    public AblationGridViewModel() {
        for (int p : RESOLUTIONS) {
            resolutions.put(p, new SimpleBooleanProperty(p == 16));
        }
        for (Supervision x : Supervision.values()) {
            supervisions.put(x, new SimpleBooleanProperty(true));
        }
        for (TeacherId t : TeacherId.values()) {
            teachers.put(t, new SimpleBooleanProperty(t == TeacherId.O || t == TeacherId.E));
        }
        for (MimicTarget g : MimicTarget.choices()) {
            targets.put(g, new SimpleBooleanProperty(g == MimicTarget.ADAPTED));
        }
        List<Observable> deps = new ArrayList<>();
        deps.addAll(targets.values());
        deps.addAll(resolutions.values());
        deps.addAll(supervisions.values());
        deps.addAll(teachers.values());
        students = Bindings.createObjectBinding(this::defined, deps.toArray(Observable[]::new));
        summary = Bindings.createStringBinding(() -> {
            int all = selectedResolutions().size() * selectedTeachers().size() * selectedSupervisions().stream()
                    .mapToInt(x -> MimicTarget.of(x) == MimicTarget.ADAPTED ? selectedTargets().size() : 1).sum();
            List<StudentSpec> ok = students.get();
            if (all == 0) {
                return "tick at least one resolution, supervision, teacher and regression target";
            }
            return ok.size() + " student" + (ok.size() == 1 ? "" : "s")
                    + (all > ok.size() ? " (" + (all - ok.size()) + " undefined combination"
                    + (all - ok.size() == 1 ? "" : "s") + " skipped)" : "")
                    + (ok.isEmpty() ? "" : ": " + String.join(", ", ok.stream().map(StudentSpec::name).toList()));
        }, students);
    }

    public BooleanProperty resolution(int p) {
        return resolutions.get(p);
    }

    public BooleanProperty supervision(Supervision x) {
        return supervisions.get(x);
    }

    public BooleanProperty teacher(TeacherId t) {
        return teachers.get(t);
    }

    /** What s and sc regress onto in the grid: {@link MimicTarget#choices()}. */
    public BooleanProperty target(MimicTarget g) {
        return targets.get(g);
    }

    public List<MimicTarget> selectedTargets() {
        return targets.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    public List<Integer> selectedResolutions() {
        return resolutions.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    public List<Supervision> selectedSupervisions() {
        return supervisions.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    public List<TeacherId> selectedTeachers() {
        return teachers.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    /** The students the grid defines, in grid order. */
    public ObjectBinding<List<StudentSpec>> studentsBinding() {
        return students;
    }

    public StringBinding summaryBinding() {
        return summary;
    }

    private List<StudentSpec> defined() {
        java.util.Set<StudentSpec> out = new java.util.LinkedHashSet<>();
        if (selectedTargets().isEmpty()) {
            return List.of();
        }
        for (int p : selectedResolutions()) {
            for (Supervision x : selectedSupervisions()) {
                for (TeacherId t : selectedTeachers()) {
                    for (MimicTarget g : selectedTargets()) {
                        StudentSpec s = new StudentSpec(p, x, t).withTarget(g);
                        if (s.problem().isEmpty()) {
                            out.add(s);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
