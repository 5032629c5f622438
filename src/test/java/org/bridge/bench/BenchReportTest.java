package org.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchRow row(String model, int threads, int batch, int requested, double fps) {
        return new BenchRow(model, model.startsWith("S-") ? "fast" : "teacher", BenchRow.INFERENCE, threads, batch,
                requested, "16x16x3",
                fps, new BenchRow.Spread(fps * 0.9, fps * 1.1, fps * 0.95, fps * 1.05, 7), fps, 1.0,
                new BenchRow.Params(100, 90L, 80L, 10, "n"), new BenchRow.Flops(1000, "m"), 2000, 3000, 4000, null);
    }

    @Test
    void jsonHasTheIssueShape() {
        List<BenchRow> rows = BenchReport.withSpeedups(List.of(row("S-16", 1, 256, 256, 6000),
                row("T-V", 1, 32, 256, 40), row("T-C", 1, 32, 256, 20), row("S-16", 2, 256, 256, 9000)));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu_model", "X");
        String json = new BenchReport(machine, rows).toJson();
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertTrue(o.has("machine"));
        JsonArray r = o.getAsJsonArray("rows");
        assertEquals(4, r.size());
        JsonObject first = r.get(0).getAsJsonObject();
        for (String key : List.of("model", "threads", "batch", "faces_per_second", "faces_per_second_spread", "params",
                "flops", "model_bytes", "memory_bytes_per_face")) {
            assertTrue(first.has(key), key + " missing in " + first);
        }
        assertEquals("S-16", first.get("model").getAsString());
        assertEquals(150.0, first.getAsJsonObject("speedup_vs_teacher").get("T-V").getAsDouble(), 1e-9);
        assertEquals(300.0, first.getAsJsonObject("speedup_vs_teacher").get("T-C").getAsDouble(), 1e-9);
        // No teacher measured at 2 threads: no ratio invented.
        assertTrue(r.get(3).getAsJsonObject().getAsJsonObject("speedup_vs_teacher").entrySet().isEmpty());
        assertFalse(r.get(1).getAsJsonObject().has("speedup_vs_teacher"));
        assertEquals(rows, BenchReport.fromJson(json).rows());
        assertTrue(new BenchReport(machine, rows).table().contains("| S-16 | fast | 1 | 256 | 6,000 |"));
    }

    private static BenchRow trainingRow(String model, String path, int threads, double samplesPerSecond) {
        return new BenchRow(model, path, BenchRow.TRAINING, threads, 256, 256, "16x16x3", samplesPerSecond,
                new BenchRow.Spread(samplesPerSecond * 0.9, samplesPerSecond * 1.1, samplesPerSecond * 0.95,
                        samplesPerSecond * 1.05, 7), samplesPerSecond * 0.6, 1.7,
                new BenchRow.Params(100, 90L, null, 129_000, "n"), new BenchRow.Flops(5_700_000, "m"), 0, 3000, 4000,
                null);
    }

    @Test
    void trainingRowsHaveTheirOwnTableAndNoTeacherRatio() {
        List<BenchRow> rows = BenchReport.withSpeedups(List.of(row("S-16", 2, 256, 256, 9000), row("T-V", 2, 32, 256, 40),
                trainingRow("S-16", "dl4j", 2, 1000), trainingRow("S-16", "fast", 2, 3000)));
        BenchReport report = new BenchReport(new LinkedHashMap<>(), rows);
        JsonObject o = JsonParser.parseString(report.toJson()).getAsJsonObject();
        JsonObject dl4j = o.getAsJsonArray("rows").get(2).getAsJsonObject();
        assertEquals("training", dl4j.get("task").getAsString());
        assertEquals("inference", o.getAsJsonArray("rows").get(0).getAsJsonObject().get("task").getAsString());
        // A training step is not comparable with a teacher's forward pass: no ratio.
        assertFalse(dl4j.has("speedup_vs_teacher"));
        assertEquals(rows, BenchReport.fromJson(report.toJson()).rows());

        String table = report.table();
        String[] parts = table.split("\n\n");
        assertEquals(2, parts.length, table);
        assertTrue(parts[0].contains("| S-16 | fast | 2 | 256 | 9,000 |"), parts[0]);
        assertFalse(parts[0].contains("| dl4j |"), parts[0]);
        assertTrue(parts[1].startsWith("| model | training path | threads | batch | samples/s (median) |"), parts[1]);
        // 3 x 5.7M multiply-adds x 3,000 samples/s = 51.3 GMAC/s.
        assertTrue(parts[1].contains("| S-16 | fast | 2 | 256 | 3,000 | 2,700-3,300 | 2,850-3,150 | 1,800 | 1.70 | "
                + "129,000 | 5,700,000 | 51.3 |"), parts[1]);
        assertTrue(parts[1].contains("| S-16 | dl4j | 2 | 256 | 1,000 |"), parts[1]);
        assertTrue(new BenchReport(new LinkedHashMap<>(), rows.subList(2, 4)).table()
                .startsWith("| model | training path |"));
    }

    @Test
    void rowsWithoutTaskReadAsInference() {
        String json = new BenchReport(new LinkedHashMap<>(), List.of(row("S-16", 1, 256, 256, 6000))).toJson()
                .replace("\"task\": \"inference\",", "");
        assertFalse(json.contains("\"task\""));
        BenchRow r = BenchReport.fromJson(json).rows().get(0);
        assertFalse(r.training());
        assertTrue(new BenchReport(new LinkedHashMap<>(), List.of(r)).table().contains("| S-16 | fast | 1 | 256 | 6,000 |"));
    }

    @Test
    void timingStatsMedianAndQuartiles() {
        TimingStats s = TimingStats.of(new double[] {5, 1, 3, 2, 4});
        assertEquals(3, s.median());
        assertEquals(1, s.min());
        assertEquals(5, s.max());
        assertEquals(2, s.q1());
        assertEquals(4, s.q3());
        assertEquals(2.5, TimingStats.of(new double[] {1, 2, 3, 4}).median());
    }
}
