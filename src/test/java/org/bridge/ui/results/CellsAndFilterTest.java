package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellsAndFilterTest {

    @Test
    void numbersAreShownAsInThePapersTables() {
        assertEquals("87.67 \u00b1 8.25", Cells.pctWithStd(0.876666, 0.0825));
        assertEquals("", Cells.pctWithStd(Double.NaN, 0.1));
        assertEquals("208,432", Cells.count(208432));
    }

    @Test
    void everyFilterWordMustMatchSomeField() {
        String[] fields = {"S-16-sc-E", "lfw", "softmax", "A+B (full LFW)"};
        assertTrue(ResultsTabController.matches(new String[] {"16", "full"}, fields));
        assertTrue(ResultsTabController.matches(new String[] {""}, fields));
        assertFalse(ResultsTabController.matches(new String[] {"16", "arcface"}, fields));
        assertTrue(ResultsTabController.matches(new String[] {"sc-e"}, fields), "case does not matter");
    }

    @Test
    void missingNumbersSortAfterAllNumbers() {
        assertTrue(RunsOrder.compareNumbers(Double.NaN, 0.1) > 0);
        assertTrue(RunsOrder.compareNumbers(0.1, null) < 0);
        assertEquals(0, RunsOrder.compareNumbers(Double.NaN, null));
        assertTrue(RunsOrder.compareNumbers(0.2, 0.1) > 0);
    }
}
