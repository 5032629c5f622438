package org.bridge.experiment.report;

import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The students trained with several seeds, one row each: mean ± sample std over the seeds of the
 * verification accuracy, AUC and TPR at FPR 10% (each seed's numbers as in {@link ResultsTable}),
 * with the seeds listed, and the accuracy on the target folds no setting was chosen on. Markdown
 * and LaTeX show {@code mean ± std}; CSV gives the std its own column so the cells stay numbers.
 */
public final class SeedsTable {

    public static final String TITLE = "Students over seeds: mean \u00b1 std";

    private final List<SeedGroup> students;

    private SeedsTable(List<SeedGroup> students) {
        this.students = students;
    }

    /** Every student with more than one seed among the completed student runs of {@code records}. */
    public static SeedsTable of(List<RunRecord> records) {
        return new SeedsTable(SeedGroup.of(RunGroup.of(records)).stream().filter(g -> g.seeds().size() > 1).toList());
    }

    public List<SeedGroup> students() {
        return students;
    }

    public boolean isEmpty() {
        return students.isEmpty();
    }

    public TextTable toTextTable(boolean stdApart) {
        List<String> header = new ArrayList<>(List.of("Model", "Loss", "Seeds", "Splits", "Pairs"));
        for (String m : List.of("Accuracy (%)", "AUC", "TPR@FPR=10% (%)")) {
            header.add(m);
            if (stdApart) {
                header.add(m.replace(" (%)", "") + " std" + (m.contains("%") ? " (%)" : ""));
            }
        }
        header.add("Held-out pairs");
        header.add("Held-out accuracy (%)");
        if (stdApart) {
            header.add("Held-out accuracy std (%)");
        }
        header.add("Held-out flip-avg. accuracy (%)");
        if (stdApart) {
            header.add("Held-out flip-avg. accuracy std (%)");
        }
        header.add("Settings chosen on");
        header.add("Experiment");
        List<List<String>> rows = new ArrayList<>();
        for (SeedGroup g : students) {
            List<String> r = new ArrayList<>(List.of(g.student(), g.loss(), g.seedList(), g.splits(),
                    Integer.toString(g.seeds().get(0).row().pairs())));
            add(r, g.accuracy(), 100, 2, stdApart);
            add(r, g.auc(), 1, 4, stdApart);
            add(r, g.tprAtFpr10(), 100, 2, stdApart);
            r.add(g.heldOutPairs());
            add(r, g.heldOutAccuracy(), 100, 2, stdApart);
            add(r, g.heldOutFlipAccuracy(), 100, 2, stdApart);
            r.add(g.settingsChosenOn());
            r.add(g.experiment());
            rows.add(r);
        }
        return new TextTable(TITLE, header, 4, rows,
                List.of("Sample standard deviation (n - 1) over the seeds; each seed's row is in the students' table.",
                        "Held out: the target folds of pairs.txt that no setting was chosen on (every target fold "
                                + "when the settings' development folds are outside them, e.g. split A's 6-10 for "
                                + "settings chosen on A fold 5; full LFW without fold 5 for the same settings).",
                        "Flip-avg.: each test face's feature is the sum of the student's unit features of the face "
                                + "and its mirror image (two views per face; the paper scores one)."));
    }

    /**
     * Appends {@code mean ± std} (or mean and std as two cells), scaled and rounded; std left out with
     * one seed, both left empty when a seed lacks the measure.
     */
    static void add(List<String> row, SeedGroup.Spread s, double scale, int digits, boolean stdApart) {
        if (Double.isNaN(s.mean())) { // a seed without this measure: no number rather than NaN
            row.add("");
            if (stdApart) {
                row.add("");
            }
            return;
        }
        String mean = String.format(Locale.ROOT, "%." + digits + "f", scale * s.mean());
        String std = Double.isNaN(s.std()) ? "" : String.format(Locale.ROOT, "%." + digits + "f", scale * s.std());
        if (stdApart) {
            row.add(mean);
            row.add(std);
        } else {
            row.add(std.isEmpty() ? mean : mean + " \u00b1 " + std);
        }
    }

    public String format(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return toTextTable("csv".equals(f)).format(f);
    }
}
