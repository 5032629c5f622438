package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

/** Each setting names the JSON path it changes, accepts its record's whole range, and keeps ranges ordered. */
class DegradationSettingTest {

    private static JsonElement at(DegradationParams p, String path) {
        JsonObject o = JsonParser.parseString(p.toJson()).getAsJsonObject();
        String[] parts = path.split("\\.");
        return o.getAsJsonObject(parts[0]).get(parts[1]);
    }

    @Test
    void everySettingChangesExactlyItsOwnJsonPathAndReadsBackWhatItSet() {
        DegradationParams d = DegradationParams.defaults();
        for (DegradationSetting s : DegradationSetting.values()) {
            double v = s.min() + 0.5 * (s.max() - s.min());
            double expected = s.path().endsWith("Quality") ? Math.round(v) : v;
            DegradationParams changed = s.with(d, v);
            assertEquals(expected, s.get(changed), 1e-12, s.name());
            assertEquals(expected, at(changed, s.path()).getAsDouble(), 1e-12, s + " writes " + s.path());
            // The file reads back to the same parameters.
            assertEquals(changed, DegradationParams.fromJson(changed.toJson(), "test"), s.name());
            // Both ends of the range are accepted by the record.
            s.with(d, s.min());
            s.with(d, s.max());
        }
    }

    @Test
    void aMinimumAboveTheMaximumRaisesTheMaximumAndTheReverse() {
        DegradationParams d = DegradationParams.defaults();
        DegradationParams up = DegradationSetting.MIN_SIGMA.with(d.withGaussianBlur(new DegradationParams.GaussianBlur(1, 0.5, 1)), 3);
        assertEquals(3, up.gaussianBlur().minSigma());
        assertEquals(3, up.gaussianBlur().maxSigma());
        DegradationParams down = DegradationSetting.MAX_QUALITY.with(d.withJpeg(new DegradationParams.Jpeg(1, 60, 90)), 40);
        assertEquals(40, down.jpeg().minQuality());
        assertEquals(40, down.jpeg().maxQuality());
        assertTrue(DegradationSetting.values()[0].path().startsWith("jitter"), "pipeline order");
    }
}
