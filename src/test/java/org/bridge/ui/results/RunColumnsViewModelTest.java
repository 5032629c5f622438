package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.RunsSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing runs by their settings, without a JavaFX toolkit: columns, filter and pooling. */
class RunColumnsViewModelTest {

    @TempDir Path runs;

    private final ObservableList<RunGroup> rows = FXCollections.observableArrayList();
    private RunColumnsViewModel vm;

    private static JsonObject training(double lr) {
        JsonObject t = new JsonObject();
        t.addProperty("learningRate", lr);
        t.addProperty("finetuneEpochs", 20);
        return t;
    }

    /** S-16-sc-E seeds 1-3 at lr 0.002 (target pca), seed 1 at lr 0.001 (target adapted), another experiment. */
    @BeforeEach
    void writeRuns() {
        RunStore store = new RunStore(runs);
        for (long seed = 1; seed <= 3; seed++) {
            RunFolderFixture fx = new RunFolderFixture(store).experiment("pca").student("S-16-sc-E", "E").seed(seed)
                    .separation(0.1 * seed).config("training", training(0.002))
                    .config("regressionTarget", new JsonPrimitive("teacher-pca"));
            fx.write("A");
            fx.write("B");
        }
        RunFolderFixture slow = new RunFolderFixture(store).experiment("adapted").student("S-16-sc-E", "E")
                .config("training", training(0.001)).config("regressionTarget", new JsonPrimitive("adapted"));
        slow.write("A");
        slow.write("B");
        rows.setAll(RunsSnapshot.read(store).rows());
        vm = new RunColumnsViewModel(rows);
    }

    private List<String> settingTitles() {
        return vm.settingColumns().stream().map(RunColumnsViewModel.Column::title).toList();
    }

    @Test
    void theSettingsThatDifferBetweenTheListedRowsBecomeColumns() {
        assertEquals(List.of("lr", "Target"), settingTitles().stream().sorted(
                java.util.Comparator.comparing(t -> t.equals("lr") ? 0 : 1)).toList(),
                "fine-tune epochs, D(I) and the dataset agree; the seed has its own column");
        RunColumnsViewModel.Column lr = vm.settingColumns().stream().filter(c -> c.title().equals("lr")).findFirst()
                .orElseThrow();
        assertEquals("training.learningRate", lr.key());
        RunGroup adapted = rows.stream().filter(g -> g.row().experiment().equals("adapted")).findFirst().orElseThrow();
        assertEquals("0.001", vm.value(adapted, lr));

        // Only the pca rows listed: nothing differs between them but the seed.
        vm.setFilter("experiment=pca");
        assertEquals(3, vm.shownRows().size());
        assertEquals(List.of(), settingTitles());
    }

    @Test
    void theFilterNamesAnyColumnAndNumbersCompareAsNumbers() {
        vm.setFilter("lr=1e-3");
        assertEquals(List.of("adapted"), vm.shownRows().stream().map(g -> g.row().experiment()).toList());
        vm.setFilter("target=pca seed!=2");
        assertEquals(List.of(1L, 3L), vm.shownRows().stream().map(g -> g.row().seed()).toList());
        vm.setFilter("finetuneEpochs=20 S-16");
        assertEquals(4, vm.shownRows().size(), "a setting all rows share still filters");
        assertEquals("", vm.filterProblemProperty().get());

        vm.setFilter("colour=red seed=3");
        assertEquals(1, vm.shownRows().size(), "the known term still applies");
        assertTrue(vm.filterProblemProperty().get().contains("No column colour"), vm.filterProblemProperty().get());
        vm.setFilter("");
        assertEquals(4, vm.shownRows().size());
        assertEquals("", vm.filterProblemProperty().get());
    }

    @Test
    void poolingOverSeedGivesTheMeanAndStdOfEachCellsSeeds() {
        assertTrue(vm.pooledRows().isEmpty(), "no pooling until a column is chosen");
        RunColumnsViewModel.Column seed = vm.columns().stream().filter(c -> c.key().equals("seed")).findFirst()
                .orElseThrow();
        vm.pooledOverProperty().set(seed);
        assertEquals(2, vm.pooledRows().size(), "the pca cell's three seeds, and the adapted cell");
        RunColumnsViewModel.PooledRow pca = vm.pooledRows().stream()
                .filter(p -> p.value(RunColumnsViewModel.FIXED.get(5)).equals("pca")).findFirst().orElseThrow();
        assertEquals("1, 2, 3", pca.value(seed));
        assertEquals(3, pca.members().size());
        double[] acc = pca.members().stream().mapToDouble(g -> g.row().accuracy()).toArray();
        double mean = (acc[0] + acc[1] + acc[2]) / 3;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        assertEquals(mean, pca.accuracy().mean(), 1e-12);
        assertEquals(Math.sqrt(ss / 2), pca.accuracy().std(), 1e-12);
        assertFalse(Double.isNaN(pca.accuracy().std()));
        assertTrue(pca.accuracy().pct().contains("\u00b1"));
        double[] heldOut = pca.members().stream().mapToDouble(g -> g.row().protocol().heldOutAccuracy()).toArray();
        assertEquals((heldOut[0] + heldOut[1] + heldOut[2]) / 3, pca.heldOutAccuracy().mean(), 1e-12);
        assertEquals(mean, pca.heldOutAccuracy().mean(), 1e-12, "no setting chosen on these folds: all held out");
        assertEquals(0, pca.heldOutFlipAccuracy().n(), "these runs have no flip-averaged scores: no number");
        assertTrue(Double.isNaN(pca.heldOutFlipAccuracy().mean()));

        // The filter applies before pooling; back to no pooling.
        vm.setFilter("seed!=3");
        assertEquals(2, vm.pooledRows().stream().filter(p -> p.members().size() == 2).findFirst().orElseThrow()
                .members().size());
        vm.pooledOverProperty().set(null);
        assertTrue(vm.pooledRows().isEmpty());
    }
}
