package org.bridge.ui.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.bridge.experiment.report.PairedComparison;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.SeedGroup;

/**
 * The Results tab's comparison with a baseline: every student (its seeds pooled, mean ± std)
 * against the one the user picked, each with its accuracy difference, 95% interval and verdict
 * from {@link PairedComparison}. The bootstraps run on {@code background}; the lines are
 * published on {@code fxThread}, and a result for a baseline or rows no longer current is dropped.
 */
public final class ComparisonViewModel {

    /**
     * One student as the comparison table shows it.
     *
     * @param result the comparison with the baseline; empty for the baseline itself, while
     *               computing, or when the two cannot be compared ({@code note} says why)
     */
    public record Line(SeedGroup student, boolean baseline, Optional<PairedComparison.Result> result, String note) {

        /** Mean accuracy over the seeds, with the std when there are several: {@code 87.10 ± 0.42}. */
        public String accuracy() {
            SeedGroup.Spread a = student.accuracy();
            return Cells.pctWithStd(a.mean(), a.std());
        }

        /** Accuracy difference with the baseline in percentage points, e.g. {@code +1.23}. */
        public String difference() {
            return result.map(r -> String.format(java.util.Locale.ROOT, "%+.2f", 100 * r.accuracy().value())).orElse("");
        }

        /** e.g. {@code [+0.40, +2.05]}. */
        public String interval() {
            return result.map(r -> String.format(java.util.Locale.ROOT, "[%+.2f, %+.2f]", 100 * r.accuracy().low(),
                    100 * r.accuracy().high())).orElse("");
        }

        /** holds / does not hold / within noise, "baseline", or why there is none. */
        public String verdict() {
            if (baseline) {
                return "baseline";
            }
            return result.map(r -> r.accuracy().verdict().text()).orElse(note);
        }

        /** TPR at FPR 10%, difference with the baseline and its interval, in percentage points. */
        public String tprDifference() {
            return result.map(r -> r.tprAtFpr10().formatted()).orElse("");
        }
    }

    static final String COMPUTING = "computing...";

    private final Executor fxThread;
    private final Executor background;
    private final ObservableList<SeedGroup> students = FXCollections.observableArrayList();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SeedGroup> baseline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** Which computation is current; a finished one that is not is dropped. */
    private long generation;

    public ComparisonViewModel(Executor fxThread, Executor background) {
        this.fxThread = fxThread;
        this.background = background;
    }

    /** The results rows changed (a refresh): regroup by seeds, keep the baseline if it is still there. */
    public void setRows(List<RunGroup> rows) {
        List<SeedGroup> groups = SeedGroup.of(rows);
        students.setAll(groups);
        SeedGroup was = baseline.get();
        SeedGroup now = was == null ? null
                : groups.stream().filter(g -> g.key().equals(was.key())).findFirst().orElse(null);
        choose(now);
    }

    /** The user's baseline (null: none, no differences shown). */
    public void chooseBaseline(SeedGroup student) {
        choose(student == null ? null
                : students.stream().filter(g -> g.key().equals(student.key())).findFirst().orElse(null));
    }

    private void choose(SeedGroup base) {
        baseline.set(base);
        long gen = ++generation;
        List<SeedGroup> all = List.copyOf(students);
        if (base == null) {
            lines.setAll(all.stream().map(g -> new Line(g, false, Optional.empty(), "")).toList());
            status.set(all.isEmpty() ? "" : "Choose a baseline to see every other student's difference with it.");
            return;
        }
        lines.setAll(all.stream().map(g -> new Line(g, g == base, Optional.empty(), g == base ? "" : COMPUTING))
                .toList());
        status.set("Comparing " + (all.size() - 1) + " students with " + base.label() + " on the same pairs...");
        background.execute(() -> {
            List<Line> out = new ArrayList<>();
            for (SeedGroup g : all) {
                out.add(g == base ? new Line(g, true, Optional.empty(), "") : compare(g, base));
            }
            fxThread.execute(() -> {
                if (gen == generation) {
                    lines.setAll(out);
                    status.set("Differences with " + base.label() + ": accuracy in percentage points, 95% interval "
                            + "from a paired bootstrap over the pairs both scored (seeds pooled).");
                }
            });
        });
    }

    private static Line compare(SeedGroup g, SeedGroup base) {
        try {
            return new Line(g, false, Optional.of(PairedComparison.compare(g, base)), "");
        } catch (RuntimeException e) {
            return new Line(g, false, Optional.empty(), "not comparable: " + e.getMessage());
        }
    }

    /** Every student of the runs folder, seeds pooled: what the baseline can be. */
    public ObservableList<SeedGroup> students() {
        return students;
    }

    /** One line per student, the baseline included. */
    public ObservableList<Line> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<SeedGroup> baselineProperty() {
        return baseline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
