package org.bridge.distill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The held-out part of the public set on which Fig. 3 measures classification accuracy: a
 * fraction (the paper: 20%) of the images of every person with at least two images, so that
 * every tested person keeps at least one training image and the classifier has seen them.
 * People with a single image stay entirely in the training part.
 *
 * <p>How many: the total is round(fraction x images of the eligible people). Each eligible
 * person with n images first gets floor(fraction x n) test images (at most n - 1); the remaining
 * test slots go to the people with the largest remainders fraction x n - floor(...) who still
 * have a spare image (ties in a {@code Random(seed)} order), so the split is stratified by person
 * and hits the fraction overall even when most people have 2-3 images (as in LFW, where
 * 20% of 2 rounds down to 0). Which images: a {@code Random(seed)} shuffle of each person's
 * images. Same labels and seed, same split.
 *
 * @param train indices (into the labels given) of the training images, ascending
 * @param test  indices of the held-out images, ascending
 */
public record AdaptationHoldout(int[] train, int[] test) {

    /** The paper's held-out share of the public set (Fig. 3). */
    public static final double PAPER_FRACTION = 0.2;

    public AdaptationHoldout {
        train = train.clone();
        test = test.clone();
    }

    /** Splits all images (labels[i] is image i's person). */
    public static AdaptationHoldout split(int[] labels, double fraction, long seed) {
        return split(labels, TeacherSoftmax.identity(labels.length), fraction, seed);
    }

    /**
     * Splits a subset of the images, e.g. the training part of another split, to carve a
     * validation set out of it.
     *
     * @param labels     person of every image
     * @param candidates the image indices to split (each at most once)
     */
    public static AdaptationHoldout split(int[] labels, int[] candidates, double fraction, long seed) {
        if (!(fraction > 0) || !(fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + fraction);
        }
        Map<Integer, List<Integer>> byPerson = new TreeMap<>();
        boolean[] seen = new boolean[labels.length];
        for (int i : candidates) {
            if (i < 0 || i >= labels.length || seen[i]) {
                throw new IllegalArgumentException("candidate index " + i + " is out of range or repeated");
            }
            seen[i] = true;
            byPerson.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(seed);
        List<Integer> people = new ArrayList<>();
        int eligibleImages = 0;
        for (Map.Entry<Integer, List<Integer>> e : byPerson.entrySet()) {
            List<Integer> images = e.getValue();
            images.sort(null);
            // Shuffle every person (also the ineligible ones) so the random stream does not depend
            // on which people happen to be eligible.
            java.util.Collections.shuffle(images, rnd);
            if (images.size() >= 2) {
                people.add(e.getKey());
                eligibleImages += images.size();
            }
        }
        int quota = (int) Math.round(fraction * eligibleImages);
        Map<Integer, Integer> held = new TreeMap<>();
        int assigned = 0;
        for (int p : people) {
            int n = byPerson.get(p).size();
            int base = Math.min(n - 1, (int) Math.floor(fraction * n));
            held.put(p, base);
            assigned += base;
        }
        // Largest remainder first; a random key breaks ties reproducibly.
        List<Integer> order = new ArrayList<>(people);
        Map<Integer, Double> tieBreak = new TreeMap<>();
        for (int p : order) {
            tieBreak.put(p, rnd.nextDouble());
        }
        order.sort(Comparator.<Integer>comparingDouble(p -> {
            int n = byPerson.get(p).size();
            return -(fraction * n - Math.floor(fraction * n));
        }).thenComparingDouble(tieBreak::get));
        boolean progress = true;
        while (assigned < quota && progress) {
            progress = false;
            for (int p : order) {
                if (assigned >= quota) {
                    break;
                }
                int n = byPerson.get(p).size();
                if (held.get(p) < n - 1) {
                    held.put(p, held.get(p) + 1);
                    assigned++;
                    progress = true;
                }
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byPerson.entrySet()) {
            List<Integer> images = e.getValue();
            int h = held.getOrDefault(e.getKey(), 0);
            test.addAll(images.subList(0, h));
            train.addAll(images.subList(h, images.size()));
        }
        return new AdaptationHoldout(sorted(train), sorted(test));
    }

    private static int[] sorted(List<Integer> list) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** The rows at the given indices. */
    public static float[][] select(float[][] rows, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    /** The labels at the given indices. */
    public static int[] select(int[] labels, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdaptationHoldout h && Arrays.equals(train, h.train) && Arrays.equals(test, h.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "AdaptationHoldout[" + train.length + " train, " + test.length + " held out]";
    }
}
