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

    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/bridge/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
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
