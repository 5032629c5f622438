package org.bridge.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir Path tmp;

    @Test
    void featuresSurviveReopening() {
        try (FeatureCache c = FeatureCache.open(tmp, "V-abc-fixed224")) {
            for (int i = 0; i < 100; i++) {
                c.put("img" + i, new float[] {i, i + 0.5f, -i});
            }
        }
        try (FeatureCache c = FeatureCache.open(tmp, "V-abc-fixed224")) {
            assertEquals(100, c.size());
            assertArrayEquals(new float[] {42, 42.5f, -42}, c.get("img42").orElseThrow());
        }
    }

    @Test
    void anInterruptedWriteKeepsEverythingBeforeIt() throws Exception {
        Path file;
        try (FeatureCache c = FeatureCache.open(tmp, "C-x-chip150")) {
            for (int i = 0; i < 10; i++) {
                c.put("img" + i, new float[] {i, i, i, i});
            }
            file = c.file();
        }
        // Cut the file in the middle of the last record, as a killed process would.
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 6);
        }
        try (FeatureCache c = FeatureCache.open(tmp, "C-x-chip150")) {
            assertEquals(9, c.size());
            assertFalse(c.contains("img9"));
            c.put("img9", new float[] {9, 9, 9, 9}); // the next run continues
        }
        try (FeatureCache c = FeatureCache.open(tmp, "C-x-chip150")) {
            assertEquals(10, c.size());
            assertArrayEquals(new float[] {9, 9, 9, 9}, c.get("img9").orElseThrow());
        }
    }

    @Test
    void rejectsAMismatchedDimension() {
        try (FeatureCache c = FeatureCache.open(tmp, "E-y-both")) {
            c.put("a", new float[3]);
            assertThrows(IllegalArgumentException.class, () -> c.put("b", new float[4]));
        }
    }

    @Test
    void twoWritersOfOneCacheKeepEachOthersRecordsWhole() throws Exception {
        // Two runs at once (the CLI and the workbench, or two cells) fill the same teacher cache.
        try (FeatureCache a = FeatureCache.open(tmp, "V-two-fixed224");
             FeatureCache b = FeatureCache.open(tmp, "V-two-fixed224")) {
            Thread ta = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    a.put("a" + i, row(i, 1024)); // 64 records per flush: larger than one write
                }
            });
            Thread tb = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    b.put("b" + i, row(-i, 1024));
                }
            });
            ta.start();
            tb.start();
            ta.join();
            tb.join();
        }
        try (FeatureCache c = FeatureCache.open(tmp, "V-two-fixed224")) {
            assertEquals(1000, c.size());
            assertArrayEquals(row(-499, 1024), c.get("b499").orElseThrow());
            assertArrayEquals(row(250, 1024), c.get("a250").orElseThrow());
        }
    }

    private static float[] row(int first, int dimension) {
        float[] r = new float[dimension];
        java.util.Arrays.fill(r, 0.5f);
        r[0] = first;
        return r;
    }

    @Test
    void anEditedImageGetsANewKeyACopiedOrTouchedOneDoesNot() throws Exception {
        Path img = tmp.resolve("face.jpg");
        Files.write(img, new byte[] {1, 2, 3});
        String before = FeatureCache.imageKey(img);
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        assertEquals(before, FeatureCache.imageKey(img), "a re-provisioned data folder keeps its features");
        Path copy = Files.createDirectories(tmp.resolve("elsewhere")).resolve("face.jpg");
        Files.copy(img, copy);
        assertEquals(before, FeatureCache.imageKey(copy), "a moved data folder keeps its features");
        Files.write(img, new byte[] {1, 2, 4});
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 10000));
        assertNotEquals(before, FeatureCache.imageKey(img), "an edited image is recomputed");
    }

    @Test
    void pathAndTimeKeysOfOlderCachesAreReKeyedWhenTheImageIsUnchangedAndDroppedOtherwise() throws Exception {
        Path same = tmp.resolve("same.jpg");
        Path edited = tmp.resolve("edited.jpg");
        Files.write(same, new byte[] {7, 7});
        Files.write(edited, new byte[] {8, 8});
        Path file;
        try (FeatureCache c = FeatureCache.open(tmp, "V-old-fixed224")) {
            c.put(legacyKey(same), new float[] {1, 2});
            c.put(legacyKey(edited), new float[] {3, 4});
            c.put(legacyKey(tmp.resolve("gone.jpg")) + "0|5", new float[] {5, 6});
            c.put("plain", new float[] {9, 9});
            file = c.file();
        }
        Files.write(edited, new byte[] {8, 9});
        Files.setLastModifiedTime(edited, FileTime.fromMillis(Files.getLastModifiedTime(edited).toMillis() + 5000));
        try (FeatureCache c = FeatureCache.open(tmp, "V-old-fixed224")) {
            assertArrayEquals(new float[] {1, 2}, c.get(FeatureCache.imageKey(same)).orElseThrow());
            assertFalse(c.contains(FeatureCache.imageKey(edited)), "the old key said the image changed");
            assertArrayEquals(new float[] {9, 9}, c.get("plain").orElseThrow(), "keys of other forms stay");
            assertEquals(2, c.size());
        }
        long compacted = Files.size(file);
        try (FeatureCache c = FeatureCache.open(tmp, "V-old-fixed224")) {
            assertEquals(2, c.size());
        }
        assertEquals(compacted, Files.size(file), "re-keyed once, not at every open");
    }

    private static String legacyKey(Path image) throws java.io.IOException {
        if (!Files.exists(image)) {
            return image.toAbsolutePath().normalize() + "|";
        }
        return image.toAbsolutePath().normalize() + "|" + Files.size(image) + "|"
                + Files.getLastModifiedTime(image).toMillis();
    }
}
