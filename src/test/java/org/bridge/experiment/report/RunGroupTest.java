package org.bridge.experiment.report;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunGroupTest {

    @TempDir Path runs;

    private List<RunRecord> records() {
        return new RunStore(runs).list().stream().map(RunRecord::read).toList();
    }

    @Test
    void bothSplitsOfAStudentAreOneFullLfwRowWithTheTablesNumbers() {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs));
        fx.write("B");
        fx.write("A");
        List<RunGroup> groups = RunGroup.of(records());
        assertEquals(1, groups.size());
        RunGroup g = groups.get(0);
        assertTrue(g.isFullLfw());
        assertEquals(List.of("A", "B"), g.runs().stream().map(RunRecord::split).toList());
        assertEquals(ResultsTable.of(records()).rows().get(0), g.row());
        // Called "full LFW" only on the real LFW; the fixture names sample faces.
        assertEquals("A+B", g.row().splits());
        assertEquals("S-16-c-O A+B", g.label());
        assertEquals(120, g.row().pairs());
    }

    @Test
    void seedsAreSeparateRowsAndUnfinishedRunsHaveNone() {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs));
        fx.write("A");
        fx.seed(2).write("A");
        fx.student("S-16-sc-E", "E").incomplete().write("A");
        List<RunGroup> groups = RunGroup.of(records());
        assertEquals(2, groups.size());
        assertEquals(List.of("S-16-c-O A", "S-16-c-O A (softmax, seed 2)"),
                groups.stream().map(RunGroup::label).toList());
        assertFalse(groups.get(0).isFullLfw());
        assertEquals(3, records().size(), "the running run is still a run folder");
    }

    @Test
    void recordsOfFollowTheGivenRowOrderSoAnExportKeepsTheTablesSorting() {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs));
        fx.write("A");
        fx.seed(2).write("A");
        List<RunGroup> groups = RunGroup.of(records());
        List<RunGroup> reversed = List.of(groups.get(1), groups.get(0));
        List<ResultsTable.Row> rows = ResultsTable.of(RunGroup.recordsOf(reversed)).rows();
        assertEquals(List.of(2L, 1L), rows.stream().map(ResultsTable.Row::seed).toList());
    }
}
