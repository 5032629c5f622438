package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgmReaderTest {

    @TempDir
    Path dir;

    @Test
    void plainPgmWithCommentsEverywhereInTheHeader() throws Exception {
        // Comments after the magic, between width and height, after maxval, and in the raster.
        String text = "P2 # plain grey map\n"
                + "# a whole comment line\n"
                + "3 # width\n"
                + "2\n"
                + "# maxval follows\n"
                + "15\n"
                + "0 5 10\n"
                + "# middle of the raster\n"
                + "15 3\t0\n";
        Path f = dir.resolve("small.pgm");
        Files.writeString(f, text, StandardCharsets.US_ASCII);
        RgbImage img = PgmReader.read(f);
        assertEquals(3, img.width());
        assertEquals(2, img.height());
        float[] expected = {0, 85, 170, 255, 51, 0}; // v * 255 / 15
        for (int i = 0; i < 6; i++) {
            int x = i % 3;
            int y = i / 3;
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[i], img.get(x, y, c), 1e-4, "pixel " + x + "," + y + " channel " + c);
            }
        }
    }

    @Test
    void rawPgm8And16Bit() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("P5\n# comment\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {(byte) 200, 7});
        RgbImage eight = PgmReader.parse(b.toByteArray(), "eight.pgm");
        assertEquals(200f, eight.get(0, 0, 1), 0f);
        assertEquals(7f, eight.get(1, 0, 2), 0f);

        ByteArrayOutputStream w = new ByteArrayOutputStream();
        w.write("P5 2 1 65535 ".getBytes(StandardCharsets.US_ASCII));
        w.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0x80, 0x00}); // 65535, 32768 big-endian
        RgbImage sixteen = PgmReader.parse(w.toByteArray(), "sixteen.pgm");
        assertEquals(255f, sixteen.get(0, 0, 0), 1e-3);
        assertEquals(32768f * 255f / 65535f, sixteen.get(1, 0, 0), 1e-3);
    }

    @Test
    void rawRasterStartsAfterOneWhitespaceEvenIfItLooksLikeAComment() {
        // The raster bytes '#' (35) and ' ' (32) are pixels, not a comment and a separator.
        byte[] header = "P5 # comment before width\n2 1 255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(header, header.length + 2);
        all[header.length] = '#';
        all[header.length + 1] = ' ';
        RgbImage img = PgmReader.parse(all, "c.pgm");
        assertEquals(35f, img.get(0, 0, 0), 0f);
        assertEquals(32f, img.get(1, 0, 0), 0f);
        // A comment glued to maxval (old writers) ends with the newline that separates the raster.
        byte[] glued = "P5 1 1 255# the raster follows\n*".getBytes(StandardCharsets.US_ASCII);
        assertEquals(42f, PgmReader.parse(glued, "g.pgm").get(0, 0, 0), 0f);
    }

    @Test
    void truncatedRawPgmNamesTheFile() throws Exception {
        Path f = dir.resolve("cut.pgm");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("P5\n4 4\n255\n".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[10]); // 16 needed
        Files.write(f, b.toByteArray());
        UserFacingException e = assertThrows(UserFacingException.class, () -> PgmReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("10 of 16"), e.getMessage());
    }

    @Test
    void truncatedPlainPgmNamesFileAndLine() throws Exception {
        Path f = dir.resolve("cut2.pgm");
        Files.writeString(f, "P2\n2 2\n9\n1 2\n3\n", StandardCharsets.US_ASCII);
        UserFacingException e = assertThrows(UserFacingException.class, () -> PgmReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 5") && e.getMessage().contains("3 of 4"), e.getMessage());
    }

    @Test
    void badValuesNameTheLine() {
        UserFacingException above = assertThrows(UserFacingException.class,
                () -> PgmReader.parse("P2\n1 2\n9\n1\n10\n".getBytes(StandardCharsets.US_ASCII), "hi.pgm"));
        assertTrue(above.getMessage().contains("hi.pgm: line 5") && above.getMessage().contains("above maxval"),
                above.getMessage());
        UserFacingException word = assertThrows(UserFacingException.class,
                () -> PgmReader.parse("P2\n# c\nwide 2\n9\n".getBytes(StandardCharsets.US_ASCII), "w.pgm"));
        assertTrue(word.getMessage().contains("line 3") && word.getMessage().contains("width"), word.getMessage());
        UserFacingException magic = assertThrows(UserFacingException.class,
                () -> PgmReader.parse("P6\n1 1\n255\nabc".getBytes(StandardCharsets.US_ASCII), "m.pgm"));
        assertTrue(magic.getMessage().contains("P2 or P5"), magic.getMessage());
        UserFacingException maxval = assertThrows(UserFacingException.class,
                () -> PgmReader.parse("P5 1 1 70000 xx".getBytes(StandardCharsets.US_ASCII), "x.pgm"));
        assertTrue(maxval.getMessage().contains("maxval 70000"), maxval.getMessage());
    }
}
