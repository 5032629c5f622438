package org.bridge.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared runs model without a JavaFX toolkit: publishing runs on a queue drained by the test. */
class RunsViewModelTest {

    @TempDir Path runs;

    /** Stands in for the JavaFX thread: the test runs what the model publishes. */
    private final BlockingQueue<Runnable> fx = new ArrayBlockingQueue<>(100);

    private void publishNext() throws InterruptedException {
        Runnable r = fx.poll(60, TimeUnit.SECONDS);
        assertTrue(r != null, "the runs folder was not read within 60 s");
        r.run();
    }

    @Test
    void readsTheFolderAndKeepsTheSelectionByRowAcrossARefresh() throws Exception {
        RunFolderFixture fx1 = new RunFolderFixture(new RunStore(runs));
        fx1.write("A");
        fx1.seed(2).write("A");
        RunsViewModel vm = new RunsViewModel(fx::add);
        vm.open(runs);
        publishNext();
        assertEquals(2, vm.rows().size());
        assertEquals(2, vm.runs().size());
        assertEquals("", vm.problemProperty().get());

        RunGroup seed2 = vm.rows().get(1);
        vm.select(List.of(seed2));
        // Split B of the seed-2 student finishes: its row becomes A+B, and stays selected.
        fx1.seed(2).write("B");
        vm.refresh();
        publishNext();
        assertEquals(2, vm.rows().size());
        assertEquals(3, vm.runs().size());
        assertEquals(1, vm.selectedRows().size());
        RunGroup now = vm.selectedRows().get(0);
        assertEquals(seed2.key(), now.key());
        assertNotSame(seed2, now);
        assertEquals("A+B", now.row().splits());
    }

    @Test
    void pollingNoticesARunThatFinishes() throws Exception {
        RunFolderFixture fixture = new RunFolderFixture(new RunStore(runs));
        fixture.incomplete().write("A");
        RunsViewModel vm = new RunsViewModel(fx::add);
        vm.open(runs);
        publishNext();
        assertEquals(0, vm.rows().size());
        assertEquals(1, vm.runs().size());
        vm.startPolling();
        try {
            fixture.write("A");
            publishNext(); // only a changed folder is published
            assertEquals(1, vm.rows().size());
            assertTrue(Files.isRegularFile(vm.rows().get(0).runs().get(0).folder().file(RunFolder.RESULTS)));
        } finally {
            vm.stopPolling();
        }
        assertTrue(!vm.isPolling());
    }

    @Test
    void aMissingRunsFolderIsEmptyNotAnError() throws Exception {
        RunsViewModel vm = new RunsViewModel(fx::add);
        vm.open(runs.resolve("not-yet"));
        publishNext();
        assertEquals(0, vm.rows().size());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void aDamagedRunIsNamedAndTheRestIsShown() throws Exception {
        RunFolderFixture fixture = new RunFolderFixture(new RunStore(runs));
        fixture.write("A");
        RunFolder b = fixture.write("B");
        Path scores = b.file(RunFolder.PAIR_SCORES);
        Files.write(scores, Files.readAllLines(scores).subList(0, 31));
        RunFolder broken = fixture.seed(2).write("A");
        Files.writeString(broken.file(RunFolder.RESULTS), "{ not json");
        RunsViewModel vm = new RunsViewModel(fx::add);
        vm.open(runs);
        publishNext();
        assertEquals(1, vm.rows().size());
        assertEquals("A", vm.rows().get(0).row().splits(), "the short split B is not pooled");
        String problem = vm.problemProperty().get();
        assertTrue(problem.contains(scores + " has 30 pair rows"), problem);
        assertTrue(problem.contains(broken.file(RunFolder.RESULTS).toString()), problem);
    }
}
