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
    void anEditedImageGetsANewKey() throws Exception {
        Path img = tmp.resolve("face.jpg");
        Files.write(img, new byte[] {1, 2, 3});
        String before = FeatureCache.imageKey(img);
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        assertNotEquals(before, FeatureCache.imageKey(img));
        assertTrue(before.contains("face.jpg|3|"));
    }
}
