package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AdaptationHoldoutTest {

    /** An LFW-like label list: most people have 1-3 images, a few have many; shuffled order. */
    private static int[] lfwLikeLabels(long seed) {
        Random rnd = new Random(seed);
        int[] counts = new int[400];
        int total = 0;
        for (int p = 0; p < counts.length; p++) {
            double u = rnd.nextDouble();
            counts[p] = u < 0.3 ? 1 : u < 0.6 ? 2 : u < 0.8 ? 3 : u < 0.95 ? 2 + rnd.nextInt(8) : 10 + rnd.nextInt(60);
            total += counts[p];
        }
        int[] labels = new int[total];
        int i = 0;
        for (int p = 0; p < counts.length; p++) {
            for (int c = 0; c < counts[p]; c++) {
                labels[i++] = p;
            }
        }
        for (int j = labels.length - 1; j > 0; j--) {
            int k = rnd.nextInt(j + 1);
            int t = labels[j];
            labels[j] = labels[k];
            labels[k] = t;
        }
        return labels;
    }

    @Test
    void isPersonStratifiedAndHoldsOutTheFraction() {
        int[] labels = lfwLikeLabels(1);
        AdaptationHoldout h = AdaptationHoldout.split(labels, 0.2, 42);
        Map<Integer, Integer> total = count(labels, null);
        Map<Integer, Integer> inTest = count(labels, h.test());
        Map<Integer, Integer> inTrain = count(labels, h.train());
        int eligible = 0;
        for (Map.Entry<Integer, Integer> e : total.entrySet()) {
            int person = e.getKey();
            int n = e.getValue();
            int t = inTest.getOrDefault(person, 0);
            if (n == 1) {
                assertEquals(0, t, "a person with one image is never held out");
            } else {
                eligible += n;
                assertTrue(inTrain.getOrDefault(person, 0) >= 1, "person " + person + " keeps a training image");
                // Stratified: floor or ceil of 20% (ceil capped at n - 1).
                int lo = (int) Math.floor(0.2 * n);
                int hi = Math.min(n - 1, (int) Math.ceil(0.2 * n));
                assertTrue(t >= Math.min(lo, n - 1) && t <= hi, "person with " + n + " images holds out " + t);
            }
        }
        assertEquals(Math.round(0.2 * eligible), h.test().length, "20% of the eligible images overall");
        // A partition of all images.
        Set<Integer> all = new HashSet<>();
        for (int i : h.train()) {
            assertTrue(all.add(i));
        }
        for (int i : h.test()) {
            assertTrue(all.add(i), "image " + i + " in both parts");
        }
        assertEquals(labels.length, all.size());
        System.out.printf("holdout: %d images, %d eligible, %d held out, %d people tested%n", labels.length, eligible,
                h.test().length, inTest.size());
    }

    @Test
    void isDeterministicBySeed() {
        int[] labels = lfwLikeLabels(2);
        AdaptationHoldout a = AdaptationHoldout.split(labels, 0.2, 7);
        AdaptationHoldout b = AdaptationHoldout.split(labels, 0.2, 7);
        AdaptationHoldout c = AdaptationHoldout.split(labels, 0.2, 8);
        assertArrayEquals(a.test(), b.test());
        assertArrayEquals(a.train(), b.train());
        assertEquals(a, b);
        assertNotEquals(a, c, "another seed holds out other images");
        assertEquals(a.test().length, c.test().length, "but the same number");
    }

    @Test
    void carvesValidationOnlyFromTheCandidates() {
        int[] labels = lfwLikeLabels(3);
        AdaptationHoldout outer = AdaptationHoldout.split(labels, 0.2, 1);
        AdaptationHoldout inner = AdaptationHoldout.split(labels, outer.train(), 0.2, 2);
        Set<Integer> outerTest = new HashSet<>();
        Arrays.stream(outer.test()).forEach(outerTest::add);
        for (int i : inner.test()) {
            assertFalse(outerTest.contains(i), "validation image " + i + " is a test image");
        }
        for (int i : inner.train()) {
            assertFalse(outerTest.contains(i));
        }
        assertEquals(outer.train().length, inner.train().length + inner.test().length);
        assertTrue(inner.test().length > 0);
    }

    @Test
    void twoImagePeopleAreStillTestedAtTwentyPercent() {
        // 100 people with two images each: 20% of 200 = 40 people give one test image each.
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            labels[i] = i / 2;
        }
        AdaptationHoldout h = AdaptationHoldout.split(labels, 0.2, 5);
        assertEquals(40, h.test().length);
        assertEquals(40, count(labels, h.test()).size());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> AdaptationHoldout.split(new int[] {0, 0}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> AdaptationHoldout.split(new int[] {0, 0}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> AdaptationHoldout.split(new int[] {0, 0}, new int[] {0, 0}, 0.2, 1));
    }

    private static Map<Integer, Integer> count(int[] labels, int[] indices) {
        Map<Integer, Integer> m = new HashMap<>();
        if (indices == null) {
            for (int l : labels) {
                m.merge(l, 1, Integer::sum);
            }
        } else {
            for (int i : indices) {
                m.merge(labels[i], 1, Integer::sum);
            }
        }
        return m;
    }
}
