package org.bridge.degrade;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.bridge.data.RgbImage;

/** JPEG re-compression at a random quality ({@link DegradationParams.Jpeg}), in memory. */
public final class JpegRecompression implements DegradationStep {

    private final DegradationParams.Jpeg params;

    public JpegRecompression(DegradationParams.Jpeg params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "jpeg";
    }

    @Override
    public void apply(RgbImage image, DegradationRandom random) {
        boolean on = random.chance(params.probability());
        int quality = random.uniformInt(params.minQuality(), params.maxQuality());
        if (on) {
            recompress(image, quality);
        }
    }

    /**
     * Encodes {@code image} (rounded to 8 bits) as a JPEG of {@code quality} 1..100 with the
     * JDK's encoder and replaces its pixels by the decoded result. Memory streams are used
     * explicitly: ImageIO's convenience methods would cache through temporary files.
     */
    public static void recompress(RgbImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100: " + quality);
        }
        byte[] bytes = encode(image.toBufferedImage(), quality);
        BufferedImage decoded = decode(bytes);
        int w = image.width();
        int h = image.height();
        int[] argb = decoded.getRGB(0, 0, w, h, null, 0, w);
        float[] d = image.data();
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            d[i * 3] = (p >> 16) & 255;
            d[i * 3 + 1] = (p >> 8) & 255;
            d[i * 3 + 2] = p & 255;
        }
    }

    static byte[] encode(BufferedImage img, int quality) {
        ImageWriter writer = first(ImageIO.getImageWritersByFormatName("jpeg"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(img.getWidth() * img.getHeight() + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static BufferedImage decode(byte[] jpeg) {
        ImageReader reader = first(ImageIO.getImageReadersByFormatName("jpeg"));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.read(0);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG decoding failed", e);
        } finally {
            reader.dispose();
        }
    }

    private static <T> T first(Iterator<T> it) {
        if (!it.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO JPEG codec");
        }
        return it.next();
    }
}
