package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line: rate over the work done while shown (not the cached start), time left. */
class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void rateCountsOnlyWorkSinceTheFirstUpdateAndEstimatesTimeLeft() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // On a terminal: redrawn in place.
        ProgressBar bar = new ProgressBar("V features", new PrintStream(buf, true, StandardCharsets.UTF_8), true, now::get);
        bar.update(1000, 5000); // 1000 already cached
        now.set(10 * SECOND);
        bar.update(1200, 5000); // 200 images in 10 s
        String out = buf.toString(StandardCharsets.UTF_8);
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("V features   [#######"), out);
        out = last;
        assertTrue(out.contains("1200/5000"), out);
        assertTrue(out.contains("20.0 images/s"), out);
        // 3,800 left at 20/s = 190 s.
        assertTrue(out.contains("3:10 left"), out);
        assertTrue(out.contains("[#######......................."), out);
    }

    @Test
    void aFullyCachedPhaseSaysSo() {
        ProgressBar bar = new ProgressBar("C features", new PrintStream(new ByteArrayOutputStream()), false, () -> 0L);
        bar.update(40, 40);
        assertTrue(bar.line(40, 40, 0).endsWith("all cached"), bar.line(40, 40, 0));
    }

    @Test
    void inALogItWritesALineAboutEveryTenthAndTheEnd() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("detect", new PrintStream(buf, true, StandardCharsets.UTF_8), false, now::get);
        for (int done = 0; done <= 1000; done += 10) {
            now.addAndGet(SECOND / 10);
            bar.update(done, 1000);
        }
        long lines = buf.toString(StandardCharsets.UTF_8).lines().count();
        assertEquals(11, lines, buf.toString(StandardCharsets.UTF_8));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("done in 0:10"));
    }

    @Test
    void clockTimeHasHoursOnlyWhenNeeded() {
        assertEquals("0:05", ProgressBar.clockTime(5));
        assertEquals("2:03", ProgressBar.clockTime(123));
        assertEquals("1:00:01", ProgressBar.clockTime(3601));
    }
}
