package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdentificationSubsetTest {

    private static FaceDataset people(int... counts) {
        List<FaceRecord> r = new ArrayList<>();
        for (int p = 0; p < counts.length; p++) {
            for (int n = 1; n <= counts[p]; n++) {
                r.add(new FaceRecord("P" + p, n, Path.of("P" + p, n + ".jpg")));
            }
        }
        return new FaceDataset(Path.of("."), r);
    }

    @Test
    void galleryIsTheFirstCeilHalfOfAtMostTwentyImages() {
        assertEquals(3, IdentificationSubset.galleryCount(5));
        assertEquals(3, IdentificationSubset.galleryCount(6));
        assertEquals(10, IdentificationSubset.galleryCount(20));
        // P0: 4 images (too few), P1: 5 -> 3 + 2, P2: 25 -> capped at 20 -> 10 + 10.
        FaceDataset set = people(4, 5, 25);
        IdentificationSubset s = IdentificationSubset.perPerson(set, set.people(), 5, 20);
        assertEquals(List.of("P1", "P2"), s.subjects());
        assertEquals(13, s.gallery().size());
        assertEquals(12, s.probes().size());
        assertEquals(List.of(1, 2, 3), s.gallery().stream().filter(r -> r.person().equals("P1"))
                .map(FaceRecord::number).toList());
        assertEquals(List.of(4, 5), s.probes().stream().filter(r -> r.person().equals("P1"))
                .map(FaceRecord::number).toList());
        assertEquals(List.of(11, 12, 13, 14, 15, 16, 17, 18, 19, 20), s.probes().stream()
                .filter(r -> r.person().equals("P2")).map(FaceRecord::number).toList());
    }

    @Test
    void uncappedSplitKeepsEveryoneWithTwoImages() {
        IdentificationSubset s = IdentificationSubset.perPerson(people(1, 2, 3));
        assertEquals(List.of("P1", "P2"), s.subjects());
        assertEquals(1 + 2, s.gallery().size());
        assertEquals(1 + 1, s.probes().size());
    }
}
