package org.bridge.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One face image of a face set: who it shows, its number among that person's images (LFW's
 * {@code _NNNN} suffix, 1-based) and where it lives. The image itself is decoded on demand by
 * {@link ImageDecoder}, so a data set of 13,233 records costs almost no memory.
 */
public record FaceRecord(String person, int number, Path file) {

    public FaceRecord {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(file, "file");
        if (number < 1) {
            throw new IllegalArgumentException("image numbers are 1-based, got " + number + " for " + file);
        }
    }

    /** A stable, human-readable key ({@code Person_Name/3}) for caches and reports. */
    public String key() {
        return person + "/" + number;
    }
}
