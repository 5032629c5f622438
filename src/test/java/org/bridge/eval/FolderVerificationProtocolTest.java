package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceDataset;
import org.bridge.data.FacePair;
import org.bridge.data.ImageDecoder;
import org.junit.jupiter.api.Test;

/** Verification on a folder set: people-disjoint folds, balanced pairs without repeats, seeded. */
class FolderVerificationProtocolTest {

    private static FaceDataset sample() {
        return FaceDataset.readFolder(BridgeLocations.fromSystem().sampleData());
    }

    @Test
    void foldsArePeopleDisjointBalancedAndFreeOfRepeatedPairs() {
        FaceDataset set = sample();
        List<FacePair> pairs = FolderVerificationProtocol.pairs(set, 10, 40, 5);
        Map<String, Integer> foldOf = new HashMap<>();
        Map<Integer, int[]> counts = new HashMap<>();
        Set<Set<Path>> seen = new HashSet<>();
        for (FacePair p : pairs) {
            for (String person : List.of(p.a().person(), p.b().person())) {
                Integer before = foldOf.putIfAbsent(person, p.fold());
                assertTrue(before == null || before == p.fold(), person + " is in folds " + before + " and " + p.fold());
            }
            assertEquals(p.matched(), p.a().person().equals(p.b().person()), p.toString());
            assertTrue(seen.add(Set.of(p.a().file(), p.b().file())), "repeated pair " + p);
            counts.computeIfAbsent(p.fold(), f -> new int[2])[p.matched() ? 0 : 1]++;
        }
        assertEquals(10, counts.size());
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            assertEquals(e.getValue()[0], e.getValue()[1], "fold " + e.getKey() + " balanced");
            assertEquals(20, e.getValue()[0], "fold " + e.getKey() + " has 20 matched pairs");
        }
        assertEquals(pairs, FolderVerificationProtocol.pairs(set, 10, 40, 5), "the seed fixes the pairs");
        assertTrue(!pairs.equals(FolderVerificationProtocol.pairs(set, 10, 40, 6)), "another seed, other pairs");
    }

    @Test
    void pixelFeaturesVerifyTheSyntheticFacesAboveChance() {
        List<FacePair> pairs = FolderVerificationProtocol.pairs(sample(), 10, 40, 1);
        VerificationResult r = FolderVerificationProtocol.run("sample", pairs, new PixelExtractor(4), new ImageDecoder(),
                BadImagePolicy.FAIL, (done, total) -> { });
        assertEquals(pairs.size(), r.pairs());
        assertEquals(10, r.folds().size());
        assertTrue(r.auc() > 0.6, "AUC " + r.auc());
    }

    @Test
    void tooFewPeopleForTheFoldsAreRefusedNamingTheFolder() {
        FaceDataset set = sample();
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> FolderVerificationProtocol.pairs(set, 30, 40, 1));
        assertTrue(e.getMessage().contains(set.imagesRoot().toString()) && e.getMessage().contains("at least 60"),
                e.getMessage());
    }
}
