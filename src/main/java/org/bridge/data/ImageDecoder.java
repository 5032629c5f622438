package org.bridge.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.bridge.config.UserFacingException;

/**
 * Decodes face images to {@link RgbImage}: PGM with {@link PgmReader}, everything else (JPEG,
 * PNG, BMP) with ImageIO. Thread-safe.
 *
 * <p>ImageIO decodes a truncated JPEG without an exception: it only emits a warning ("Premature
 * end of JPEG file") and returns a partly grey picture. A warning is therefore treated as an
 * error here, so a damaged file is reported instead of silently feeding grey faces to a model.
 *
 * <p>An optional small LRU cache keeps recently decoded images (keyed by file). Cached images
 * are handed out as copies, because {@link RgbImage} is mutable and the degradation pipeline may
 * work in place.
 */
public final class ImageDecoder {

    private final int cacheCapacity;
    private final Map<Path, RgbImage> cache;

    /** A decoder without a cache. */
    public ImageDecoder() {
        this(0);
    }

    /** A decoder keeping up to {@code cacheCapacity} decoded images (0: no cache). */
    public ImageDecoder(int cacheCapacity) {
        if (cacheCapacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0: " + cacheCapacity);
        }
        this.cacheCapacity = cacheCapacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, RgbImage> eldest) {
                return size() > ImageDecoder.this.cacheCapacity;
            }
        };
    }

    public RgbImage decode(FaceRecord record) {
        return decode(record.file());
    }

    /** Decodes one file; a file that cannot be decoded is a {@link UserFacingException} naming it. */
    public RgbImage decode(Path file) {
        if (cacheCapacity > 0) {
            synchronized (cache) {
                RgbImage hit = cache.get(file);
                if (hit != null) {
                    return hit.copy();
                }
            }
        }
        RgbImage img = decodeUncached(file);
        if (cacheCapacity > 0) {
            synchronized (cache) {
                cache.put(file, img.copy());
            }
        }
        return img;
    }

    /**
     * Decodes under a policy: with {@link BadImagePolicy#FAIL} a bad image throws; with
     * {@link BadImagePolicy#SKIP} it is recorded in {@code skipped} and the result is empty.
     */
    public Optional<RgbImage> decode(FaceRecord record, BadImagePolicy policy, SkippedImages skipped) {
        try {
            return Optional.of(decode(record.file()));
        } catch (UserFacingException e) {
            if (policy == BadImagePolicy.SKIP) {
                skipped.add(record.file(), e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }

    public int cachedImages() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static RgbImage decodeUncached(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pgm")) {
            return PgmReader.read(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("image not found: " + file);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new UserFacingException("cannot open image " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UserFacingException(file + ": not a readable image (JPEG, PNG, BMP or PGM expected)");
            }
            ImageReader reader = readers.next();
            StringBuilder warnings = new StringBuilder();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (warnings.length() > 0) {
                        warnings.append("; ");
                    }
                    warnings.append(warning);
                });
                BufferedImage img = reader.read(0);
                if (warnings.length() > 0) {
                    throw new UserFacingException(file + ": damaged image (" + warnings + ")");
                }
                return RgbImage.fromBufferedImage(img);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserFacingException u) {
                throw u;
            }
            // ImageIO reports truncated PNGs and unsupported JPEG variants as IOExceptions or,
            // for some corrupt streams, as runtime exceptions from deep inside the codec.
            throw new UserFacingException(file + ": cannot decode image (" + e.getMessage() + ")", e);
        }
    }
}
