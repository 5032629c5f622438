package org.bridge.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.bridge.config.BridgeLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFaceSetTest {

    private static final SyntheticFaceSet BUNDLED = new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled());

    @Test
    void identitiesAreStableAndDistinct() {
        // Same seed, same person: regenerating must never change who someone is.
        assertEquals(BUNDLED.identity(7), new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).identity(7));
        // A person does not depend on how many people are generated.
        SyntheticFaceSet bigger = new SyntheticFaceSet(new SyntheticFaceSet.Spec(80, 12, 10, 30,
                SyntheticFaceSet.Spec.bundled().seed(), 0.9f));
        assertEquals(BUNDLED.identity(3), bigger.identity(3));
        Set<FaceIdentity> distinct = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            distinct.add(BUNDLED.identity(i));
        }
        assertEquals(40, distinct.size());
    }

    @Test
    void renderingIsDeterministicAndVariesBetweenShots() {
        BufferedImage a = BUNDLED.render(4, 2);
        BufferedImage b = BUNDLED.render(4, 2);
        BufferedImage c = BUNDLED.render(4, 3);
        assertEquals(250, a.getWidth());
        assertEquals(250, a.getHeight());
        int[] pa = a.getRGB(0, 0, 250, 250, null, 0, 250);
        assertArrayEquals(pa, b.getRGB(0, 0, 250, 250, null, 0, 250));
        assertFalse(java.util.Arrays.equals(pa, c.getRGB(0, 0, 250, 250, null, 0, 250)));
    }

    @Test
    void pairsAreLfwShapedAndFoldsAreIdentityDisjoint() {
        List<SyntheticFaceSet.Pair> pairs = BUNDLED.pairs();
        assertEquals(10 * 60, pairs.size());
        Map<String, Integer> foldOfPerson = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            int fold = i / 60;
            SyntheticFaceSet.Pair p = pairs.get(i);
            // Within a fold: 30 matched, then 30 mismatched.
            assertEquals(i % 60 < 30, p.matched(), "pair " + i);
            assertNotEquals(p.matched() ? -1 : p.imageA(), p.matched() ? p.imageA() : -1);
            for (String person : List.of(p.nameA(), p.nameB())) {
                Integer seen = foldOfPerson.putIfAbsent(person, fold);
                assertTrue(seen == null || seen == fold, person + " appears in folds " + seen + " and " + fold);
            }
            if (p.matched()) {
                assertTrue(p.imageA() < p.imageB());
            }
            assertTrue(p.imageA() >= 1 && p.imageA() <= 12 && p.imageB() >= 1 && p.imageB() <= 12);
        }
        assertEquals(40, foldOfPerson.size());
        assertEquals(600, new HashSet<>(pairs).size(), "no duplicate pairs");
        String text = BUNDLED.pairsText();
        assertTrue(text.startsWith("10\t30\n"));
        assertEquals(601, text.split("\n").length);
    }

    @Test
    void writesFolderPerIdentityLayout(@TempDir Path dir) throws IOException {
        SyntheticFaceSet small = new SyntheticFaceSet(new SyntheticFaceSet.Spec(4, 3, 2, 2, 5L, 0.9f));
        small.writeTo(dir);
        for (int p = 0; p < 4; p++) {
            String name = SyntheticFaceSet.personName(p);
            for (int n = 1; n <= 3; n++) {
                Path f = dir.resolve(name).resolve(SyntheticFaceSet.imageFileName(name, n));
                BufferedImage img = ImageIO.read(f.toFile());
                assertEquals(250, img.getWidth(), f.toString());
            }
        }
        assertEquals(small.pairsText(), Files.readString(dir.resolve("pairs.txt"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("dataset.properties")).contains("synthetic=true"));
    }

    /** The committed sample-data/ must be what the generator makes (counts, pairs, descriptor). */
    @Test
    void committedSampleDataMatchesTheGenerator() throws IOException {
        Path sample = BridgeLocations.fromSystem().sampleData();
        assertTrue(Files.isDirectory(sample), "sample-data missing at " + sample);
        assertEquals(BUNDLED.pairsText(), Files.readString(sample.resolve("pairs.txt"), StandardCharsets.UTF_8));
        int images = 0;
        for (int p = 0; p < 40; p++) {
            String name = SyntheticFaceSet.personName(p);
            try (var files = Files.list(sample.resolve(name))) {
                images += (int) files.filter(f -> f.toString().endsWith(".jpg")).count();
            }
        }
        assertEquals(480, images);
        assertTrue(Files.isRegularFile(sample.resolve("README.md")));
    }
}
