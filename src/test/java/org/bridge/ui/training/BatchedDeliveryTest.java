package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bridge.ui.runs.BatchedDelivery;
import org.junit.jupiter.api.Test;

/** The hand-over from the training thread: everything arrives, in order, in few batches. */
class BatchedDeliveryTest {

    @Test
    void manyItemsArriveInOrderInAFewBatches() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService consumer = Executors.newSingleThreadExecutor(); // stands in for the JavaFX thread
        List<Integer> received = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        int n = 20_000;
        CountDownLatch all = new CountDownLatch(n);
        BatchedDelivery<Integer> d = new BatchedDelivery<>(timer, consumer, 50, batch -> {
            batchSizes.add(batch.size());
            received.addAll(batch);
            batch.forEach(i -> all.countDown());
        });
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            d.offer(i);
            if (i % 2000 == 0) {
                Thread.sleep(20); // a producer that pauses, like training between epochs
            }
        }
        assertTrue(all.await(10, TimeUnit.SECONDS), "all items delivered");
        double seconds = (System.nanoTime() - start) / 1e9;
        consumer.submit(() -> { }).get();
        for (int i = 0; i < n; i++) {
            assertEquals(i, received.get(i));
        }
        // At most one hand-over per 50 ms period (+1 for the tail), never one per item.
        assertTrue(batchSizes.size() <= seconds / 0.05 + 2, batchSizes.size() + " batches in " + seconds + " s");
        assertTrue(batchSizes.size() < n / 100, "batched: " + batchSizes.size());
        timer.shutdownNow();
        consumer.shutdownNow();
    }

    @Test
    void nothingIsScheduledWhileNothingArrives() throws Exception {
        // The timer thread adds to it, so a thread-safe list; waits are for the timer to have
        // fired (up to 10 s on a loaded machine), never a fixed sleep that a busy CI can outlast.
        List<Runnable> scheduled = new CopyOnWriteArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<List<String>> batches = new ArrayList<>();
        BatchedDelivery<String> d = new BatchedDelivery<>(timer, scheduled::add, 10, batches::add);
        Thread.sleep(50);
        assertEquals(0, scheduled.size());
        d.offer("a");
        d.offer("b");
        awaitSize(scheduled, 1);
        Thread.sleep(50);
        assertEquals(1, scheduled.size(), "one hand-over for both items");
        scheduled.get(0).run();
        assertEquals(List.of(List.of("a", "b")), batches);
        d.offer("c");
        awaitSize(scheduled, 2);
        assertEquals(2, scheduled.size(), "the next item schedules the next hand-over");
        timer.shutdownNow();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
