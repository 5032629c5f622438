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

    /** The Results tab's rows come from {@link org.bridge.experiment.report.RunsSnapshot}, marked as the report marks them. */
    @Test
    void aRowWhoseSettingsWereChosenOnItsOwnTargetFoldIsMarked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path runs) {
        org.bridge.experiment.RunStore store = new org.bridge.experiment.RunStore(runs);
        org.bridge.experiment.RunFolderFixture fixture = new org.bridge.experiment.RunFolderFixture(store)
                .experiment("fig4").student("S-16-sc-E+pca", "E")
                .config("settingsChosenOn", com.google.gson.JsonParser.parseString("{\"A\": [5]}"));
        fixture.write("A");
        fixture.write("B");
        fixture.seed(2).write("A");
        java.util.List<org.bridge.experiment.report.RunGroup> rows = org.bridge.experiment.report.RunsSnapshot.read(store).rows();
        assertEquals(2, rows.size());
        org.bridge.experiment.report.RunGroup pooled = rows.stream().filter(g -> g.runs().size() == 2).findFirst().orElseThrow();
        org.bridge.experiment.report.RunGroup splitA = rows.stream().filter(g -> g.runs().size() == 1).findFirst().orElseThrow();
        assertEquals("A+B [leak]", Cells.splits(pooled.row()));
        assertTrue(pooled.row().protocol().label().contains("LEAK: A fold 5"), pooled.row().protocol().label());
        assertEquals("A", Cells.splits(splitA.row()), "split A's targets (folds 6-10) exclude fold 5");
        assertEquals("A fold 5", splitA.row().protocol().label());
    }
}
