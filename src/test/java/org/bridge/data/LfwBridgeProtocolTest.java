package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bridge.config.UserFacingException;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.data.LfwBridgeProtocol.Split;
import org.bridge.data.LfwBridgeProtocol.SplitStatistics;
import org.bridge.data.synthetic.SyntheticFaceSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol on a small synthetic set in LFW layout without the lfw-deepfunneled level. */
class LfwBridgeProtocolTest {

    @TempDir
    static Path dir;

    private static LfwFaceSet set;

    @BeforeAll
    static void generate() throws Exception {
        // 20 people (2 per fold) x 6 images, 3 + 3 pairs per fold.
        new SyntheticFaceSet(new SyntheticFaceSet.Spec(20, 6, 10, 3, 7L, 0.9f)).writeTo(dir);
        // One person in no pair line, like LFW's 1,468.
        Path extra = Files.createDirectories(dir.resolve("Extra_Person"));
        Path src = dir.resolve("Synthetic_01").resolve("Synthetic_01_0001.jpg");
        Files.copy(src, extra.resolve("Extra_Person_0001.jpg"));
        Files.copy(src, extra.resolve("Extra_Person_0002.jpg"));
        set = LfwFaceSet.open(dir);
    }

    @Test
    void splitsAreMirrorsWithDisjointIdentities() {
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(set);
        assertEquals(Set.of("Extra_Person"), protocol.noFoldPeople());
        assertEquals(2, protocol.noFoldImages());
        BridgeSplit a = protocol.split(Split.A);
        BridgeSplit b = protocol.split(Split.B);
        assertEquals(List.of(1, 2, 3, 4, 5), a.publicFolds());
        assertEquals(List.of(6, 7, 8, 9, 10), a.targetFolds());
        assertEquals(a.publicFolds(), b.targetFolds());
        for (BridgeSplit s : List.of(a, b)) {
            Set<String> pub = new HashSet<>(s.publicPeople());
            assertTrue(pub.contains("Extra_Person"));
            for (String t : s.targetPeople()) {
                assertFalse(pub.contains(t), t + " is public and target in split " + s.id());
            }
            for (FacePair p : s.targetPairs()) {
                assertTrue(s.targetFolds().contains(p.fold()));
                assertEquals(p.matched(), p.a().person().equals(p.b().person()));
            }
            assertEquals(6, s.targetPairs(s.targetFolds().get(0)).size());
        }
        SplitStatistics sa = a.statistics();
        assertEquals(new SplitStatistics("A", List.of(1, 2, 3, 4, 5), List.of(6, 7, 8, 9, 10),
                11, 62, 11, 30, 15, 15, 10, 60, 10, 30, 30), sa);
        // Identification: 6 images each -> 3 gallery (numbers 1-3) + 3 probes (4-6).
        assertEquals(List.of(1, 2, 3), a.identification().gallery().stream()
                .filter(r -> r.person().equals(a.identification().subjects().get(0))).map(FaceRecord::number).toList());
    }

    @Test
    void overlappingHalvesAreRejectedWithTheLine() throws Exception {
        Path root = dir.resolve("overlap");
        Files.createDirectories(root);
        for (String p : List.of("Synthetic_01", "Synthetic_02")) {
            Path d = Files.createDirectories(root.resolve(p));
            for (int n = 1; n <= 2; n++) {
                Files.copy(dir.resolve(p).resolve(String.format("%s_%04d.jpg", p, n)),
                        d.resolve(String.format("%s_%04d.jpg", p, n)));
            }
        }
        Files.writeString(root.resolve("pairs.txt"), "2\t1\n"
                + "Synthetic_01\t1\t2\nSynthetic_01\t1\tSynthetic_02\t1\n"
                + "Synthetic_02\t1\t2\nSynthetic_02\t2\tSynthetic_01\t2\n");
        LfwFaceSet overlapping = LfwFaceSet.open(root);
        UserFacingException e = assertThrows(UserFacingException.class, () -> LfwBridgeProtocol.of(overlapping));
        assertTrue(e.getMessage().contains("pairs.txt line 4") && e.getMessage().contains("Synthetic_02"),
                e.getMessage());
    }

    @Test
    void missingFolderOrPairsFileIsAUserError() {
        UserFacingException none = assertThrows(UserFacingException.class,
                () -> LfwFaceSet.open(dir.resolve("absent")));
        assertTrue(none.getMessage().contains("absent"), none.getMessage());
        UserFacingException noPairs = assertThrows(UserFacingException.class,
                () -> LfwFaceSet.open(dir.resolve("Synthetic_01")));
        assertTrue(noPairs.getMessage().contains("pairs.txt"), noPairs.getMessage());
    }
}
