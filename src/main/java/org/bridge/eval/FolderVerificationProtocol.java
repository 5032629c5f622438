package org.bridge.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceDataset;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;

/**
 * Verification on the user's own folder-per-identity set, built like LFW's View 2: the people are
 * shuffled (seeded) and dealt into k folds, so no person appears in two folds; each fold gets equal
 * numbers of matched pairs (two images of one of its people) and mismatched pairs (images of two of
 * its people), drawn without repeats. Thresholds are then chosen on the other folds
 * ({@link Verification}), so the number is never tuned on the pairs it reports.
 */
public final class FolderVerificationProtocol {

    /** Folds of LFW's View 2. */
    public static final int DEFAULT_FOLDS = 10;
    /** Pairs per fold of LFW's View 2 (300 matched, 300 mismatched). */
    public static final int DEFAULT_PAIRS_PER_FOLD = 600;

    private FolderVerificationProtocol() {
    }

    /**
     * The pairs of {@code set}: per fold at most {@code pairsPerFold / 2} matched pairs and as many
     * mismatched ones (fewer when a fold's people do not have that many matched pairs).
     */
    public static List<FacePair> pairs(FaceDataset set, int folds, int pairsPerFold, long seed) {
        if (folds < 2) {
            throw new UserFacingException("verification needs at least 2 folds (thresholds come from the other folds), got "
                    + folds);
        }
        if (pairsPerFold < 2) {
            throw new UserFacingException("at least 2 pairs per fold (one matched, one mismatched), got " + pairsPerFold);
        }
        List<String> people = new ArrayList<>(set.people());
        Collections.sort(people);
        if (people.size() < 2 * folds) {
            throw new UserFacingException(set.imagesRoot() + " has " + people.size() + " people; " + folds
                    + " people-disjoint folds with mismatched pairs in each need at least " + 2 * folds);
        }
        Random random = new Random(seed);
        Collections.shuffle(people, random);
        List<FacePair> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<String> fold = new ArrayList<>();
            for (int i = f; i < people.size(); i += folds) {
                fold.add(people.get(i));
            }
            List<FacePair> matched = matched(set, fold, f + 1, pairsPerFold / 2, random);
            if (matched.isEmpty()) {
                throw new UserFacingException(set.imagesRoot() + ": fold " + (f + 1) + " (" + String.join(", ", fold)
                        + ") has no person with 2 or more images, so no matched pair");
            }
            out.addAll(matched);
            out.addAll(mismatched(set, fold, f + 1, matched.size(), random));
        }
        return out;
    }

    private static List<FacePair> matched(FaceDataset set, List<String> fold, int foldNumber, int wanted, Random random) {
        List<FacePair> all = new ArrayList<>();
        for (String p : fold) {
            List<FaceRecord> images = set.imagesOf(p);
            for (int i = 0; i < images.size(); i++) {
                for (int j = i + 1; j < images.size(); j++) {
                    all.add(new FacePair(images.get(i), images.get(j), true, foldNumber));
                }
            }
        }
        Collections.shuffle(all, random);
        return new ArrayList<>(all.subList(0, Math.min(wanted, all.size())));
    }

    /** {@code wanted} distinct pairs of images of two different people of the fold, or all there are. */
    private static List<FacePair> mismatched(FaceDataset set, List<String> fold, int foldNumber, int wanted,
                                             Random random) {
        long possible = 0;
        for (int i = 0; i < fold.size(); i++) {
            for (int j = i + 1; j < fold.size(); j++) {
                possible += (long) set.imagesOf(fold.get(i)).size() * set.imagesOf(fold.get(j)).size();
            }
        }
        int n = (int) Math.min(wanted, possible);
        Set<List<FaceRecord>> seen = new HashSet<>();
        Set<FacePair> out = new LinkedHashSet<>();
        while (out.size() < n) {
            int a = random.nextInt(fold.size());
            int b = random.nextInt(fold.size() - 1);
            if (b >= a) {
                b++;
            }
            List<FaceRecord> ia = set.imagesOf(fold.get(a));
            List<FaceRecord> ib = set.imagesOf(fold.get(b));
            FaceRecord x = ia.get(random.nextInt(ia.size()));
            FaceRecord y = ib.get(random.nextInt(ib.size()));
            boolean ordered = x.file().compareTo(y.file()) < 0;
            if (seen.add(ordered ? List.of(x, y) : List.of(y, x))) {
                out.add(new FacePair(x, y, false, foldNumber));
            }
        }
        return new ArrayList<>(out);
    }

    /** Extracts the features of every image in the pairs and runs the k-fold protocol. */
    public static VerificationResult run(String label, List<FacePair> pairs, FeatureExtractor extractor,
                                         ImageDecoder decoder, BadImagePolicy policy, FeatureTable.Progress progress) {
        Set<FaceRecord> images = new LinkedHashSet<>();
        for (FacePair p : pairs) {
            images.add(p.a());
            images.add(p.b());
        }
        FeatureTable table = FeatureTable.extract(extractor, images, decoder, policy, progress);
        return Verification.evaluate(VerificationScores.score(label, pairs, table));
    }
}
