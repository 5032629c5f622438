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
        return new BenchRow(model, model.startsWith("S-") ? "fast" : "teacher", threads, batch, requested, "16x16x3",
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
