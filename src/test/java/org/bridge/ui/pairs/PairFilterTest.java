package org.bridge.ui.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;

import org.bridge.experiment.ScoredPair;
import org.junit.jupiter.api.Test;

class PairFilterTest {

    private static final ScoredPair MATCHED_RIGHT = new ScoredPair("A", 6, true, "a", 1, "a", 2, 0.9, 0.5);
    private static final ScoredPair MATCHED_WRONG = new ScoredPair("A", 6, true, "a", 1, "a", 3, 0.2, 0.5);
    private static final ScoredPair MISMATCHED_RIGHT = new ScoredPair("A", 6, false, "a", 1, "b", 2, 0.1, 0.5);
    private static final ScoredPair MISMATCHED_WRONG = new ScoredPair("A", 6, false, "a", 1, "b", 3, 0.8, 0.5);
    private static final List<ScoredPair> ALL = List.of(MATCHED_RIGHT, MATCHED_WRONG, MISMATCHED_RIGHT, MISMATCHED_WRONG);

    private static List<ScoredPair> keep(PairFilter.Kind k, PairFilter.Outcome o) {
        Predicate<ScoredPair> p = PairFilter.of(k, o);
        return ALL.stream().filter(p).toList();
    }

    @Test
    void filtersCombine() {
        assertEquals(ALL, keep(PairFilter.Kind.ALL, PairFilter.Outcome.ALL));
        assertEquals(List.of(MATCHED_RIGHT, MATCHED_WRONG), keep(PairFilter.Kind.MATCHED, PairFilter.Outcome.ALL));
        assertEquals(List.of(MATCHED_WRONG, MISMATCHED_WRONG), keep(PairFilter.Kind.ALL, PairFilter.Outcome.WRONG));
        assertEquals(List.of(MISMATCHED_RIGHT), keep(PairFilter.Kind.MISMATCHED, PairFilter.Outcome.CORRECT));
        assertEquals(ALL, keep(null, null));
    }

    @Test
    void theVerdictTextNamesTheTruthOfAnError() {
        assertEquals("Verdict: same person, correct", PairsTabController.verdictText(MATCHED_RIGHT));
        assertEquals("Verdict: same person, WRONG (truth: different people)",
                PairsTabController.verdictText(MISMATCHED_WRONG));
    }
}
