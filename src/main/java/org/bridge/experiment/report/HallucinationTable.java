package org.bridge.experiment.report;

import org.bridge.experiment.run.TeacherHallucinationExperiment;

import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;

/**
 * Table III as a table, from completed {@code teacher-hallucination} runs: one row per
 * (teacher, alignment, input), verification on all pairs of pairs.txt. Ordered by alignment,
 * then input (HR, then from the highest p-BI down), then teacher V, C, E.
 */
public final class HallucinationTable {

    public static final String TITLE = "Table III: teachers on HR and p-BI (bilinearly hallucinated) inputs, "
            + "verification on all pairs";

    /** One row; accuracy, std and TPRs are fractions. */
    public record Row(String experiment, String teacher, String alignment, String input, Integer resolution, int pairs,
                      double accuracy, double accuracyStd, double auc, double tprAtFpr10, double tprAtFpr1,
                      double facesPerSecond) {
    }

    private final List<Row> rows;

    private HallucinationTable(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public static HallucinationTable of(List<RunRecord> runs) {
        List<Row> out = new ArrayList<>();
        for (RunRecord r : runs) {
            if (!ExperimentSpec.KIND_HALLUCINATION.equals(r.kind()) || r.results().isEmpty()) {
                continue;
            }
            JsonObject j = r.results().orElseThrow();
            try {
                Integer p = j.has("resolution") && !j.get("resolution").isJsonNull() ? j.get("resolution").getAsInt()
                        : null;
                out.add(new Row(r.experiment(), j.get("teacher").getAsString(), j.get("alignment").getAsString(),
                        TeacherHallucinationExperiment.inputLabel(p), p, j.get("pairs").getAsInt(), j.get("accuracy").getAsDouble(),
                        j.get("accuracy_std").getAsDouble(), j.get("auc").getAsDouble(),
                        j.get("tpr_at_fpr_10").getAsDouble(), j.get("tpr_at_fpr_1").getAsDouble(),
                        j.get("faces_per_second").getAsDouble()));
            } catch (RuntimeException e) {
                throw new UserFacingException(r.folder().file(RunFolder.RESULTS) + " is not a teacher evaluation: "
                        + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(Row::experiment).thenComparing(Row::alignment)
                .thenComparingInt(r -> r.resolution() == null ? Integer.MIN_VALUE : -r.resolution())
                .thenComparing(r -> AdaptationTable.teacherOrder(r.teacher())));
        return new HallucinationTable(out);
    }

    public TextTable toTextTable() {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.teacher(), r.alignment(), r.input(), Integer.toString(r.pairs()),
                    TextTable.pct(r.accuracy()), TextTable.pct(r.accuracyStd()), TextTable.num(r.auc(), 4),
                    TextTable.pct(r.tprAtFpr10()), TextTable.pct(r.tprAtFpr1()), TextTable.num(r.facesPerSecond(), 1)));
        }
        return new TextTable(TITLE,
                List.of("Teacher", "Alignment", "Input", "Pairs", "Accuracy (%)", "Std", "AUC", "TPR@FPR=10% (%)",
                        "TPR@FPR=1% (%)", "Faces/s"),
                3, cells,
                List.of("p-BI: the aligned teacher crop area-averaged to p x p, then bilinearly up-sampled back to the "
                        + "teacher's input size. Accuracy: mean and std of the 10 folds, each fold's threshold chosen "
                        + "on the other 9. Faces/s: the network alone at batch 32 on this machine (E: V and C time "
                        + "added)."));
    }
}
