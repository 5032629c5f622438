package org.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClaimTest {

    @TempDir Path tmp;

    @Test
    void aSecondThreadOfThisProcessIsRefusedAndTheHolderMayClaimAgain() throws Exception {
        Path lock = tmp.resolve("run").resolve("run.lock");
        try (FileClaim held = FileClaim.tryClaim(lock).orElseThrow()) {
            assertTrue(Files.readString(lock).contains("pid=" + ProcessHandle.current().pid()), Files.readString(lock));
            // Java's file locks belong to the JVM: without the registry the second thread would get it too.
            assertEquals(false, CompletableFuture.supplyAsync(() -> FileClaim.tryClaim(lock).isPresent())
                    .get(10, TimeUnit.SECONDS));
            assertTrue(FileClaim.holder(lock).startsWith("this process: pid " + ProcessHandle.current().pid()),
                    FileClaim.holder(lock));
            // The holding thread again (a queue runner claims, then the runner it calls claims too).
            FileClaim.tryClaim(lock).orElseThrow().close();
            assertEquals(false, CompletableFuture.supplyAsync(() -> FileClaim.tryClaim(lock).isPresent())
                    .get(10, TimeUnit.SECONDS), "the inner close does not release the outer claim");
        }
        Optional<FileClaim> other = CompletableFuture.supplyAsync(() -> FileClaim.tryClaim(lock)).get(10, TimeUnit.SECONDS);
        assertTrue(other.isPresent(), "released by the last close");
        other.get().close();
        assertEquals("", Files.readString(lock), "a free claim names nobody");
    }

    @Test
    void aWaiterGetsTheClaimWhenItIsReleasedAndCanStopWaiting() throws Exception {
        Path lock = tmp.resolve("cache.lock");
        CountDownLatch waiting = new CountDownLatch(1);
        FileClaim held = FileClaim.tryClaim(lock).orElseThrow();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (FileClaim c = FileClaim.claim(lock, holder -> waiting.countDown())) {
                return c != null;
            }
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        held.close();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));

        try (FileClaim again = FileClaim.tryClaim(lock).orElseThrow()) {
            AtomicInteger polls = new AtomicInteger();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> FileClaim.claim(lock, holder -> {
                if (polls.incrementAndGet() == 3) {
                    throw new IllegalStateException("cancelled");
                }
            }).close());
            ExecutionException e = assertThrows(ExecutionException.class, () -> stopped.get(10, TimeUnit.SECONDS));
            assertEquals("cancelled", e.getCause().getMessage(), "what the callback throws ends the wait");
            assertEquals(3, polls.get());
        }
    }

    @Test
    void aClaimOfAKilledProcessIsFreeAgain() throws Exception {
        Path lock = tmp.resolve("run.lock");
        try (ChildJvm child = ChildJvm.start(tmp.resolve("child.log"), HoldFileClaim.class.getName(), lock.toString())) {
            child.awaitConsole("claimed", 60);
            assertTrue(FileClaim.tryClaim(lock).isEmpty(), "held by the child");
            assertTrue(FileClaim.holder(lock).startsWith("pid " + child.pid() + " on "), FileClaim.holder(lock));
            assertEquals(FileClaim.HolderState.ALIVE, FileClaim.holderState(lock));
            child.kill(); // kill -9: no finally block, no shutdown hook
            ProcessHandle.of(child.pid()).ifPresent(h -> h.onExit().join());
            assertEquals(FileClaim.HolderState.GONE, FileClaim.holderState(lock), "its pid is left, its process gone");
            try (FileClaim c = FileClaim.tryClaim(lock).orElseThrow(
                    () -> new AssertionError("the OS released the dead child's lock"))) {
                assertTrue(Files.readString(lock).contains("pid=" + ProcessHandle.current().pid()));
                assertEquals(FileClaim.HolderState.HELD_HERE, FileClaim.holderState(lock));
            }
            assertEquals(FileClaim.HolderState.UNKNOWN, FileClaim.holderState(lock), "released: nobody named");
        }
    }

    @Test
    void aHolderOnAnotherHostOrAnUnreadableNameIsUnknown() throws Exception {
        Path lock = tmp.resolve("other.lock");
        Files.writeString(lock, "pid=1\nhost=not-" + FileClaim.thisHost() + "\nsince=2026-12-07T00:00:00Z\n");
        assertEquals(FileClaim.HolderState.UNKNOWN, FileClaim.holderState(lock));
        Files.writeString(lock, "pid=twelve\nhost=" + FileClaim.thisHost() + "\n");
        assertEquals(FileClaim.HolderState.UNKNOWN, FileClaim.holderState(lock));
        assertEquals(FileClaim.HolderState.UNKNOWN, FileClaim.holderState(tmp.resolve("missing.lock")));
    }
}
