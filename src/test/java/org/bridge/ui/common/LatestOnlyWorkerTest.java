package org.bridge.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LatestOnlyWorkerTest {

    private final List<Integer> computed = new CopyOnWriteArrayList<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final CountDownLatch lastDelivered = new CountDownLatch(1);

    private LatestOnlyWorker<Integer, String> worker(int last) {
        return new LatestOnlyWorker<>("test-worker", (q, superseded) -> {
            computed.add(q);
            if (q == 1) {
                firstStarted.countDown();
                assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
                if (superseded.getAsBoolean()) {
                    return null; // what a long computation does when it notices
                }
            }
            if (q < 0) {
                throw new IllegalStateException("bad request " + q);
            }
            return "result " + q;
        }, Runnable::run, new LatestOnlyWorker.Listener<>() {
            @Override
            public void done(Integer request, String result) {
                delivered.add(result);
                if (request == last) {
                    lastDelivered.countDown();
                }
            }

            @Override
            public void failed(Integer request, Exception error) {
                delivered.add("failed " + error.getMessage());
                if (request == last) {
                    lastDelivered.countDown();
                }
            }
        });
    }

    @Test
    void whileBusyOnlyTheLatestRequestIsComputedAndDelivered() throws Exception {
        try (LatestOnlyWorker<Integer, String> w = worker(5)) {
            w.submit(1);
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            // A drag: four more requests while the first is still computing.
            for (int q = 2; q <= 5; q++) {
                w.submit(q);
            }
            releaseFirst.countDown();
            assertTrue(lastDelivered.await(10, TimeUnit.SECONDS));
            assertEquals(List.of(1, 5), computed, "2, 3 and 4 were overtaken before they started");
            assertEquals(List.of("result 5"), delivered, "1 was overtaken while running");
        }
    }

    @Test
    void failuresOfTheLatestRequestAreDelivered() throws Exception {
        releaseFirst.countDown();
        try (LatestOnlyWorker<Integer, String> w = worker(-7)) {
            w.submit(-7);
            assertTrue(lastDelivered.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("failed bad request -7"), delivered);
        }
    }
}
