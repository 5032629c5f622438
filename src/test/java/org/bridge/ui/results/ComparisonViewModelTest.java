package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.SeedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Results tab's baseline comparison without a JavaFX toolkit. */
class ComparisonViewModelTest {

    @TempDir Path runs;

    private void student(String name, String teacher, double separation, long... seeds) {
        for (long seed : seeds) {
            RunFolderFixture fx = new RunFolderFixture(new RunStore(runs)).student(name, teacher)
                    .separation(separation).seed(seed);
            fx.write("A");
            fx.write("B");
        }
    }

    private List<RunGroup> rows() {
        return RunGroup.of(new RunStore(runs).list().stream().map(RunRecord::read).toList());
    }

    private static ComparisonViewModel.Line line(ComparisonViewModel vm, String student) {
        return vm.lines().stream().filter(l -> l.student().student().equals(student)).findFirst().orElseThrow();
    }

    private static SeedGroup named(ComparisonViewModel vm, String student) {
        return vm.students().stream().filter(g -> g.student().equals(student)).findFirst().orElseThrow();
    }

    @Test
    void everyStudentShowsItsDifferenceWithTheChosenBaseline() {
        student("S-16-sc-E", "E", 0.6, 1, 2);
        student("S-16-c-O", "O", 0.0, 1);
        student("S-16-dc-E", "E", 0.6, 3);
        ComparisonViewModel vm = new ComparisonViewModel(Runnable::run, Runnable::run);
        vm.setRows(rows());
        assertEquals(3, vm.students().size(), "seeds pooled: three students, four rows");
        assertEquals(3, vm.lines().size());
        assertEquals("", line(vm, "S-16-sc-E").difference(), "no baseline yet");

        vm.chooseBaseline(named(vm, "S-16-c-O"));
        ComparisonViewModel.Line sc = line(vm, "S-16-sc-E");
        assertEquals("holds", sc.verdict());
        assertTrue(sc.difference().startsWith("+"), sc.difference());
        assertTrue(sc.interval().matches("\\[\\+\\d+\\.\\d\\d, \\+\\d+\\.\\d\\d\\]"), sc.interval());
        assertTrue(sc.accuracy().contains("\u00b1"), "two seeds: mean \u00b1 std, " + sc.accuracy());
        assertEquals(2, sc.result().orElseThrow().firstSeeds());
        assertEquals("baseline", line(vm, "S-16-c-O").verdict());
        assertEquals("", line(vm, "S-16-c-O").difference());
        assertTrue(!line(vm, "S-16-c-O").accuracy().contains("\u00b1"), "one seed: no std");
        assertEquals("holds", line(vm, "S-16-dc-E").verdict());

        // Against an equally good student: within noise; against a better one: does not hold.
        vm.chooseBaseline(named(vm, "S-16-dc-E"));
        assertEquals("within noise", line(vm, "S-16-sc-E").verdict());
        assertEquals("does not hold", line(vm, "S-16-c-O").verdict());

        // A refresh keeps the baseline.
        vm.setRows(rows());
        assertEquals("S-16-dc-E", vm.baselineProperty().get().student());
        assertEquals("within noise", line(vm, "S-16-sc-E").verdict());
        vm.chooseBaseline(null);
        assertNull(vm.baselineProperty().get());
        assertEquals("", line(vm, "S-16-sc-E").verdict());
    }

    @Test
    void aComparisonFinishedAfterTheBaselineChangedIsDropped() {
        student("S-16-sc-E", "E", 0.6, 1);
        student("S-16-c-O", "O", 0.0, 1);
        Queue<Runnable> background = new ArrayDeque<>();
        ComparisonViewModel vm = new ComparisonViewModel(Runnable::run, background::add);
        vm.setRows(rows());
        vm.chooseBaseline(named(vm, "S-16-c-O"));
        assertEquals(ComparisonViewModel.COMPUTING, line(vm, "S-16-sc-E").verdict());
        vm.chooseBaseline(named(vm, "S-16-sc-E"));
        background.poll().run(); // the first baseline's comparisons arrive late
        assertEquals("baseline", line(vm, "S-16-sc-E").verdict());
        assertEquals(ComparisonViewModel.COMPUTING, line(vm, "S-16-c-O").verdict());
        background.poll().run();
        assertEquals("does not hold", line(vm, "S-16-c-O").verdict());
    }
}
