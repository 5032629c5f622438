package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.data.LfwFaceSet;
import org.bridge.data.synthetic.SyntheticFaceSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification end to end on a small synthetic set in LFW layout: pairs -> features -> folds. */
class SyntheticVerificationTest {

    @TempDir
    static Path dir;

    private static LfwBridgeProtocol protocol;

    @BeforeAll
    static void generate() throws Exception {
        new SyntheticFaceSet(new SyntheticFaceSet.Spec(20, 5, 10, 4, 11L, 0.9f)).writeTo(dir);
        protocol = LfwBridgeProtocol.of(LfwFaceSet.open(dir));
    }

    /** Features that know the person: one-hot identity, so every pair is decided right. */
    private static FeatureSource oracle(List<String> people) {
        return r -> {
            float[] f = new float[people.size()];
            f[people.indexOf(r.person())] = 1;
            return Optional.of(f);
        };
    }

    @Test
    void fullLfwCombinesBothHalves() {
        List<String> people = protocol.lfw().dataset().people();
        BridgeSplit a = protocol.split(LfwBridgeProtocol.Split.A);
        BridgeSplit b = protocol.split(LfwBridgeProtocol.Split.B);
        VerificationScores halfA = VerificationScores.score("A", a.targetPairs(), oracle(people));
        VerificationScores halfB = VerificationScores.score("B", b.targetPairs(), oracle(people));
        assertEquals(List.of(6, 7, 8, 9, 10), halfA.folds());
        VerificationResult full = Verification.evaluate(List.of(halfB, halfA));
        assertEquals(80, full.pairs());
        assertEquals(10, full.folds().size());
        assertEquals(1.0, full.accuracy(), 1e-12);
        assertEquals(1.0, full.auc(), 1e-12);
        assertEquals(1.0, full.tprAtFpr1(), 1e-12);
    }

    @Test
    void pixelFeaturesThroughTheFeatureTable() {
        BridgeSplit a = protocol.split(LfwBridgeProtocol.Split.A);
        List<FaceRecord> images = new ArrayList<>();
        for (FacePair p : a.targetPairs()) {
            images.add(p.a());
            images.add(p.b());
        }
        AtomicInteger lastDone = new AtomicInteger();
        FeatureTable table = FeatureTable.extract(new PixelExtractor(8), images, new ImageDecoder(),
                BadImagePolicy.FAIL, (done, total) -> lastDone.set(done));
        assertEquals(table.size(), lastDone.get());
        assertEquals((250 / 8) * (250 / 8), table.dimension(), "synthetic faces are 250x250");
        VerificationResult r = Verification.evaluate(VerificationScores.score("pixels", a.targetPairs(), table));
        assertEquals(40, r.pairs());
        assertTrue(r.auc() >= 0 && r.auc() <= 1);
        assertEquals(5, r.folds().size());
    }

    @Test
    void bothSplitsEndToEndWithOneExtractionEach() {
        SplitEvaluation a = SplitEvaluation.run(protocol.split(LfwBridgeProtocol.Split.A), new PixelExtractor(8),
                new ImageDecoder(), BadImagePolicy.FAIL, SoftmaxClassifier.Config.defaults(), null);
        SplitEvaluation b = SplitEvaluation.run(protocol.split(LfwBridgeProtocol.Split.B), new PixelExtractor(8),
                new ImageDecoder(), BadImagePolicy.FAIL, SoftmaxClassifier.Config.defaults(), null);
        assertEquals(40, a.verificationResult().pairs());
        // 10 target people x 5 images: 3 gallery + 2 probes each.
        assertEquals(10, a.identification().softmax().classes());
        assertEquals(30, a.identification().galleryImages());
        assertEquals(20, a.identification().softmax().probes());
        assertEquals(0, a.skipped().count());
        VerificationResult full = SplitEvaluation.fullLfw(a, b);
        assertEquals(80, full.pairs());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                full.folds().stream().map(VerificationResult.FoldResult::fold).toList());
        assertThrows(IllegalArgumentException.class, () -> SplitEvaluation.fullLfw(a, a));
    }

    @Test
    void aTruncatedImageFailsOrIsSkipped() throws Exception {
        BridgeSplit a = protocol.split(LfwBridgeProtocol.Split.A);
        FacePair first = a.targetPairs().get(0);
        Path bad = first.a().file();
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        try {
            checkFailAndSkip(a, first, bad);
        } finally {
            Files.write(bad, bytes);
        }
    }

    private static void checkFailAndSkip(BridgeSplit a, FacePair first, Path bad) {
        List<FaceRecord> images = new ArrayList<>();
        for (FacePair p : a.targetPairs()) {
            images.add(p.a());
            images.add(p.b());
        }
        UserFacingException e = assertThrows(UserFacingException.class, () -> FeatureTable.extract(
                new PixelExtractor(8), images, new ImageDecoder(), BadImagePolicy.FAIL));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        FeatureTable table = FeatureTable.extract(new PixelExtractor(8), images, new ImageDecoder(),
                BadImagePolicy.SKIP);
        assertEquals(1, table.skipped().count());
        long affected = a.targetPairs().stream().filter(p -> p.a().equals(first.a()) || p.b().equals(first.a()))
                .count();
        VerificationScores s = VerificationScores.score("A", a.targetPairs(), table);
        assertEquals(affected, s.skippedPairs());
        assertEquals(40 - affected, s.scores().size());
    }
}
