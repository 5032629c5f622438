package org.bridge.config;

import java.nio.file.Path;

/** A child process for {@link FileClaimTest}: claims the file given, says so, and holds it until killed. */
public final class HoldFileClaim {

    private HoldFileClaim() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (FileClaim.tryClaim(Path.of(args[0])).isEmpty()) {
            System.out.println("refused");
            System.exit(3);
        }
        System.out.println("claimed");
        Thread.sleep(Long.MAX_VALUE);
    }
}
