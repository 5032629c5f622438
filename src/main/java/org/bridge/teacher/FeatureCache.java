package org.bridge.teacher;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bridge.config.FileClaim;
import org.bridge.data.ImageContentKey;

/**
 * Teacher features on disk, so the 13,233 LFW images are run through each teacher once.
 *
 * <p>One cache file per teacher configuration ({@code <cache>/features/<key>.bin}, key = teacher,
 * model file hash and preprocessing), holding an append-only log of records
 * {@code [image key][dimension][floats]}. The image key is a hash of the image's bytes
 * ({@link #imageKey}), so an edited image is recomputed and a moved or re-copied data folder is
 * not. Appending means an interrupted extraction keeps everything written before it: on open, a
 * torn last record is cut off and the next run continues from there. One process at a time
 * computes into a cache ({@link #lockForWriting}, an OS lock on {@code <key>.bin.lock}); another
 * waits, then finds the first one's features cached.
 */
public final class FeatureCache implements Closeable {

    private static final int MAGIC = 0x42464331; // "BFC1"

    private final Path file;
    private final Map<String, float[]> features = new HashMap<>();
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
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
        c.migrateLegacyKeys();
        return c;
    }

    /** The key of an image file: its content key ({@link ImageContentKey}), so re-provisioned data keeps its features. */
    public static String imageKey(Path image) {
        return ImageContentKey.of(image);
    }

    private static final String CONTENT_PREFIX = ImageContentKey.PREFIX;

    /**
     * Records written by versions that keyed images by {@code path|size|mtime}: re-keyed by content
     * when the file is still there unchanged (so no feature is computed twice), dropped otherwise
     * (the old key said the image changed). The file is then rewritten (atomically) with content
     * keys only, so this happens once.
     */
    private void migrateLegacyKeys() {
        List<String> legacy = features.keySet().stream()
                .filter(k -> !k.startsWith(CONTENT_PREFIX) && k.indexOf('|') > 0).toList();
        if (legacy.isEmpty()) {
            return;
        }
        for (String old : legacy) {
            float[] f = features.remove(old);
            int b = old.lastIndexOf('|');
            int a = b > 0 ? old.lastIndexOf('|', b - 1) : -1;
            if (a <= 0) {
                continue;
            }
            try {
                Path image = Path.of(old.substring(0, a));
                if (Files.isRegularFile(image)) {
                    BasicFileAttributes attrs = Files.readAttributes(image, BasicFileAttributes.class);
                    if (old.equals(image + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis())) {
                        features.putIfAbsent(imageKey(image), f);
                    }
                }
            } catch (IOException | java.nio.file.InvalidPathException | UncheckedIOException gone) {
                // Unreadable now: the record is simply not carried over.
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".rekey.tmp");
        synchronized (jvmLock(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                rewrite(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite feature cache " + file + " with content keys", e);
            }
        }
    }

    private void rewrite(Path tmp) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            o.writeInt(MAGIC);
            for (Map.Entry<String, float[]> e : features.entrySet()) {
                writeRecord(o, e.getKey(), e.getValue());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeRecord(DataOutputStream o, String imageKey, float[] feature) throws IOException {
        byte[] k = imageKey.getBytes(StandardCharsets.UTF_8);
        o.writeInt(k.length);
        o.write(k);
        o.writeInt(feature.length);
        for (float f : feature) {
            o.writeFloat(f);
        }
    }

    public Path file() {
        return file;
    }

    /** The lock file of {@link #lockForWriting}: {@code <key>.bin.lock} next to the cache. */
    public Path writingLockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * Makes this the one writer of the cache until the returned handle is closed: waits while
     * another process (or another cache object of this JVM) holds the cache's lock file, telling
     * {@code waiting} who it is (whatever {@code waiting} throws ends the wait), then re-reads the
     * file, so the features the other writer stored count as cached. A caller checks what is still
     * missing after this and computes only that: two runs filling one cache compute each image once.
     * The lock is an OS file lock, so a writer that was killed does not block the next one.
     */
    public Writing lockForWriting(FileClaim.Waiting waiting) {
        FileClaim claim = FileClaim.claim(writingLockFile(), waiting);
        try {
            synchronized (this) {
                load();
            }
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        return new Writing(claim);
    }

    /** The cache's writing lock, held; closing flushes the features stored meanwhile, then releases it. */
    public final class Writing implements AutoCloseable {
        private final FileClaim claim;

        private Writing(FileClaim claim) {
            this.claim = claim;
        }

        @Override
        public void close() {
            try {
                flush();
            } finally {
                claim.close();
            }
        }
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
            writeRecord(new DataOutputStream(pending), imageKey, feature);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer a feature for " + file, e);
        }
        if (++unflushed >= 64) {
            flush();
        }
    }

    /**
     * Appends the buffered records in one locked write. Two runs (two JVMs) may fill the same cache
     * at once: the lock keeps their records whole, so neither sees the other's as a torn tail.
     */
    public synchronized void flush() {
        if (pending.size() == 0) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            synchronized (jvmLock(file)) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                     FileLock lock = ch.lock()) {
                    if (ch.size() == 0) {
                        writeFully(ch, ByteBuffer.allocate(4).putInt(MAGIC).flip());
                    }
                    writeFully(ch, ByteBuffer.wrap(pending.toByteArray()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature cache " + file, e);
        }
        pending.reset();
        unflushed = 0;
    }

    @Override
    public synchronized void close() {
        flush();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** One monitor per cache file in this JVM: Java's file locks are per process, not per thread. */
    private static Object jvmLock(Path file) {
        return JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
    }

    private static final Map<Path, Object> JVM_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        synchronized (jvmLock(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                long good = read(ch);
                if (ch.size() > good) {
                    // A torn or corrupt tail (a killed writer): keep what came before.
                    ch.truncate(good);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read feature cache " + file, e);
            }
        }
    }

    /** Reads the records; returns the length of the whole ones. */
    private long read(FileChannel ch) throws IOException {
        long good = 0;
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                java.nio.channels.Channels.newInputStream(ch), 1 << 16));
        try {
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
                    break;
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
            // An interrupted write: the partial record is cut off by the caller.
        }
        return good;
    }
}
