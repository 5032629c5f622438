package org.bridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * An exclusive claim on a lock file, held by one process and, inside it, one thread at a time.
 *
 * <p>Across processes it is an OS file lock ({@link FileChannel#tryLock()}), which the OS drops
 * when the holder dies, even by kill -9: a stale claim frees itself. Java's file locks belong to
 * the whole JVM, so a registry keeps a second thread of this JVM out too; the holding thread may
 * claim again (the claim counts up and is released by the last close). While held, the file holds
 * the holder's pid, host and start time as text for humans (emptied on release); only the OS lock
 * decides who holds the claim.
 */
public final class FileClaim implements AutoCloseable {

    /** Called while waiting for another holder; may throw (e.g. on cancel) to stop waiting. */
    @FunctionalInterface
    public interface Waiting {
        void stillWaiting(String holder);
    }

    private static final long POLL_MILLIS = 200;

    /** Claims held in this JVM, by absolute lock file. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Held held;
    private boolean closed;

    private FileClaim(Held held) {
        this.held = held;
    }

    private static final class Held {
        final Path file;
        final Thread owner;
        final FileChannel channel;
        final FileLock lock;
        final String holder;
        int count = 1;

        Held(Path file, Thread owner, FileChannel channel, FileLock lock, String holder) {
            this.file = file;
            this.owner = owner;
            this.channel = channel;
            this.lock = lock;
            this.holder = holder;
        }
    }

    /** The claim if nobody else holds it, else empty (never waits). Creates the file and its folder. */
    public static Optional<FileClaim> tryClaim(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held h = HELD.get(file);
            if (h != null) {
                if (h.owner != Thread.currentThread()) {
                    return Optional.empty();
                }
                h.count++;
                return Optional.of(new FileClaim(h));
            }
            FileChannel ch = null;
            try {
                Files.createDirectories(file.getParent());
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    return Optional.empty();
                }
                long pid = ProcessHandle.current().pid();
                Instant since = Instant.now();
                String holder = "pid " + pid + " on " + HOST + ", since " + since;
                ch.truncate(0);
                ByteBuffer text = ByteBuffer.wrap(("pid=" + pid + "\nhost=" + HOST + "\nsince=" + since + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                while (text.hasRemaining()) {
                    ch.write(text, text.position());
                }
                ch.force(false);
                h = new Held(file, Thread.currentThread(), ch, lock, holder);
                HELD.put(file, h);
                return Optional.of(new FileClaim(h));
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot claim " + file, e);
            }
        }
    }

    /**
     * Waits for the claim: polls every 200 ms, telling {@code waiting} who holds it; whatever
     * {@code waiting} throws stops the wait. An interrupt stops it too, with a
     * {@link CancellationException} after {@code waiting} had its chance to throw its own.
     */
    public static FileClaim claim(Path lockFile, Waiting waiting) {
        while (true) {
            Optional<FileClaim> c = tryClaim(lockFile);
            if (c.isPresent()) {
                return c.get();
            }
            waiting.stillWaiting(holder(lockFile));
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                waiting.stillWaiting(holder(lockFile));
                throw new CancellationException("interrupted while waiting for " + lockFile);
            }
        }
    }

    /**
     * Who holds (or last held) the claim, e.g. {@code pid 4711 on host, since 2026-12-06T18:00:00Z};
     * "this process" prefixes a holder in this JVM. Read from the file for other processes.
     */
    public static String holder(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held h = HELD.get(file);
            if (h != null) {
                // Never open the file here: closing a second descriptor would drop this JVM's lock.
                return "this process: " + h.holder;
            }
        }
        try {
            // A holder writes its name just after taking the lock: give it a moment to do so.
            for (int attempt = 0; attempt < 10; attempt++) {
                Map<String, String> kv = new HashMap<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
                if (kv.containsKey("pid")) {
                    return "pid " + kv.get("pid") + " on " + kv.getOrDefault("host", "?") + ", since "
                            + kv.getOrDefault("since", "?");
                }
                Thread.sleep(20);
            }
            return "a process that has not written its pid into " + file + " yet";
        } catch (IOException e) {
            return "unknown holder (" + file + " unreadable: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown holder (interrupted while reading " + file + ")";
        }
    }

    /** What a lock file's text says of its last holder, read without taking the lock. */
    public enum HolderState {
        /** A thread of this JVM holds the claim. */
        HELD_HERE,
        /** The process named in the file, on this host, is alive (or its pid was reused). */
        ALIVE,
        /** The process named in the file ran on this host and is gone: killed without releasing. */
        GONE,
        /** No holder named (released, or not written yet), another host, or an unreadable file. */
        UNKNOWN
    }

    /**
     * Whether the holder named in {@code lockFile} still lives, from the pid and host it wrote. A
     * holder that released the claim emptied the file; one killed (even by kill -9) left its pid,
     * and the OS freed the lock. Never takes the lock, so it cannot get in a runner's way.
     */
    public static HolderState holderState(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                // Never open the file here: closing a second descriptor would drop this JVM's lock.
                return HolderState.HELD_HERE;
            }
        }
        Map<String, String> kv = new HashMap<>();
        try {
            if (!Files.isRegularFile(file)) {
                return HolderState.UNKNOWN;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            return HolderState.UNKNOWN;
        }
        if (!kv.containsKey("pid") || !HOST.equals(kv.get("host"))) {
            return HolderState.UNKNOWN;
        }
        try {
            long pid = Long.parseLong(kv.get("pid"));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? HolderState.ALIVE : HolderState.GONE;
        } catch (NumberFormatException e) {
            return HolderState.UNKNOWN;
        }
    }

    /** This machine's name as holders write it. */
    static String thisHost() {
        return HOST;
    }

    /** Releases this hold; the last release of the holding thread frees the claim. Idempotent. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            if (--held.count > 0) {
                return;
            }
            HELD.remove(held.file);
            try {
                held.channel.truncate(0);
                held.lock.release();
            } catch (IOException e) {
                // The channel's close below releases the lock anyway.
            } finally {
                closeQuietly(held.channel);
            }
        }
    }

    private static final String HOST = hostName();

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing held through it
            }
        }
    }
}
