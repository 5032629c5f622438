package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against a stand-in npm that serves a local tarball: the real registry is covered
 * by .ci/run, which fetches the real packages before the tests.
 */
class TeacherWeightsFetcherTest {

    @TempDir Path tmp;
    private Path tarball;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void makePackage() throws Exception {
        Path src = tmp.resolve("src/package/models");
        Files.createDirectories(src);
        Files.writeString(src.resolve("model.json"), "{\"format\":\"graph-model\"}");
        Files.write(src.resolve("model.bin"), new byte[] {1, 2, 3, 4});
        // A long path exercises the ustar prefix / pax handling of the tar reader.
        Path deep = tmp.resolve("src/package/" + "d".repeat(90) + "/" + "e".repeat(60));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("unused.txt"), "not extracted");
        tarball = tmp.resolve("pkg-1.0.0.tgz");
        Process p = new ProcessBuilder("tar", "czf", tarball.toString(), "-C", tmp.resolve("src").toString(), "package")
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    }

    private Path fakeNpm(String body) throws IOException {
        Path script = tmp.resolve("npm-" + System.nanoTime());
        Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private PinnedPackage pkg(String integrity) {
        return new PinnedPackage("fake@1.0.0", "fake-1.0.0", integrity,
                List.of("package/models/model.json", "package/models/model.bin"));
    }

    @Test
    void fetchesVerifiesExtractsAndIsThenANoOp() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path npm = fakeNpm("cp '" + tarball + "' ./fake-1.0.0.tgz");
        PinnedPackage pkg = pkg(TeacherWeightsFetcher.sha512Integrity(tarball));
        TeacherWeightsFetcher fetcher = new TeacherWeightsFetcher(weights, npm.toString(), log::add);

        assertEquals(TeacherWeightsFetcher.Outcome.FETCHED, fetcher.fetch(pkg));
        Path dir = weights.packageDir(pkg);
        assertEquals("{\"format\":\"graph-model\"}", Files.readString(dir.resolve("model.json")));
        assertEquals(4, Files.size(dir.resolve("model.bin")));
        assertFalse(Files.exists(dir.resolve("unused.txt")), "only the listed files are extracted");
        assertTrue(weights.isComplete(pkg));
        long before = Files.getLastModifiedTime(dir.resolve("model.bin")).toMillis();

        // Second call: npm is not even run (a failing npm proves it).
        TeacherWeightsFetcher offline = new TeacherWeightsFetcher(weights, fakeNpm("exit 7").toString(), log::add);
        assertEquals(TeacherWeightsFetcher.Outcome.ALREADY_PRESENT, offline.fetch(pkg));
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("model.bin")).toMillis());
        assertNoStagingLeft(weights);
    }

    @Test
    void checksumMismatchInstallsNothing() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path npm = fakeNpm("cp '" + tarball + "' ./fake-1.0.0.tgz");
        PinnedPackage pkg = pkg("sha512-AAAA");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> new TeacherWeightsFetcher(weights, npm.toString(), log::add).fetch(pkg));
        assertTrue(e.getMessage().contains("checksum mismatch for fake@1.0.0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(Files.exists(weights.packageDir(pkg)));
        assertNoStagingLeft(weights);
    }

    @Test
    void failedDownloadSaysWhatToDo() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path npm = fakeNpm("echo 'npm error network request failed' >&2; exit 1");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> new TeacherWeightsFetcher(weights, npm.toString(), log::add).fetch(pkg("sha512-x")));
        assertTrue(e.getMessage().contains("npm pack fake@1.0.0 failed (exit 1): npm error network request failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("retry"));
        assertNoStagingLeft(weights);
    }

    @Test
    void missingNpmSaysHowToInstallIt() {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> new TeacherWeightsFetcher(weights, tmp.resolve("no-such-npm").toString(), log::add)
                        .fetch(pkg("sha512-x")));
        assertTrue(e.getMessage().startsWith("npm was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("BRIDGE_NPM"));
    }

    @Test
    void packageMissingAFileInstallsNothing() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path npm = fakeNpm("cp '" + tarball + "' ./fake-1.0.0.tgz");
        PinnedPackage pkg = new PinnedPackage("fake@1.0.0", "fake-1.0.0", TeacherWeightsFetcher.sha512Integrity(tarball),
                List.of("package/models/model.json", "package/models/absent.bin"));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> new TeacherWeightsFetcher(weights, npm.toString(), log::add).fetch(pkg));
        assertTrue(e.getMessage().contains("absent.bin"), e.getMessage());
        assertFalse(Files.exists(weights.packageDir(pkg)));
        assertNoStagingLeft(weights);
    }

    @Test
    void twoThreadsFetchingAtOnceRunNpmOnceAndLeaveOneCompletePackage() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path calls = tmp.resolve("npm-calls");
        // A slow npm: without the lock both threads would pack, and the second move would hit the first's folder.
        Path npm = fakeNpm("echo x >> '" + calls + "'; sleep 1; cp '" + tarball + "' ./fake-1.0.0.tgz");
        PinnedPackage pkg = pkg(TeacherWeightsFetcher.sha512Integrity(tarball));
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<TeacherWeightsFetcher.Outcome> fetch =
                    () -> new TeacherWeightsFetcher(weights, npm.toString(), log::add).fetch(pkg);
            List<TeacherWeightsFetcher.Outcome> outcomes = new ArrayList<>();
            for (var f : two.invokeAll(List.of(fetch, fetch))) {
                outcomes.add(f.get());
            }
            assertTrue(outcomes.contains(TeacherWeightsFetcher.Outcome.FETCHED)
                    && outcomes.contains(TeacherWeightsFetcher.Outcome.ALREADY_PRESENT), outcomes.toString());
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, Files.readAllLines(calls).size(), "npm pack ran once");
        assertTrue(weights.isComplete(pkg));
        assertNoStagingLeft(weights);
    }

    @Test
    void fetchStepsAreReportedAsProgress() throws Exception {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"));
        Path npm = fakeNpm("cp '" + tarball + "' ./fake-1.0.0.tgz");
        PinnedPackage pkg = pkg(TeacherWeightsFetcher.sha512Integrity(tarball));
        List<String> steps = new ArrayList<>();
        new TeacherWeightsFetcher(weights, npm.toString(), log::add)
                .progress((stage, done, total) -> steps.add(done + "/" + total + " " + stage)).fetch(pkg);
        assertEquals(List.of("0/3 npm pack fake@1.0.0", "1/3 checking the sha-512 of fake@1.0.0",
                "2/3 extracting fake@1.0.0", "3/3 fake@1.0.0 fetched"), steps);
    }

    @Test
    void weightsNeededButNotFetchableAreANamedErrorSayingWhatToRun() {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"), tmp.resolve("no-such-npm").toString());
        TeacherWeightsUnavailableException e = assertThrows(TeacherWeightsUnavailableException.class,
                () -> weights.require(PinnedPackage.HUMAN, FetchProgress.NONE));
        assertTrue(e.getMessage().startsWith("the teacher weights @vladmandic/human@3.3.6 are not in "), e.getMessage());
        assertTrue(e.getMessage().contains("npm was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("teachers fetch"), e.getMessage());
        assertFalse(weights.isComplete(PinnedPackage.HUMAN));
    }

    @Test
    void loadingATeacherFromAnEmptyCacheTriesToFetchIt() {
        TeacherWeights weights = new TeacherWeights(tmp.resolve("cache"), fakeNpmUnchecked("exit 3"));
        TeacherWeightsUnavailableException e = assertThrows(TeacherWeightsUnavailableException.class,
                () -> Teachers.load(TeacherId.C, weights));
        assertTrue(e.getMessage().contains("npm pack @vladmandic/face-api@1.7.15 failed (exit 3)"), e.getMessage());
    }

    private String fakeNpmUnchecked(String body) {
        try {
            return fakeNpm(body).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertNoStagingLeft(TeacherWeights weights) throws IOException {
        if (!Files.exists(weights.weightsDir())) {
            return;
        }
        try (Stream<Path> s = Files.list(weights.weightsDir())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".staging")), "staging folder left behind");
        }
    }
}
