package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.data.LfwBridgeProtocol.Split;
import org.bridge.data.LfwBridgeProtocol.SplitStatistics;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;

/** Readers and the bridge protocol on the real LFW and ORL in ../shared/data. */
class RealFaceDataTest {

    @Test
    void everyLfwImageDecodes() {
        FaceDataset lfw = FaceDataset.readFolder(RequiredResources.lfw());
        assertEquals(5749, lfw.people().size());
        assertEquals(13233, lfw.size());
        ImageDecoder decoder = new ImageDecoder();
        AtomicInteger ok = new AtomicInteger();
        long t0 = System.nanoTime();
        lfw.records().parallelStream().forEach(r -> {
            RgbImage img = decoder.decode(r);
            if (img.width() == 250 && img.height() == 250) {
                ok.incrementAndGet();
            }
        });
        System.out.printf("decoded %d LFW images in %.1f s%n", ok.get(), (System.nanoTime() - t0) / 1e9);
        assertEquals(13233, ok.get());
    }

    @Test
    void everyOrlImageDecodes() {
        FaceDataset orl = FaceDataset.readFolder(RequiredResources.orl());
        assertEquals(40, orl.people().size());
        assertEquals(400, orl.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                orl.imagesOf("s1").stream().map(FaceRecord::number).toList());
        ImageDecoder decoder = new ImageDecoder();
        long sized = orl.records().parallelStream().map(decoder::decode)
                .filter(img -> img.width() == 92 && img.height() == 112).count();
        assertEquals(400, sized);
        // Grey: the three channels are equal, and the faces are not blank.
        RgbImage first = decoder.decode(orl.imagesOf("s1").get(0));
        double sum = 0;
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 92; x++) {
                assertEquals(first.get(x, y, 0), first.get(x, y, 2), 0f);
                sum += first.get(x, y, 0);
            }
        }
        double mean = sum / (92 * 112);
        assertTrue(mean > 30 && mean < 220, "mean grey " + mean);
    }

    @Test
    void pairsFilesParseAndResolve() {
        Path root = RequiredResources.lfw();
        LfwFaceSet lfw = LfwFaceSet.open(root);
        assertEquals(10, lfw.pairs().folds());
        assertEquals(6000, lfw.pairs().pairs().size());
        assertEquals(3000, lfw.pairs().pairs().stream().filter(LfwPair::matched).count());
        LfwPairs train = lfw.devTrain().orElseThrow();
        LfwPairs test = lfw.devTest().orElseThrow();
        assertEquals(2200, train.pairs().size());
        assertEquals(1000, test.pairs().size());
        assertEquals(1100, train.pairs().stream().filter(LfwPair::matched).count());
        assertEquals(2200, train.resolve(lfw.dataset()).size());
        assertEquals(1000, test.resolve(lfw.dataset()).size());
        assertEquals(6000, lfw.pairs().resolve(lfw.dataset()).size());
    }

    @Test
    void bridgeProtocolCountsMatchTheDataReadme() {
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(LfwFaceSet.open(RequiredResources.lfw()));
        assertEquals(1468, protocol.noFoldPeople().size());
        assertEquals(1549, protocol.noFoldImages());
        SplitStatistics a = protocol.split(Split.A).statistics();
        SplitStatistics b = protocol.split(Split.B).statistics();
        // Split A: public = folds 1-5 (2,086 people / 5,373 images, 774 with >= 2) + no-fold
        // (1,468 / 1,549, 52 with >= 2); target = folds 6-10 (2,195 people / 6,311 images).
        assertEquals(new SplitStatistics("A", List.of(1, 2, 3, 4, 5), List.of(6, 7, 8, 9, 10),
                2086 + 1468, 5373 + 1549, 774 + 52, 3000, 1500, 1500, 2195, 6311, 224, 1161, 1040), a);
        assertEquals(new SplitStatistics("B", List.of(6, 7, 8, 9, 10), List.of(1, 2, 3, 4, 5),
                2195 + 1468, 6311 + 1549, 854 + 52, 3000, 1500, 1500, 2086, 5373, 197, 1047, 940), b);
    }
}
