package org.bridge.distill.fast;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Splits a loop over {@code [0, n)} into as many contiguous parts as there are threads and runs
 * them at once: the caller's thread takes part 0, daemon workers the rest. Parts are fixed by
 * (n, threads), so per-part partial sums combined in part order give the same result on every
 * call (bit for bit at a fixed thread count).
 */
final class Parallel implements AutoCloseable {

    /** The body of a loop over the part {@code [from, to)} numbered {@code part}. */
    @FunctionalInterface
    interface Range {
        void run(int part, int from, int to);
    }

    private final int threads;
    private final ExecutorService workers;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "student-step");
            t.setDaemon(true);
            return t;
        };
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemons) : null;
    }

    int threads() {
        return threads;
    }

    /** Number of parts a loop of n iterations is split into (at most one per thread, at least 1). */
    int parts(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    /** Runs {@code body} over the parts of {@code [0, n)} and waits for all of them. */
    void forRange(int n, Range body) {
        int parts = parts(n);
        if (parts == 1) {
            body.run(0, 0, n);
            return;
        }
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int part = p;
            pending.add(workers.submit(() -> body.run(part, start(n, parts, part), start(n, parts, part + 1))));
        }
        RuntimeException failure = null;
        try {
            body.run(0, 0, start(n, parts, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        // Waits for every part even when interrupted (the buffers are shared); the flag is kept for
        // the caller, which checks it between steps.
        boolean interrupted = false;
        for (Future<?> f : pending) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int start(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
