package org.bridge.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;

/**
 * Reads grey PGM images (Netpbm), both plain {@code P2} (ASCII numbers) and raw {@code P5}
 * (binary; ORL uses it). Java's ImageIO has no PGM reader, and the format is small enough that
 * our own strict reader is simpler than a plugin.
 *
 * <p>Header: magic, width, height, maxval, separated by whitespace, with {@code #} comments to
 * the end of the line allowed anywhere between the tokens. maxval is 1..65535; samples are one
 * byte when maxval < 256 and two bytes big-endian otherwise (P5). Samples are rescaled to
 * 0..255 ({@code v * 255 / maxval}) and copied to the three channels of an {@link RgbImage}.
 * Only the first image of a multi-image file is read.
 *
 * <p>Every problem (wrong magic, bad or missing header value, sample above maxval, truncated
 * pixel data) is a {@link UserFacingException} naming the file and, for text, the line.
 */
public final class PgmReader {

    private final byte[] bytes;
    private final String source;
    private int pos;
    private int line = 1;
    private int lastTokenLine = 1;

    private PgmReader(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    public static RgbImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses PGM bytes; {@code source} names the file in error messages. */
    public static RgbImage parse(byte[] bytes, String source) {
        return new PgmReader(bytes, source).parse();
    }

    private RgbImage parse() {
        if (bytes.length < 2 || bytes[0] != 'P' || (bytes[1] != '2' && bytes[1] != '5')) {
            throw error("not a PGM image: it must start with P2 or P5");
        }
        boolean plain = bytes[1] == '2';
        pos = 2;
        if (pos < bytes.length && !isWhitespace(bytes[pos]) && bytes[pos] != '#') {
            throw error("not a PGM image: the magic number P" + (char) bytes[1] + " must be followed by whitespace");
        }
        int width = headerNumber("width", 1, Integer.MAX_VALUE);
        int height = headerNumber("height", 1, Integer.MAX_VALUE);
        int maxval = headerNumber("maxval", 1, 65535);
        long pixels = (long) width * height;
        if (pixels * 3 > Integer.MAX_VALUE - 8) {
            throw error("image of " + width + "x" + height + " is too large");
        }
        float[] data = new float[(int) pixels * 3];
        float scale = 255f / maxval;
        if (plain) {
            for (int i = 0; i < pixels; i++) {
                int v = plainSample(i, (int) pixels, maxval);
                fill(data, i, v * scale);
            }
        } else {
            // Exactly one whitespace byte separates maxval from the raster.
            if (pos >= bytes.length) {
                throw error("truncated: no pixel data after the header");
            }
            if (bytes[pos] == '#') {
                // A comment between maxval and the raster: the newline that ends it is the separator.
                while (pos < bytes.length && bytes[pos] != '\n' && bytes[pos] != '\r') {
                    pos++;
                }
            }
            pos++;
            int bytesPerSample = maxval < 256 ? 1 : 2;
            long needed = pixels * bytesPerSample;
            if (bytes.length - pos < needed) {
                throw error("truncated: pixel data has " + (bytes.length - pos) + " of " + needed + " bytes ("
                        + width + "x" + height + ", maxval " + maxval + ")");
            }
            for (int i = 0; i < pixels; i++) {
                int v = bytesPerSample == 1 ? (bytes[pos] & 255) : ((bytes[pos] & 255) << 8) | (bytes[pos + 1] & 255);
                pos += bytesPerSample;
                if (v > maxval) {
                    throw error("pixel " + i + " has value " + v + " above maxval " + maxval);
                }
                fill(data, i, v * scale);
            }
        }
        return new RgbImage(width, height, data);
    }

    private static void fill(float[] data, int i, float v) {
        data[i * 3] = v;
        data[i * 3 + 1] = v;
        data[i * 3 + 2] = v;
    }

    private int headerNumber(String what, int min, int max) {
        skipWhitespaceAndComments();
        if (pos >= bytes.length) {
            throw error("truncated header: missing " + what);
        }
        long v = number(what);
        if (v < min || v > max) {
            throw error("line " + line + ": " + what + " " + v + " is out of range " + min + ".." + max);
        }
        return (int) v;
    }

    private int plainSample(int index, int total, int maxval) {
        skipWhitespaceAndComments();
        if (pos >= bytes.length) {
            throw error("truncated: the file ends on line " + lastTokenLine + " after " + index + " of " + total
                    + " pixel values");
        }
        long v = number("pixel value");
        if (v > maxval) {
            throw error("line " + line + ": pixel value " + v + " is above maxval " + maxval);
        }
        return (int) v;
    }

    /** A decimal number at pos; stops at whitespace, '#' or end of file. */
    private long number(String what) {
        int start = pos;
        lastTokenLine = line;
        long v = 0;
        while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
            if (pos - start >= 10) {
                throw error("line " + line + ": " + what + " has too many digits");
            }
            v = v * 10 + (bytes[pos] - '0');
            pos++;
        }
        if (pos == start || (pos < bytes.length && !isWhitespace(bytes[pos]) && bytes[pos] != '#')) {
            int end = Math.min(bytes.length, Math.max(pos, start) + 1);
            String found = new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            throw error("line " + line + ": expected " + what + " (a decimal number), found '" + found + "'");
        }
        return v;
    }

    private void skipWhitespaceAndComments() {
        while (pos < bytes.length) {
            byte b = bytes[pos];
            if (b == '#') {
                while (pos < bytes.length && bytes[pos] != '\n' && bytes[pos] != '\r') {
                    pos++;
                }
            } else if (isWhitespace(b)) {
                if (b == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
    }

    private UserFacingException error(String problem) {
        return new UserFacingException(source + ": " + problem);
    }
}
