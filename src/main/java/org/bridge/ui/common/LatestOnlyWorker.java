package org.bridge.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs requests one at a time on its own background thread, where only the latest request
 * matters: while a slider is dragged, requests that were overtaken before they started are
 * skipped, a computation that is overtaken while running can stop early (it is handed a
 * "superseded" test), and a result that is no longer the latest is never delivered. Results
 * and failures reach the listener through {@code delivery} ({@code Platform::runLater} in the
 * workbench), so the JavaFX thread only ever waits for the hand-over, never for the work.
 *
 * @param <Q> request
 * @param <R> result
 */
public final class LatestOnlyWorker<Q, R> implements AutoCloseable {

    /** The work; returns null when it noticed it was superseded and stopped. */
    @FunctionalInterface
    public interface Work<Q, R> {
        R compute(Q request, BooleanSupplier superseded) throws Exception;
    }

    /** Receives the latest request's outcome, on the delivery executor. */
    public interface Listener<Q, R> {
        void done(Q request, R result);

        void failed(Q request, Exception error);
    }

    private record Ticket<Q>(long number, Q request) {
    }

    private final ExecutorService thread;
    private final Executor delivery;
    private final Work<Q, R> work;
    private final Listener<Q, R> listener;
    private final AtomicReference<Ticket<Q>> pending = new AtomicReference<>();
    private final AtomicLong latest = new AtomicLong();

    public LatestOnlyWorker(String threadName, Work<Q, R> work, Executor delivery, Listener<Q, R> listener) {
        this.work = work;
        this.delivery = delivery;
        this.listener = listener;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            // Below the JavaFX thread, so dragging stays smooth on a busy two-core machine.
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** Asks for {@code request}; every earlier request not yet delivered is abandoned. */
    public synchronized void submit(Q request) {
        pending.set(new Ticket<>(latest.incrementAndGet(), request));
        thread.execute(this::drain);
    }

    /** Abandons every request not delivered yet: nothing arrives until the next {@link #submit}. */
    public synchronized void abandon() {
        pending.set(null);
        latest.incrementAndGet();
    }

    private void drain() {
        Ticket<Q> t = pending.getAndSet(null);
        if (t == null) {
            return; // an earlier drain already took the newest ticket
        }
        BooleanSupplier superseded = () -> latest.get() != t.number();
        R result = null;
        Exception error = null;
        try {
            result = work.compute(t.request(), superseded);
        } catch (Exception e) {
            error = e;
        }
        if (superseded.getAsBoolean() || (result == null && error == null)) {
            return;
        }
        R r = result;
        Exception e = error;
        delivery.execute(() -> {
            // A request submitted after the computation ended still overtakes this result.
            if (!superseded.getAsBoolean()) {
                if (e == null) {
                    listener.done(t.request(), r);
                } else {
                    listener.failed(t.request(), e);
                }
            }
        });
    }

    /** Stops the background thread; requests still queued are dropped. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
