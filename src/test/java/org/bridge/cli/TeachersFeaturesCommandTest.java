package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bridge.experiment.CachedTeacherFeatures;
import org.bridge.data.LfwFaceSet;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code teachers features} on a small LFW folder (three real people, linked) with a fresh feature
 * cache: every image is computed once, a second call computes nothing, and the cached features
 * are the ones a student's training then reads.
 */
class TeachersFeaturesCommandTest {

    @TempDir Path tmp;

    @Test
    void fillsTheCacheOnceForEveryImageOfTheFolder() throws IOException {
        Path real = RequiredResources.lfw();
        Path lfw = Files.createDirectories(tmp.resolve("lfw"));
        Path images = Files.createDirectories(lfw.resolve("lfw-deepfunneled"));
        for (String person : List.of("Aaron_Peirsol", "Abdullah_Gul", "Adam_Sandler")) {
            Files.createSymbolicLink(images.resolve(person),
                    real.resolve("lfw-deepfunneled").resolve(person).toAbsolutePath());
        }
        Files.write(lfw.resolve("pairs.txt"), List.of("1\t2", "Abdullah_Gul\t1\t2", "Adam_Sandler\t1\t2",
                "Aaron_Peirsol\t1\tAdam_Sandler\t1", "Abdullah_Gul\t3\tAaron_Peirsol\t2"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.createSymbolicLink(cache.resolve("weights"),
                RequiredResources.teacherWeights().weightsDir().toAbsolutePath());
        int count;
        try (Stream<Path> people = Files.list(images)) {
            count = people.mapToInt(p -> p.toFile().list().length).sum();
        }

        String first = run("teachers", "features", "--teacher", "E", "--lfw", lfw.toString(), "--cache", cache.toString());
        assertTrue(first.contains("teacher E: " + count + " images, " + count + " computed in "), first);
        String second = run("teachers", "features", "--lfw", lfw.toString(), "--cache", cache.toString());
        assertTrue(second.contains(count + " images, 0 computed") && second.contains(count + " already cached"), second);

        // What the command cached is what training reads: nothing left to compute, no progress past "cached".
        try (CachedTeacherFeatures features = new CachedTeacherFeatures(new TeacherWeights(cache))) {
            int[] computedLater = {0};
            float[][] e = features.features(TeacherId.E, LfwFaceSet.open(lfw).dataset().records(),
                    (done, total) -> computedLater[0] = Math.max(computedLater[0], total - done));
            assertEquals(count, e.length);
            assertEquals(0, computedLater[0], "every image was already cached");
        }
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            assertEquals(0, Main.run(args), String.join(" ", args) + ":\n" + buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
