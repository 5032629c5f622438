package org.bridge.teacher;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Teacher features on disk, so the 13,233 LFW images are run through each teacher once.
 *
 * <p>One cache file per teacher configuration ({@code <cache>/features/<key>.bin}, key = teacher,
 * model file hash and preprocessing), holding an append-only log of records
 * {@code [image key][dimension][floats]}. The image key is its path, size and modification
 * time, so an edited image is recomputed. Appending means an interrupted extraction keeps
 * everything written before it: on open, a torn last record is cut off and the next run
 * continues from there.
 */
public final class FeatureCache implements Closeable {

    private static final int MAGIC = 0x42464331; // "BFC1"

    private final Path file;
    private final Map<String, float[]> features = new HashMap<>();
    private DataOutputStream out;
    private int dimension = -1;
    private int unflushed;

    private FeatureCache(Path file) {
        this.file = file;
    }

    /**
     * Opens (or creates) the cache for one teacher configuration.
     *
     * @param configurationKey e.g. {@code V-<model hash>-fixedcrop224}; letters, digits, . _ - only
     */
    public static FeatureCache open(Path cacheRoot, String configurationKey) {
        if (!configurationKey.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("unsafe cache key: " + configurationKey);
        }
        FeatureCache c = new FeatureCache(cacheRoot.resolve("features").resolve(configurationKey + ".bin"));
        c.load();
        return c;
    }

    /** The key of an image file: its path, size and modification time. */
    public static String imageKey(Path image) {
        try {
            BasicFileAttributes a = Files.readAttributes(image, BasicFileAttributes.class);
            return image.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + image, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized int size() {
        return features.size();
    }

    public synchronized Optional<float[]> get(String imageKey) {
        return Optional.ofNullable(features.get(imageKey));
    }

    public synchronized boolean contains(String imageKey) {
        return features.containsKey(imageKey);
    }

    /** Stores a feature; it reaches the disk at the next {@link #flush()} (every 64 puts) or close. */
    public synchronized void put(String imageKey, float[] feature) {
        if (dimension < 0) {
            dimension = feature.length;
        } else if (feature.length != dimension) {
            throw new IllegalArgumentException("feature dimension " + feature.length + " differs from the cache's "
                    + dimension + " in " + file);
        }
        if (features.containsKey(imageKey)) {
            return;
        }
        features.put(imageKey, feature.clone());
        try {
            DataOutputStream o = output();
            byte[] k = imageKey.getBytes(StandardCharsets.UTF_8);
            o.writeInt(k.length);
            o.write(k);
            o.writeInt(feature.length);
            for (float f : feature) {
                o.writeFloat(f);
            }
            if (++unflushed >= 64) {
                flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature cache " + file, e);
        }
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write feature cache " + file, e);
            }
        }
        unflushed = 0;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write feature cache " + file, e);
            } finally {
                out = null;
            }
        }
    }

    private DataOutputStream output() throws IOException {
        if (out == null) {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16));
            if (fresh) {
                out.writeInt(MAGIC);
            }
        }
        return out;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException("not a Bridge feature cache: " + file + " (delete it to rebuild)");
            }
            good = 4;
            while (true) {
                int kl;
                try {
                    kl = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                if (kl <= 0 || kl > 1 << 16) {
                    break; // torn or corrupt tail: keep what came before
                }
                byte[] k = new byte[kl];
                in.readFully(k);
                int dim = in.readInt();
                if (dim <= 0 || dim > 1 << 16 || (dimension >= 0 && dim != dimension)) {
                    break;
                }
                float[] f = new float[dim];
                for (int i = 0; i < dim; i++) {
                    f[i] = in.readFloat();
                }
                dimension = dim;
                features.put(new String(k, StandardCharsets.UTF_8), f);
                good += 4 + kl + 4 + 4L * dim;
            }
        } catch (EOFException torn) {
            // An interrupted write: the partial record is cut off below.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature cache " + file, e);
        }
        try {
            if (Files.size(file) > good) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair feature cache " + file, e);
        }
    }
}
