package org.bridge.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names an image file by its bytes: {@code sha256-<first 32 hex digits>-<size>}. Content, not
 * path and modification time, so a data folder that is copied, moved or re-provisioned (new
 * modification times) keeps its identity, and an edited image gets a new one. Feature caches key
 * on it, and run provenance hashes the training set with it.
 */
public final class ImageContentKey {

    public static final String PREFIX = "sha256-";

    /** Memoised per absolute path, valid while size and mtime stay the same: asking again costs a stat. */
    private static final Map<Path, String[]> MEMO = new ConcurrentHashMap<>();

    private ImageContentKey() {
    }

    public static String of(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + image, e);
        }
        String stamp = a.size() + "|" + a.lastModifiedTime().toMillis();
        String[] memo = MEMO.get(abs);
        if (memo != null && memo[0].equals(stamp)) {
            return memo[1];
        }
        String key;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(abs));
            key = PREFIX + HexFormat.of().formatHex(digest, 0, 16) + "-" + a.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        MEMO.put(abs, new String[] {stamp, key});
        return key;
    }
}
