package org.bridge.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process for tests of what two processes do to one folder: {@code java -cp <this test
 * class path> MAIN ARGS}, one OpenMP thread, its console (stdout and stderr) to a file.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path console;

    private ChildJvm(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    public static ChildJvm start(Path console, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(console.toFile()));
        for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            pb.environment().put(v, "1");
        }
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return new ChildJvm(pb.start(), console);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Its console so far. */
    public String console() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                java.nio.file.Files.newInputStream(console), StandardCharsets.UTF_8))) {
            StringBuilder b = new StringBuilder();
            r.lines().forEach(l -> b.append(l).append('\n'));
            return b.toString();
        } catch (IOException e) {
            return "(console unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until its console contains {@code text}; fails (with the console) if it ends or time runs out. */
    public void awaitConsole(String text, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!console().contains(text)) {
            if (!process.isAlive() && !console().contains(text)) {
                throw new AssertionError("the child ended (exit " + process.exitValue() + ") before printing \""
                        + text + "\":\n" + console());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the child did not print \"" + text + "\" in " + timeoutSeconds + " s:\n"
                        + console());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for it to end; returns its exit code (fails with its console after the timeout). */
    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end in " + timeoutSeconds + " s:\n" + console());
        }
        return process.exitValue();
    }

    /** kill -9: the OS ends it without any shutdown hook or finally block running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
