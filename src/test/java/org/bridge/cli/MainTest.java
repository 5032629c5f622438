package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        String out = captureOut(() -> assertEquals(0, Main.run("--help")));
        for (String cmd : new String[] {"gui", "teachers", "sample-data"}) {
            assertTrue(out.contains(cmd), "help mentions " + cmd + ":\n" + out);
        }
    }

    @Test
    void versionNamesTheBuild() {
        String out = captureOut(() -> assertEquals(0, Main.run("--version")));
        assertTrue(out.startsWith("bridge 0."), out);
    }

    @Test
    void guiSnapshotOptionsAreCheckedBeforeAnyWindowOpens() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("gui", "--snapshot", "shots", "--snapshot-size", "big"));
            assertEquals(1, Main.run("gui", "--snapshot-filter", "S-16"));
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--snapshot-size must be WIDTHxHEIGHT"), text);
        assertTrue(text.contains("--snapshot-filter needs --snapshot"), text);
    }

    @Test
    void unknownCommandFails() {
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("no-such-command"));
        } finally {
            System.setErr(oldErr);
        }
    }
}
