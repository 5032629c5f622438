package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.junit.jupiter.api.Test;

/** The console of run and of a child JVM: what a child's console.log and a CI log read like. */
class ConsoleRunListenerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void redirectedOutputGetsWholeLinesAtMostEvery30SecondsPerStage() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleRunListener p = new ConsoleRunListener(
                new PrintStream(buf, true, StandardCharsets.UTF_8), false, now::get);
        for (int i = 0; i <= 100; i++) {
            now.set(i * SECOND); // 1 % per second: lines at 0, 31, 62, 93 s and the end
            p.status(null, "degrading public faces", i / 100.0);
        }
        p.status(null, "training", 0);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r"), out);
        assertEquals(String.join(System.lineSeparator(),
                "  degrading public faces 0.0%",
                "  degrading public faces 31.0%",
                "  degrading public faces 62.0%",
                "  degrading public faces 93.0%",
                "  degrading public faces 100.0%",
                "  training 0.0%", ""), out);
    }

    @Test
    void aLossTheSupervisionDoesNotHaveIsLeftOutNotPrintedAsNaN() {
        assertEquals("loss 1.5778 (class 0.4501)", ConsoleRunListener.describeLosses(
                new EpochSummary("c", 3, 12, 1.5778, 0.4501, Double.NaN, 174, null)));
        assertEquals("loss 4.0000 (regression 3.9730)", ConsoleRunListener.describeLosses(
                new EpochSummary("s", 3, 12, 4.0, Double.NaN, 3.973, 174, null)));
        assertEquals("loss 5.4502 (class 0.2765, regression 3.9730)", ConsoleRunListener.describeLosses(
                new EpochSummary("sc", 2, 12, 5.4502, 0.2765, 3.973, 198, null)));
    }
}
