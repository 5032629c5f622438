package org.bridge.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {

    @TempDir
    Path dir;

    @Test
    void pathsTheWritersCanUseAreAccepted() throws IOException {
        OutputPaths.requireWritableFile("--json", dir.resolve("a/b/out.json"));
        OutputPaths.requireWritableFile("--json", Files.writeString(dir.resolve("old.json"), "{}"));
        OutputPaths.requireWritableFile("--json", Path.of("relative-out.json"));
        OutputPaths.requireWritableDirectory("--out", dir);
        OutputPaths.requireWritableDirectory("--out", dir.resolve("new/deeper"));
    }

    @Test
    void aFolderForAFileAndAFileForAFolderAreNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertMessage(() -> OutputPaths.requireWritableFile("--json", dir), "--json " + dir + " is a folder");
        assertMessage(() -> OutputPaths.requireWritableDirectory("--out", file), "--out " + file + " is a file");
        assertMessage(() -> OutputPaths.requireWritableFile("--json", file.resolve("x.json")),
                file + " is a file, not a folder");
        assertMessage(() -> OutputPaths.requireWritableDirectory("--out", file.resolve("a/b")),
                file + " is a file, not a folder");
    }

    @Test
    void aFolderThatCannotBeWrittenIsNamed() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root may write anywhere, so there is nothing to refuse
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permissions do not apply");
            assertMessage(() -> OutputPaths.requireWritableFile("--json", locked.resolve("out.json")),
                    "cannot write in " + locked);
            assertMessage(() -> OutputPaths.requireWritableDirectory("--out", locked.resolve("sub")),
                    "cannot write in " + locked);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable check, String part) {
        UserFacingException e = assertThrows(UserFacingException.class, check);
        assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
}
