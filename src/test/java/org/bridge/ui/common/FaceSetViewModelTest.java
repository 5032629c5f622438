package org.bridge.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs without a JavaFX toolkit: the two threads are replaced by queues the test drains. */
class FaceSetViewModelTest {

    private final List<Runnable> background = new ArrayList<>();
    private final List<Runnable> fx = new ArrayList<>();
    private final FaceSetViewModel vm = new FaceSetViewModel(background::add, fx::add);

    private void runAll() {
        while (!background.isEmpty() || !fx.isEmpty()) {
            List<Runnable> now = new ArrayList<>(background);
            background.clear();
            now.addAll(fx);
            fx.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void readsTheFaceSetOffTheCallingThread() {
        Path sample = BridgeLocations.fromSystem().sampleData();
        vm.open(sample);
        assertEquals(sample, vm.rootProperty().get());
        assertTrue(vm.readingProperty().get());
        assertNull(vm.datasetProperty().get(), "nothing is read on the calling thread");
        runAll();
        assertFalse(vm.readingProperty().get());
        assertEquals(480, vm.datasetProperty().get().size());
        assertEquals(40, vm.datasetProperty().get().people().size());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void aMissingFolderIsAProblemNamingIt(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-faces");
        vm.open(missing);
        runAll();
        assertNull(vm.datasetProperty().get());
        assertTrue(vm.problemProperty().get().contains(missing.toString()), vm.problemProperty().get());
    }

    @Test
    void theLastOpenedFolderWins(@TempDir Path tmp) {
        vm.open(BridgeLocations.fromSystem().sampleData());
        vm.open(tmp.resolve("missing"));
        runAll();
        assertNull(vm.datasetProperty().get(), "the sample set finished reading after being replaced");
        assertFalse(vm.problemProperty().get().isEmpty());
    }
}
