package org.bridge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.BridgeLocations;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.TeacherWeightsFetcher;
import org.junit.jupiter.api.Assumptions;

/**
 * Real data and teacher weights for tests. On a developer machine without them the test is
 * skipped with a message; in CI (CI=true) it fails instead, so a green CI run means these tests
 * really ran.
 */
public final class RequiredResources {

    private RequiredResources() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The LFW folder (lfw-deepfunneled/ + pairs files). */
    public static Path lfw() {
        Path dir = BridgeLocations.fromSystem().lfwDir();
        require(Files.isDirectory(dir.resolve("lfw-deepfunneled")) && Files.isRegularFile(dir.resolve("pairs.txt")),
                "LFW not found at " + dir + " (set BRIDGE_LFW or BRIDGE_DATA)");
        return dir;
    }

    /** The ORL folder (s1..s40). */
    public static Path orl() {
        Path dir = BridgeLocations.fromSystem().orlDir();
        require(Files.isDirectory(dir.resolve("s1")), "ORL not found at " + dir + " (set BRIDGE_DATA)");
        return dir;
    }

    private static volatile String fetchFailure;

    /**
     * Fetched teacher weights. When they are missing, the test run fetches them itself once
     * (the same code as `java -jar target/bridge.jar teachers fetch`), so the README's single test command covers
     * them on a fresh machine that reaches npm.
     */
    public static synchronized TeacherWeights teacherWeights() {
        TeacherWeights w = new TeacherWeights(BridgeLocations.fromSystem().teacherCache());
        if (!w.allComplete() && fetchFailure == null) {
            try {
                new TeacherWeightsFetcher(w, TeacherWeightsFetcher.defaultNpmCommand(), System.out::println).fetchAll();
            } catch (RuntimeException e) {
                fetchFailure = e.getMessage();
            }
        }
        require(w.allComplete(), "teacher weights not in " + w.cacheRoot()
                + (fetchFailure != null ? " and fetching them failed: " + fetchFailure : "")
                + " (run `java -jar target/bridge.jar teachers fetch`)");
        return w;
    }

    private static void require(boolean present, String message) {
        if (!present) {
            if (inCi()) {
                throw new AssertionError("required in CI: " + message);
            }
            Assumptions.assumeTrue(false, "skipped: " + message);
        }
    }
}
