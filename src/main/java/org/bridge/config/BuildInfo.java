package org.bridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The version of this build and, when it can be found, the git commit it was built from. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /**
     * How the user starts Bridge's command line, as messages and help name it (there is no
     * {@code bridge} launcher on the PATH; the build makes target/bridge.jar).
     */
    public static final String COMMAND = "java -jar target/bridge.jar";

    public static String version() {
        return buildProperties().getProperty("version", "unknown");
    }

    /**
     * The commit this build (the jar or target/classes) was compiled from, with "-dirty" when
     * the work tree had uncommitted changes at build time; empty when built outside git. This,
     * not the checkout's HEAD at run time, is the code that actually trained a run: a long run
     * started from a jar keeps that jar's code while the checkout moves on.
     */
    public static Optional<String> buildCommit() {
        return buildCommit(buildProperties());
    }

    static Optional<String> buildCommit(Properties p) {
        String commit = p.getProperty("commit", "").trim();
        // Outside git the plugin sets nothing, so filtering leaves the literal placeholder.
        if (commit.isEmpty() || commit.startsWith("${")) {
            return Optional.empty();
        }
        boolean dirty = "true".equalsIgnoreCase(p.getProperty("dirty", "").trim());
        return Optional.of(commit + (dirty ? "-dirty" : ""));
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/bridge/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource reads as "unknown", like a missing one.
        }
        return p;
    }

    /**
     * The commit of the project folder (with a "-dirty" suffix when the work tree has
     * changes), or empty when this is not a git checkout. Runs record it for provenance.
     */
    public static Optional<String> gitCommit(Path repoDir) {
        if (repoDir == null || !Files.isDirectory(repoDir.resolve(".git"))) {
            return Optional.empty();
        }
        try {
            String head = run(repoDir, "git", "rev-parse", "HEAD");
            if (head == null || head.isBlank()) {
                return Optional.empty();
            }
            String status = run(repoDir, "git", "status", "--porcelain", "--untracked-files=no");
            return Optional.of(head.trim() + (status != null && !status.isBlank() ? "-dirty" : ""));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
