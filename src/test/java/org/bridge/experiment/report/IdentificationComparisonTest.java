package org.bridge.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdentificationComparisonTest {

    /** {@code n} probes, the first {@code hits} ranked first and the rest second. */
    private static int[] ranks(int n, int hits) {
        int[] r = new int[n];
        Arrays.fill(r, 2);
        Arrays.fill(r, 0, hits, 1);
        return r;
    }

    private static IdentificationComparison.Side side(int[]... seeds) {
        return new IdentificationComparison.Side(List.of(seeds));
    }

    @Test
    void theSameRanksDifferByNothing() {
        PairedComparison.Difference d = IdentificationComparison.compare(side(ranks(200, 150)), side(ranks(200, 150)));
        assertEquals(0, d.value(), 1e-12);
        assertEquals(0, d.low(), 1e-12);
        assertEquals(0, d.high(), 1e-12);
        assertEquals(PairedComparison.Verdict.WITHIN_NOISE, d.verdict());
    }

    @Test
    void aClearGainOnTheSameProbesHolds() {
        // The second misses 20 probes the first gets; both get the same 150 others.
        PairedComparison.Difference d = IdentificationComparison.compare(side(ranks(200, 170)), side(ranks(200, 150)));
        assertEquals(0.10, d.value(), 1e-12);
        assertTrue(d.low() > 0.05 && d.high() < 0.15, d.formatted());
        assertEquals(PairedComparison.Verdict.HOLDS, d.verdict());
        assertEquals(PairedComparison.Verdict.DOES_NOT_HOLD,
                IdentificationComparison.compare(side(ranks(200, 150)), side(ranks(200, 170))).verdict());
    }

    @Test
    void seedsThatDisagreeWidenTheInterval() {
        // Mean top-1 0.75 against 0.70, but the first side's seeds are 0.95 and 0.55.
        IdentificationComparison.Side spread = side(ranks(200, 190), ranks(200, 110));
        PairedComparison.Difference d = IdentificationComparison.compare(spread, side(ranks(200, 140), ranks(200, 140)));
        assertEquals(0.05, d.value(), 1e-12);
        assertEquals(PairedComparison.Verdict.WITHIN_NOISE, d.verdict(), d.formatted());
        assertEquals(0.95, spread.top1PerSeed()[0], 1e-12);
    }

    @Test
    void sidesMustRankTheSameProbes() {
        assertThrows(IllegalArgumentException.class,
                () -> IdentificationComparison.compare(side(ranks(200, 1)), side(ranks(199, 1))));
        assertThrows(IllegalArgumentException.class, () -> side());
    }
}
