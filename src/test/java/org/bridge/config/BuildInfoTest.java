package org.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

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
}
