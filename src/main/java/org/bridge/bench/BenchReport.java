package org.bridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The bench result: the machine and one row per measured configuration; JSON and a text table. */
public record BenchReport(Map<String, Object> machine, List<BenchRow> rows) {

    static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeSpecialFloatingPointValues().disableHtmlEscaping().setPrettyPrinting().create();

    public String toJson() {
        return GSON.toJson(this);
    }

    public static BenchReport fromJson(String json) {
        return GSON.fromJson(json, BenchReport.class);
    }

    /**
     * Adds, to every student row, its speed relative to each teacher measured at the same thread
     * count and requested batch.
     */
    public static List<BenchRow> withSpeedups(List<BenchRow> rows) {
        List<BenchRow> out = new ArrayList<>();
        for (BenchRow r : rows) {
            if (!r.model().startsWith("S-") || r.training()) {
                out.add(r);
                continue;
            }
            Map<String, Double> s = new LinkedHashMap<>();
            for (BenchRow t : rows) {
                if (t.model().startsWith("T-") && !t.training() && t.threads() == r.threads() && t.requestedBatch() == r.requestedBatch()
                        && t.facesPerSecond() > 0) {
                    s.put(t.model(), r.facesPerSecond() / t.facesPerSecond());
                }
            }
            out.add(r.withSpeedup(s));
        }
        return out;
    }

    /** Markdown tables of the rows: inference rows, then training rows (each only when there are any). */
    public String table() {
        List<BenchRow> inference = rows.stream().filter(r -> !r.training()).toList();
        List<BenchRow> training = rows.stream().filter(BenchRow::training).toList();
        StringBuilder b = new StringBuilder();
        if (!inference.isEmpty()) {
            b.append(inferenceTable(inference));
        }
        if (!training.isEmpty()) {
            b.append(inference.isEmpty() ? "" : "\n").append(trainingTable(training));
        }
        return b.toString();
    }

    /**
     * Training rows: samples/s of whole iterations and the multiply-add rate of the deployed part
     * that implies, taking an iteration as 3x the forward multiply-adds.
     */
    private static String trainingTable(List<BenchRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| model | training path | threads | batch | samples/s (median) | spread min-max | IQR | samples/CPU-s "
                + "| CPU/wall | classifier params | forward multiply-adds/sample | GMAC/s (3x forward) | RSS MB |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            BenchRow.Spread s = r.facesPerSecondSpread();
            b.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %s | %s-%s | %s-%s | %s | %.2f | %,d | %,d | %.1f | %.0f |%n",
                    r.model(), r.path(), r.threads(), r.batch(), num(r.facesPerSecond()), num(s.min()), num(s.max()),
                    num(s.q1()), num(s.q3()), num(r.facesPerCpuSecond()), r.cpuPerWall(), r.params().classifier(),
                    r.flops().multiplyAdds(), 3.0 * r.flops().multiplyAdds() * r.facesPerSecond() / 1e9,
                    r.rssBytes() / 1e6));
        }
        return b.toString();
    }

    private static String inferenceTable(List<BenchRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| model | path | threads | batch | faces/s (median) | spread min-max | IQR | faces/CPU-s | CPU/wall "
                + "| params deployed (folded) | classifier | multiply-adds/face | model bytes | activation bytes/face "
                + "| RSS MB | x T-V | x T-C |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            BenchRow.Spread s = r.facesPerSecondSpread();
            Map<String, Double> x = r.speedupVsTeacher() == null ? Map.of() : r.speedupVsTeacher();
            b.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %s | %s-%s | %s-%s | %s | %.2f | %,d%s | %,d | %,d | %,d | %,d | %.0f | %s | %s |%n",
                    r.model(), r.path(), r.threads(), r.batch(), num(r.facesPerSecond()), num(s.min()), num(s.max()),
                    num(s.q1()), num(s.q3()), num(r.facesPerCpuSecond()), r.cpuPerWall(), r.params().deployed(),
                    r.params().deployedFolded() == null ? "" : String.format(Locale.ROOT, " (%,d)", r.params().deployedFolded()),
                    r.params().classifier(), r.flops().multiplyAdds(), r.modelBytes(), r.memoryBytesPerFace(),
                    r.rssBytes() / 1e6, ratio(x.get("T-V")), ratio(x.get("T-C"))));
        }
        return b.toString();
    }

    private static String num(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(Double r) {
        return r == null ? "" : String.format(Locale.ROOT, "%,.0fx", r);
    }
}
