package org.bridge.experiment;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;


/**
 * Ctrl-C or SIGTERM while a run trains in this JVM: cancel it after the current iteration and hold
 * the JVM's exit until the run has recorded that it stopped (status.json CANCELLED, checkpoint
 * kept), at most 60 s; past that the cell is recorded CANCELLED as the JVM halts. Without the wait
 * the JVM halts when the hooks return, and a killed run would still read RUNNING. Close it when
 * the work ends.
 */
public final class CancelOnInterrupt implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    public CancelOnInterrupt(RunControl control) {
        hook = new Thread(() -> {
            System.err.println("\ninterrupted: stopping after the current iteration; the checkpoint is kept");
            control.cancel();
            try {
                if (!finished.await(60, TimeUnit.SECONDS)) {
                    control.recordStoppedCell("interrupted: the process exited before the cell stopped; the next run"
                            + " resumes from its last checkpoint");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already exiting.
        }
    }
}
