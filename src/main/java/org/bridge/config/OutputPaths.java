package org.bridge.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output path given on the command line before any work starts, so an hour of
 * evaluation does not end in a stack trace because {@code --json} names a folder. Missing
 * folders on the way are fine (the writers create them); what cannot work is refused, naming
 * the option: a folder where a file is wanted, a file where a folder is wanted or on the way,
 * a place that cannot be written.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** {@code file} (given as {@code option}) can be written as a file. */
    public static void requireWritableFile(String option, Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UserFacingException(option + " " + file + " is a folder; give a file name, e.g. "
                    + file.resolve("out.json"));
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new UserFacingException(option + " " + file + " exists and cannot be written");
        }
        requireCreatableFolder(option, file, target.getParent());
    }

    /** {@code dir} (given as {@code option}) is a folder, or can be made one, and can be written. */
    public static void requireWritableDirectory(String option, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserFacingException(option + " " + dir + " is a file; give a folder");
        }
        requireCreatableFolder(option, dir, target);
    }

    /** The nearest existing folder on the way to {@code folder} must be a folder we can write in. */
    private static void requireCreatableFolder(String option, Path given, Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing on the way exists (an unmounted root); the writer reports it
        }
        if (!Files.isDirectory(existing)) {
            throw new UserFacingException(option + " " + given + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new UserFacingException(option + " " + given + ": cannot write in " + existing);
        }
    }
}
