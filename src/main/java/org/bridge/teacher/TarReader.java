package org.bridge.teacher;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.bridge.config.UserFacingException;

/**
 * Reads the entries of a POSIX (ustar) tar stream, as {@code npm pack} writes them, including
 * pax ('x') and GNU ('L') long names. Small and dependency-free on purpose: the tar libraries
 * on Maven Central need newer commons-io/commons-lang3 than DL4J pins.
 */
final class TarReader implements Closeable {

    /** One archive member. */
    record Entry(String name, long size, char type) {
        boolean regularFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private static final int BLOCK = 512;

    private final InputStream in;
    private final String source;
    private long remaining;  // unread bytes of the current entry
    private long padding;    // bytes after the current entry up to the next block

    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            String name = cString(header, 0, 100);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String magic = cString(header, 257, 6);
            if (magic.startsWith("ustar")) {
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'x' || type == 'L' || type == 'g') {
                byte[] body = in.readNBytes((int) size);
                if (body.length != size) {
                    throw truncated();
                }
                skipFully(pad);
                if (type == 'L') {
                    longName = cString(body, 0, body.length);
                } else if (type == 'x') {
                    String path = paxPath(new String(body, StandardCharsets.UTF_8));
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            remaining = size;
            padding = pad;
            return new Entry(longName != null ? longName : name, size, type);
        }
    }

    /** The current entry's bytes; reading stops at its end. */
    InputStream content() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }

            @Override
            public void close() {
                // The archive stays open for the next entry.
            }
        };
    }

    private static String paxPath(String records) {
        // Records are "<length> <key>=<value>\n".
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw truncated();
        }
        return true;
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated();
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private UserFacingException truncated() {
        return new UserFacingException("tar archive " + source + " is truncated", new EOFException());
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private long octal(byte[] b, int off, int len) {
        String s = cString(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new UserFacingException("tar archive " + source + " has a malformed header (size '" + s + "')");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
