package org.bridge.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.bridge.config.UserFacingException;

/**
 * The paper trains on a public labelled set (the bridge) and tests on LFW. We only have LFW, so
 * LFW is cut in two along its identity-disjoint folds and each half takes one role in turn:
 *
 * <ul>
 *   <li>Split A: public set = every person named in folds 1-5 of {@code pairs.txt} plus every
 *       person named in no fold; target = the pairs of folds 6-10.</li>
 *   <li>Split B, the mirror: public = folds 6-10 + no-fold people; target = folds 1-5.</li>
 * </ul>
 *
 * Public and target identities never overlap (the folds are identity-disjoint; checked here).
 * "Full LFW" is both splits together: all 10 folds, each half scored by the model trained on
 * the other. In each target half, people with at least {@value IdentificationSubset#MIN_IMAGES}
 * images form the identification task (the paper's UCCS protocol rebuilt on LFW), see
 * {@link IdentificationSubset}.
 *
 * <p>With another number of folds (the synthetic sample set also has 10) the first half of the
 * folds plays the role of folds 1-5; the number of folds must be even.
 */
public final class LfwBridgeProtocol {

    /** Which half of the folds is the target. */
    public enum Split {
        /** Public = first half of the folds + no-fold people; target = second half. */
        A,
        /** Public = second half + no-fold people; target = first half. */
        B
    }

    private final LfwFaceSet lfw;
    private final Set<String> noFoldPeople;

    private LfwBridgeProtocol(LfwFaceSet lfw) {
        this.lfw = lfw;
        LfwPairs pairs = lfw.pairs();
        if (pairs.folds() < 2 || pairs.folds() % 2 != 0) {
            throw new UserFacingException(pairs.file() + " line 1: the bridge protocol needs an even number of folds"
                    + " (LFW has 10), found " + pairs.folds());
        }
        checkHalvesDisjoint(pairs);
        Set<String> none = new TreeSet<>(lfw.dataset().people());
        none.removeAll(pairs.people());
        this.noFoldPeople = none;
    }

    public static LfwBridgeProtocol of(LfwFaceSet lfw) {
        return new LfwBridgeProtocol(lfw);
    }

    public LfwFaceSet lfw() {
        return lfw;
    }

    /** People of the data set named in no pair line. */
    public Set<String> noFoldPeople() {
        return noFoldPeople;
    }

    public int noFoldImages() {
        return noFoldPeople.stream().mapToInt(p -> lfw.dataset().imagesOf(p).size()).sum();
    }

    /** The 1-based folds whose pairs are the target of a split. */
    public List<Integer> targetFolds(Split split) {
        int half = lfw.pairs().folds() / 2;
        int first = split == Split.A ? half + 1 : 1;
        return IntStream.range(first, first + half).boxed().toList();
    }

    /** The 1-based folds whose people belong to the public set of a split. */
    public List<Integer> publicFolds(Split split) {
        return targetFolds(split == Split.A ? Split.B : Split.A);
    }

    public BridgeSplit split(Split split) {
        FaceDataset all = lfw.dataset();
        List<Integer> publicFolds = publicFolds(split);
        List<Integer> targetFolds = targetFolds(split);
        Set<String> publicPeople = new TreeSet<>(noFoldPeople);
        for (int f : publicFolds) {
            publicPeople.addAll(lfw.pairs().peopleOfFold(f));
        }
        Set<String> targetPeople = new TreeSet<>();
        for (int f : targetFolds) {
            targetPeople.addAll(lfw.pairs().peopleOfFold(f));
        }
        List<FacePair> targetPairs = lfw.pairs().resolve(all, targetFolds);
        IdentificationSubset identification = IdentificationSubset.perPerson(all, targetPeople,
                IdentificationSubset.MIN_IMAGES, IdentificationSubset.MAX_IMAGES);
        return new BridgeSplit(split, publicFolds, targetFolds, all.restrictTo(publicPeople),
                all.restrictTo(targetPeople), targetPairs, identification);
    }

    public List<BridgeSplit> splits() {
        return List.of(split(Split.A), split(Split.B));
    }

    private static void checkHalvesDisjoint(LfwPairs pairs) {
        int half = pairs.folds() / 2;
        Map<String, LfwPair> firstHalf = new HashMap<>();
        for (int f = 1; f <= half; f++) {
            for (LfwPair p : pairs.fold(f)) {
                firstHalf.putIfAbsent(p.personA(), p);
                firstHalf.putIfAbsent(p.personB(), p);
            }
        }
        for (int f = half + 1; f <= pairs.folds(); f++) {
            for (LfwPair p : pairs.fold(f)) {
                for (String person : List.of(p.personA(), p.personB())) {
                    LfwPair earlier = firstHalf.get(person);
                    if (earlier != null) {
                        throw new UserFacingException(pairs.file() + " line " + p.line() + ": " + person
                                + " also appears on line " + earlier.line() + " (fold " + earlier.fold()
                                + "); the bridge protocol needs the two halves of the folds to share no identity");
                    }
                }
            }
        }
    }

    /** One split: the public (bridge) set, the target pairs and the identification task. */
    public record BridgeSplit(Split id, List<Integer> publicFolds, List<Integer> targetFolds, FaceDataset publicSet,
                              FaceDataset targetSet, List<FacePair> targetPairs,
                              IdentificationSubset identification) {

        public BridgeSplit {
            publicFolds = List.copyOf(publicFolds);
            targetFolds = List.copyOf(targetFolds);
            targetPairs = List.copyOf(targetPairs);
        }

        public List<String> publicPeople() {
            return publicSet.people();
        }

        public List<String> targetPeople() {
            return targetSet.people();
        }

        public List<FaceRecord> publicImages() {
            return publicSet.records();
        }

        /** Public people with at least {@code n} images (classification needs two or more). */
        public List<String> publicPeopleWithAtLeast(int n) {
            List<String> out = new ArrayList<>();
            for (String p : publicSet.people()) {
                if (publicSet.imagesOf(p).size() >= n) {
                    out.add(p);
                }
            }
            return out;
        }

        /** Target pairs of one fold (1-based fold number as in pairs.txt). */
        public List<FacePair> targetPairs(int fold) {
            return targetPairs.stream().filter(p -> p.fold() == fold).toList();
        }

        public SplitStatistics statistics() {
            long matched = targetPairs.stream().filter(FacePair::matched).count();
            return new SplitStatistics(id.name(), publicFolds, targetFolds, publicSet.people().size(), publicSet.size(),
                    publicPeopleWithAtLeast(2).size(), targetPairs.size(), (int) matched,
                    targetPairs.size() - (int) matched, targetSet.people().size(), targetSet.size(),
                    identification.subjects().size(), identification.gallery().size(),
                    identification.probes().size());
        }
    }

    /** The numbers of one split, as printed by {@code bridge protocol}. */
    public record SplitStatistics(String split, List<Integer> publicFolds, List<Integer> targetFolds,
                                  int publicPeople, int publicImages, int publicPeopleWithTwoOrMoreImages,
                                  int targetPairs, int targetMatchedPairs, int targetMismatchedPairs,
                                  int targetPeople, int targetImages, int identificationSubjects,
                                  int identificationGalleryImages, int identificationProbeImages) {
    }
}
