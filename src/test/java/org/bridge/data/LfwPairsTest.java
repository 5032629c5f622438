package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;

class LfwPairsTest {

    private static final Path FILE = Path.of("/data/lfw/pairs.txt");

    /** Two folds of one matched and one mismatched pair. */
    private static List<String> twoFolds() {
        return List.of("2\t1",
                "Ann\t1\t2",
                "Ann\t1\tBob\t1",
                "Cy\t2\t3",
                "Cy\t1\tDee\t4",
                "");
    }

    @Test
    void parsesFoldsInFileOrder() {
        LfwPairs p = LfwPairs.parse(twoFolds(), FILE);
        assertEquals(2, p.folds());
        assertEquals(1, p.pairsPerFold());
        assertEquals(4, p.pairs().size());
        LfwPair first = p.pairs().get(0);
        assertEquals(new LfwPair(1, 2, "Ann", 1, "Ann", 2), first);
        assertTrue(first.matched());
        LfwPair mismatched = p.fold(2).get(1);
        assertEquals(new LfwPair(2, 5, "Cy", 1, "Dee", 4), mismatched);
        assertFalse(mismatched.matched());
        assertEquals(Set.of("Ann", "Bob"), p.peopleOfFold(1));
        assertEquals(Set.of("Cy", "Dee"), p.peopleOfFold(2));
    }

    @Test
    void singleNumberHeaderIsOneFold() {
        LfwPairs p = LfwPairs.parse(List.of("2", "A 1 2", "B 3 4", "A 1 B 1", "C 1 D 2"), FILE);
        assertEquals(1, p.folds());
        assertEquals(4, p.fold(1).size());
        assertEquals(List.of(true, true, false, false), p.pairs().stream().map(LfwPair::matched).toList());
    }

    private static void assertMalformed(List<String> lines, String... expectedParts) {
        UserFacingException e = assertThrows(UserFacingException.class, () -> LfwPairs.parse(lines, FILE));
        assertTrue(e.getMessage().startsWith(FILE.toString()), e.getMessage());
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void malformedLinesNameFileAndLine() {
        assertMalformed(List.of("2\t1", "Ann\t1\t2", "Ann\t1\tBob", "Cy\t2\t3", "Cy\t1\tDee\t4"),
                "line 3", "mismatched pair", "3 fields");
        assertMalformed(List.of("2\t1", "Ann\t1\tBob\t2", "Ann\t1\tBob\t1"), "line 2", "matched pair");
        assertMalformed(List.of("2\t1", "Ann\tone\t2"), "line 2", "image number", "\"one\"");
        assertMalformed(List.of("2\t1", "Ann\t0\t2"), "line 2", "image number");
        assertMalformed(List.of("2\t1", "Ann\t1\t2", "Ann\t1\tAnn\t3"), "line 3", "same person");
        assertMalformed(List.of("ten\t300"), "line 1", "number of folds");
        assertMalformed(List.of("1 2 3"), "line 1", "header");
        assertMalformed(List.of(), "empty pairs file");
    }

    @Test
    void wrongNumberOfLinesIsAnError() {
        List<String> shortFile = twoFolds().subList(0, 4);
        assertMalformed(shortFile, "ends after 3 pairs", "announces 4");
        List<String> longer = new java.util.ArrayList<>(twoFolds());
        longer.add("Eve\t1\t2");
        assertMalformed(longer, "line 7", "extra line");
    }

    @Test
    void aPairNamingAMissingImageNamesFileAndLine() {
        Path root = Path.of("/data/lfw/lfw-deepfunneled");
        FaceDataset set = new FaceDataset(root, List.of(
                new FaceRecord("Ann", 1, root.resolve("Ann/Ann_0001.jpg")),
                new FaceRecord("Ann", 2, root.resolve("Ann/Ann_0002.jpg")),
                new FaceRecord("Bob", 1, root.resolve("Bob/Bob_0001.jpg")),
                new FaceRecord("Cy", 1, root.resolve("Cy/Cy_0001.jpg")),
                new FaceRecord("Cy", 2, root.resolve("Cy/Cy_0002.jpg"))));
        LfwPairs p = LfwPairs.parse(twoFolds(), FILE);
        // Fold 1 resolves; fold 2 names Cy_0003 (line 4) which does not exist.
        assertEquals(2, p.resolve(set, List.of(1)).size());
        UserFacingException e = assertThrows(UserFacingException.class, () -> p.resolve(set));
        assertTrue(e.getMessage().startsWith(FILE + " line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("Cy_0003.jpg") && e.getMessage().contains("2 images"), e.getMessage());
    }
}
