package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.eval.IdentificationReport;
import org.bridge.eval.IdentificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentifyCompareCommandTest {

    @TempDir
    Path dir;

    /** An identify --json report of {@code ranks} over probes of Ann, Bob, Ann, Bob, ... */
    private Path report(String name, String policy, int... ranks) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            subjects.add(i % 2 == 0 ? "Ann" : "Bob");
        }
        double top1 = Arrays.stream(ranks).filter(r -> r == 1).count() / (double) ranks.length;
        IdentificationResult soft = new IdentificationResult("softmax", 2, ranks.length, top1, 1, new double[] {top1, 1},
                ranks, subjects);
        IdentificationReport r = new IdentificationReport(soft, soft, 4, 0, 2, List.of(), List.of());
        JsonObject o = r.toJson();
        o.addProperty("model", "S-16-x");
        JsonObject box = new JsonObject();
        box.addProperty("policy", policy);
        o.add("face_box", box);
        Path f = dir.resolve(name);
        Files.writeString(f, o.toString());
        return f;
    }

    private record Console(int rc, String out, String err) {

        static Console run(String... args) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                int rc = Main.run(args);
                return new Console(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    @Test
    void reportsEachSideAndThePairedDifference() throws Exception {
        int[] good = new int[40];
        int[] worse = new int[40];
        Arrays.fill(good, 1);
        Arrays.fill(worse, 1);
        Arrays.fill(worse, 0, 10, 3); // the baseline misses 10 of the 40 probes
        Path a1 = report("a1.json", "detector", good);
        Path a2 = report("a2.json", "detector", good);
        Path b1 = report("b1.json", "auto", worse);
        Console c = Console.run("identify-compare", a1.toString(), a2.toString(), "--baseline", b1.toString());
        assertEquals(0, c.rc(), c.err());
        assertTrue(c.out().contains("softmax top-1 on 40 probes"), c.out());
        assertTrue(c.out().contains("  S-16-x (face box detector): 100.00 / 100.00%, mean 100.00 \u00b1 0.00% (2 reports)"), c.out());
        assertTrue(c.out().contains("  baseline S-16-x (face box auto): 75.00%, mean 75.00 \u00b1 0.00% (1 report)"), c.out());
        assertTrue(c.out().contains("  difference: +25.00 ["), c.out());
        assertTrue(c.out().contains("points, holds"), c.out());
    }

    @Test
    void theLabelSaysWhenTheFeatureWasFlipAveraged() {
        JsonObject o = new JsonObject();
        o.addProperty("model", "S-16-sc-E+pca");
        assertEquals("S-16-sc-E+pca", IdentifyCompareCommand.label(o));
        o.addProperty("flip_average", false);
        assertEquals("S-16-sc-E+pca", IdentifyCompareCommand.label(o));
        o.addProperty("flip_average", true);
        JsonObject box = new JsonObject();
        box.addProperty("policy", "auto");
        o.add("face_box", box);
        assertEquals("S-16-sc-E+pca+flip (face box auto)", IdentifyCompareCommand.label(o));
    }

    @Test
    void reportsThatCannotBePairedAreRefusedByName() throws Exception {
        Path a = report("a.json", "whole", 1, 1, 2, 1);
        Path shorter = report("short.json", "whole", 1, 1);
        Console c = Console.run("identify-compare", a.toString(), "--baseline", shorter.toString());
        assertTrue(c.rc() != 0 && c.err().contains(shorter + " ranks other probes than " + a), c.err());

        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"softmax\": {\"top1\": 0.5}}");
        c = Console.run("identify-compare", a.toString(), "--baseline", old.toString());
        assertTrue(c.rc() != 0 && c.err().contains(old + " has no per-probe ranks"), c.err());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"softmax\": ");
        c = Console.run("identify-compare", broken.toString(), "--baseline", a.toString());
        assertTrue(c.rc() != 0 && c.err().contains(broken + ": malformed JSON"), c.err());
    }
}
