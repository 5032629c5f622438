package org.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInfoTest {

    private static Properties props(String commit, String dirty) {
        Properties p = new Properties();
        p.setProperty("version", "1");
        p.setProperty("commit", commit);
        p.setProperty("dirty", dirty);
        return p;
    }

    @Test
    void aBuildOutsideGitHasNoBuildCommit() {
        // What resource filtering leaves when git-commit-id found no repository.
        assertEquals(Optional.empty(), BuildInfo.buildCommit(props("${git.commit.id}", "${git.dirty}")));
        assertEquals(Optional.empty(), BuildInfo.buildCommit(props("", "")));
    }

    @Test
    void aDirtyBuildSaysSo() {
        String c = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(Optional.of(c), BuildInfo.buildCommit(props(c, "false")));
        assertEquals(Optional.of(c + "-dirty"), BuildInfo.buildCommit(props(c, "true")));
    }

    @Test
    void thisBuildRecordsTheCheckoutsCommit() {
        // Tests run from a build of this checkout (CI clones it), so the build commit must be
        // filled in and be the commit the checkout is at.
        Path repo = Path.of("").toAbsolutePath();
        Optional<String> head = BuildInfo.gitCommit(repo);
        if (!Files.isDirectory(repo.resolve(".git")) || head.isEmpty()) {
            return; // built from an export without git: nothing to compare (aBuildOutsideGit... covers it)
        }
        Optional<String> built = BuildInfo.buildCommit();
        assertTrue(built.isPresent(), "version.properties has no build commit; is git-commit-id-maven-plugin running?");
        assertEquals(head.get().substring(0, 40), built.get().substring(0, 40));
    }

    @Test
    void theCodeFingerprintIsTheCodeNotTheCommitOrThePackaging(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        write(classes, "org/bridge/A.class", "a");
        write(classes, "org/bridge/x/B.class", "b");
        write(classes, "org/bridge/version.properties", "commit=1111111");
        write(classes, "simplelogger.properties", "not ours");
        Path jar = dir.resolve("bridge.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            // Another order, another commit, a folder entry and a manifest: the same code.
            entry(z, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0");
            entry(z, "org/bridge/version.properties", "commit=2222222\ndirty=true");
            z.putNextEntry(new ZipEntry("org/bridge/x/"));
            z.closeEntry();
            entry(z, "org/bridge/x/B.class", "b");
            entry(z, "org/bridge/A.class", "a");
        }
        Optional<String> f = BuildInfo.fingerprintOf(classes);
        assertTrue(f.isPresent() && f.get().matches("sha256:[0-9a-f]{64}"), f.toString());
        assertEquals(f, BuildInfo.fingerprintOf(jar));

        write(classes, "org/bridge/x/B.class", "B");
        assertTrue(!f.equals(BuildInfo.fingerprintOf(classes)), "one changed class changes it");
        assertEquals(Optional.empty(), BuildInfo.fingerprintOf(dir.resolve("missing.jar")));
    }

    @Test
    void thisBuildHasACodeFingerprint() {
        // Tests run from target/classes: its code must hash, or runs would record "unknown".
        assertTrue(BuildInfo.codeFingerprint().orElse("").startsWith("sha256:"), BuildInfo.codeFingerprint().toString());
    }

    private static void write(Path root, String name, String text) throws Exception {
        Path f = root.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static void entry(ZipOutputStream z, String name, String text) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
