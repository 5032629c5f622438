package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

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

    /** There is no `bridge` launcher: help and messages name the command a user can type. */
    @Test
    void helpAndMessagesNameTheJarNotABridgeLauncher() throws Exception {
        String out = captureOut(() -> assertEquals(0, Main.run("run", "--help")));
        assertTrue(out.startsWith("Usage: java -jar target/bridge.jar run "), out);

        java.util.regex.Pattern launcher = java.util.regex.Pattern.compile(
                "[\"`]bridge (gui|teachers|sample-data|protocol|degrade|run|queue|run-queued|report|verify|identify"
                        + "|teacher-eval|bench|help)\\b");
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String root : new String[] {"src/main/java", "fxml"}) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
                for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    java.util.List<String> lines = java.nio.file.Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        if (!line.startsWith("*") && !line.startsWith("//") && launcher.matcher(line).find()) {
                            found.add(f + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "user-facing text naming a `bridge` launcher:\n" + String.join("\n", found));
    }

    /** picocli formats descriptions with String.format: a bare "95% interval" prints a warning instead of help. */
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        java.util.List<String> broken = new java.util.ArrayList<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.newCommandLine());
        while (!todo.isEmpty()) {
            CommandLine cl = todo.poll();
            todo.addAll(cl.getSubcommands().values());
            PrintStream oldErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String usage;
            try {
                usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            } finally {
                System.setErr(oldErr);
            }
            String warnings = err.toString(StandardCharsets.UTF_8);
            if (warnings.contains("WARN") || usage.contains("%n")) {
                broken.add(cl.getCommandSpec().qualifiedName() + ": " + warnings.lines().findFirst().orElse("raw %n"));
            }
        }
        assertTrue(broken.isEmpty(), "help text that picocli cannot format:\n" + String.join("\n", broken));
    }

    @Test
    void versionNamesTheBuild() {
        String out = captureOut(() -> assertEquals(0, Main.run("--version")));
        assertTrue(out.startsWith("bridge 0."), out);
        assertTrue(out.contains("\ncode sha256:"), "the code fingerprint runs record: " + out);
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
