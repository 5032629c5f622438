package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    private Path writeJpeg(String name) throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4 << 16) | (y * 4 << 8) | ((x + y) * 2));
            }
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "jpg", f.toFile());
        return f;
    }

    @Test
    void truncatedJpegIsAnErrorNamingTheFile() throws Exception {
        Path good = writeJpeg("good.jpg");
        byte[] bytes = Files.readAllBytes(good);
        ImageDecoder decoder = new ImageDecoder();
        assertEquals(64, decoder.decode(good).width());
        // Cut near the end, ImageIO alone returns a partly grey image with only a warning;
        // cut early, it throws. Both must be errors naming the file.
        for (int keep : new int[] {bytes.length - 40, bytes.length / 2, 200}) {
            Path cut = dir.resolve("cut" + keep + ".jpg");
            Files.write(cut, Arrays.copyOf(bytes, keep));
            UserFacingException e = assertThrows(UserFacingException.class, () -> decoder.decode(cut));
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        }
    }

    @Test
    void notAnImageAndMissingFileAreErrors() throws Exception {
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "this is not a jpeg");
        ImageDecoder decoder = new ImageDecoder();
        UserFacingException e = assertThrows(UserFacingException.class, () -> decoder.decode(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        Path missing = dir.resolve("missing.png");
        UserFacingException m = assertThrows(UserFacingException.class, () -> decoder.decode(missing));
        assertTrue(m.getMessage().contains(missing.toString()), m.getMessage());
    }

    @Test
    void skipPolicyRecordsTheBadImage() throws Exception {
        Path cut = dir.resolve("p_0001.jpg");
        byte[] bytes = Files.readAllBytes(writeJpeg("src.jpg"));
        Files.write(cut, Arrays.copyOf(bytes, 300));
        FaceRecord r = new FaceRecord("p", 1, cut);
        SkippedImages skipped = new SkippedImages();
        ImageDecoder decoder = new ImageDecoder();
        Optional<RgbImage> none = decoder.decode(r, BadImagePolicy.SKIP, skipped);
        assertTrue(none.isEmpty());
        assertEquals(1, skipped.count());
        assertTrue(skipped.contains(cut));
        assertTrue(skipped.summary().startsWith("skipped 1 image"), skipped.summary());
        assertThrows(UserFacingException.class, () -> decoder.decode(r, BadImagePolicy.FAIL, new SkippedImages()));
    }

    @Test
    void cacheHandsOutIndependentCopies() throws Exception {
        Path png = dir.resolve("a.png");
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 0, 0x0A141E);
        ImageIO.write(img, "png", png.toFile());
        ImageDecoder decoder = new ImageDecoder(2);
        RgbImage first = decoder.decode(png);
        assertEquals(10f, first.get(1, 0, 0), 0f);
        assertEquals(30f, first.get(1, 0, 2), 0f);
        first.set(1, 0, 0, 99f);
        RgbImage second = decoder.decode(png);
        assertNotSame(first, second);
        assertEquals(10f, second.get(1, 0, 0), 0f, "a caller's edit must not reach the cache");
        assertEquals(1, decoder.cachedImages());
        // Capacity 2: the least recently used entry goes.
        Path b = dir.resolve("b.png");
        Path c = dir.resolve("c.png");
        ImageIO.write(img, "png", b.toFile());
        ImageIO.write(img, "png", c.toFile());
        decoder.decode(b);
        decoder.decode(c);
        assertEquals(2, decoder.cachedImages());
    }
}
