package org.bridge.experiment.report;

import org.bridge.experiment.run.AdaptationExperiment;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.distill.AdaptationComparison.Method;

/**
 * Fig. 3 as a table, from completed {@code adaptation} runs: one row per (teacher, split, seed)
 * with the held-out classification accuracy of the three reproducible cases, and for a teacher
 * and seed measured on both splits a pooled "A+B" row after them (correct / tested summed over
 * the splits).
 * Case (4) is listed as not reproducible.
 */
public final class AdaptationTable {

    public static final String TITLE = "Fig. 3: adaptation on a held-out 20% of the public images "
            + "(classification accuracy)";

    /** One row; accuracies are fractions. */
    public record Row(String experiment, String teacher, String splits, long seed, int tested, double rawTeacher,
                      double directCompression, double distillation, int teacherDimension, int adaptedDimension,
                      double lambda, double temperature, double seconds) {
    }

    private final List<Row> rows;

    private AdaptationTable(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Rows of the completed adaptation runs among {@code runs}; other runs are ignored. */
    public static AdaptationTable of(List<RunRecord> runs) {
        List<Row> perRun = new ArrayList<>();
        Map<String, List<Row>> bySeed = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (!ExperimentSpec.KIND_ADAPTATION.equals(r.kind()) || r.results().isEmpty()) {
                continue;
            }
            Row row = row(r);
            perRun.add(row);
            bySeed.computeIfAbsent(row.experiment() + "|" + row.teacher() + "|" + row.seed(), k -> new ArrayList<>())
                    .add(row);
        }
        List<Row> out = new ArrayList<>(perRun);
        for (List<Row> g : bySeed.values()) {
            if (g.size() > 1 && g.stream().map(Row::splits).distinct().count() == g.size()) {
                out.add(pooled(g));
            }
        }
        out.sort(Comparator.comparing(Row::experiment).thenComparing(r -> teacherOrder(r.teacher()))
                .thenComparingLong(Row::seed).thenComparing(r -> r.splits().contains("+") ? 1 : 0)
                .thenComparing(Row::splits));
        return new AdaptationTable(out);
    }

    static int teacherOrder(String t) {
        int i = List.of("V", "C", "E").indexOf(t);
        return i < 0 ? 99 : i;
    }

    private static Row row(RunRecord r) {
        JsonObject j = r.results().orElseThrow();
        try {
            JsonObject raw = j.getAsJsonObject(AdaptationExperiment.key(Method.RAW_TEACHER));
            JsonObject direct = j.getAsJsonObject(AdaptationExperiment.key(Method.DIRECT_COMPRESSION));
            JsonObject distilled = j.getAsJsonObject(AdaptationExperiment.key(Method.CROSS_DATASET_DISTILLATION));
            JsonObject params = j.getAsJsonObject("params");
            return new Row(r.experiment(), j.get("teacher").getAsString(), j.get("split").getAsString(),
                    j.get("seed").getAsLong(), raw.get("tested").getAsInt(), raw.get("accuracy").getAsDouble(),
                    direct.get("accuracy").getAsDouble(), distilled.get("accuracy").getAsDouble(),
                    raw.get("feature_dimension").getAsInt(), distilled.get("feature_dimension").getAsInt(),
                    params.get("lambda").getAsDouble(), params.get("temperature").getAsDouble(),
                    j.get("seconds").getAsDouble());
        } catch (RuntimeException e) {
            throw new UserFacingException(r.folder().file(RunFolder.RESULTS) + " is not an adaptation result: "
                    + e.getMessage(), e);
        }
    }

    /** Both splits together: accuracies weighted by the images tested on each. */
    private static Row pooled(List<Row> g) {
        g.sort(Comparator.comparing(Row::splits));
        int tested = 0;
        double raw = 0;
        double direct = 0;
        double distilled = 0;
        double seconds = 0;
        StringBuilder splits = new StringBuilder();
        for (Row r : g) {
            tested += r.tested();
            raw += Math.round(r.rawTeacher() * r.tested());
            direct += Math.round(r.directCompression() * r.tested());
            distilled += Math.round(r.distillation() * r.tested());
            seconds += r.seconds();
            splits.append(splits.length() > 0 ? "+" : "").append(r.splits());
        }
        Row f = g.get(0);
        boolean sameSettings = g.stream().allMatch(r -> r.lambda() == f.lambda() && r.temperature() == f.temperature());
        return new Row(f.experiment(), f.teacher(), splits.toString(), f.seed(), tested, raw / tested, direct / tested,
                distilled / tested, f.teacherDimension(), f.adaptedDimension(), sameSettings ? f.lambda() : Double.NaN,
                sameSettings ? f.temperature() : Double.NaN, seconds);
    }

    public TextTable toTextTable() {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.teacher(), r.splits(), Long.toString(r.seed()), Integer.toString(r.tested()),
                    TextTable.pct(r.rawTeacher()), TextTable.pct(r.directCompression()), TextTable.pct(r.distillation()),
                    "not reproducible", Integer.toString(r.teacherDimension()) + " / " + r.adaptedDimension(),
                    TextTable.num(r.lambda(), 2), TextTable.num(r.temperature(), 1), TextTable.num(r.seconds() / 60, 1)));
        }
        return new TextTable(TITLE,
                List.of("Teacher", "Splits", "Seed", "Held-out images", "(1) raw f_t + softmax (%)",
                        "(2) direct compression, C only (%)", "(3) cross-dataset distillation, C + lambda D (%)",
                        "(4) mixed-dataset", "Dim f_t / f_a", "lambda", "T", "Time (min)"),
                4, cells,
                List.of("(4) " + AdaptationExperiment.CASE_4_NOT_REPRODUCIBLE + ". A+B rows pool the held-out images "
                        + "of both splits' public halves (correct / tested summed)."));
    }
}
