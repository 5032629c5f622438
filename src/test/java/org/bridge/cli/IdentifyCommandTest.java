package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.data.SkippedImages;
import org.bridge.eval.IdentificationReport;
import org.bridge.eval.IdentificationResult;
import org.junit.jupiter.api.Test;

class IdentifyCommandTest {

    private static IdentificationReport report(int unreadable) {
        IdentificationResult r = new IdentificationResult("softmax", 2, 4, 1, 1, new double[] {1, 1});
        List<SkippedImages.Entry> skipped = new ArrayList<>();
        for (int i = 1; i <= unreadable; i++) {
            Path f = Path.of("faces", "Bob", i + ".jpg");
            skipped.add(new SkippedImages.Entry(f, f + ": damaged image (truncated)"));
        }
        return new IdentificationReport(r, r, 4, 0, 2,
                List.of(new IdentificationReport.LeftOutSubject("Bob", "none of its 13 gallery images could be read")),
                skipped);
    }

    @Test
    void eachUnreadableImageIsNamedUpToTheCapAndTheSubjectItCostToo() {
        List<String> lines = IdentifyCommand.leftOutLines(report(25), Path.of("out.json"));
        assertEquals(1 + IdentifyCommand.LISTED_IMAGES + 1 + 1, lines.size(), lines.toString());
        assertEquals("  skipped 25 unreadable images:", lines.get(0));
        assertEquals("    " + Path.of("faces", "Bob", "1.jpg") + ": damaged image (truncated)", lines.get(1));
        assertEquals("    and 5 more (all in out.json)", lines.get(21));
        assertEquals("  left out: Bob: none of its 13 gallery images could be read", lines.get(22));
    }

    @Test
    void aFewAreAllListed() {
        List<String> lines = IdentifyCommand.leftOutLines(report(2), null);
        assertEquals(List.of("  skipped 2 unreadable images:",
                "    " + Path.of("faces", "Bob", "1.jpg") + ": damaged image (truncated)",
                "    " + Path.of("faces", "Bob", "2.jpg") + ": damaged image (truncated)",
                "  left out: Bob: none of its 13 gallery images could be read"), lines);
    }
}
