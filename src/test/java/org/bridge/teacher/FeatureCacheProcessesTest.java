package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.bridge.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes filling one feature cache at once (two runs needing the same teacher's
 * features): each image is computed once, by one of them, and the file holds each record once.
 */
class FeatureCacheProcessesTest {

    private static final int IMAGES = 60;
    private static final String KEY = "V-fake-fixed224";

    @TempDir Path tmp;

    @Test
    void twoProcessesFillingOneCacheComputeEachImageOnce() throws Exception {
        Path root = tmp.resolve("cache");
        Path go = tmp.resolve("go");
        try (ChildJvm a = fill("a", root, go); ChildJvm b = fill("b", root, go)) {
            a.awaitConsole("ready: " + IMAGES + " missing", 120);
            b.awaitConsole("ready: " + IMAGES + " missing", 120);
            Files.createFile(go); // both found every image missing; now both want to compute them
            assertEquals(0, a.awaitExit(120), a.console());
            assertEquals(0, b.awaitExit(120), b.console());

            List<String> computed = new ArrayList<>();
            for (String child : List.of("a", "b")) {
                Path log = tmp.resolve(child + ".computed");
                if (Files.exists(log)) {
                    computed.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
                }
            }
            assertEquals(IMAGES, computed.size(), "each image computed once:\n" + a.console() + b.console());
            assertEquals(IMAGES, new HashSet<>(computed).size());
            String waited = a.console().contains("waiting for") ? a.console() : b.console();
            long other = a.console().contains("waiting for") ? b.pid() : a.pid();
            assertTrue(waited.contains("waiting for pid " + other + " on "), a.console() + b.console());
        }
        long expected = 4;
        for (int i = 0; i < IMAGES; i++) {
            expected += 4 + ("img" + i).length() + 4 + 4L * 4;
        }
        Path file = root.resolve("features").resolve(KEY + ".bin");
        assertEquals(expected, Files.size(file), "every record once in the file, not once per process");
        try (FeatureCache c = FeatureCache.open(root, KEY)) {
            assertEquals(IMAGES, c.size());
            assertArrayEquals(FillFeatureCache.feature("img7"), c.get("img7").orElseThrow());
        }
    }

    private ChildJvm fill(String name, Path root, Path go) throws Exception {
        return ChildJvm.start(tmp.resolve(name + ".log"), FillFeatureCache.class.getName(), root.toString(), KEY,
                String.valueOf(IMAGES), go.toString(), tmp.resolve(name + ".computed").toString());
    }
}
