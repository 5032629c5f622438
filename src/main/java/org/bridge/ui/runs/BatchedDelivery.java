package org.bridge.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items produced on any thread to one consumer thread in batches: items go into a
 * concurrent queue, and at most one hand-over per period is scheduled, which then delivers every
 * pending item at once. Training reports hundreds of losses per second; the JavaFX thread sees a
 * few lists per second ({@code Platform.runLater} at most once per period), never one call per
 * point. Nothing is scheduled while nothing arrives.
 *
 * @param <T> item
 */
public final class BatchedDelivery<T> {

    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Executor consumerThread;
    private final long periodMillis;
    private final Consumer<List<T>> consumer;

    /**
     * @param timer          waits out the period (any scheduler; the workbench uses one daemon thread)
     * @param consumerThread where batches are delivered ({@code Platform::runLater})
     * @param periodMillis   how long items may wait, at most one hand-over per period
     * @param consumer       receives each non-empty batch, in arrival order
     */
    public BatchedDelivery(ScheduledExecutorService timer, Executor consumerThread, long periodMillis,
                           Consumer<List<T>> consumer) {
        this.timer = timer;
        this.consumerThread = consumerThread;
        this.periodMillis = periodMillis;
        this.consumer = consumer;
    }

    /** Thread-safe; never blocks. */
    public void offer(T item) {
        pending.add(item);
        if (scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> consumerThread.execute(this::deliver), periodMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The window is gone: nobody to show it to, and the producer (a run) must not fail for it.
            }
        }
    }

    /** Delivers whatever is pending now (also used on the consumer thread to flush before reading state). */
    public void deliver() {
        // Reset first: an item offered while we drain schedules the next hand-over itself.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item; (item = pending.poll()) != null; ) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
