package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folder names: every cell's id is accepted, nothing that leaves the runs folder is. */
class RunStoreTest {

    @TempDir Path runs;

    @Test
    void cellIdsIncludingSphereFacePlusAreFolderNames() {
        RunStore store = new RunStore(runs);
        RunFolder f = store.folder("fig4-verification", "S-16-sc-E_sphereface+_splitA_seed1");
        assertEquals(runs.resolve("fig4-verification").resolve("S-16-sc-E_sphereface+_splitA_seed1"), f.dir());
    }

    @Test
    void namesThatLeaveTheRunsFolderAreRefused() {
        for (String bad : new String[] {"..", ".", "a/b", "a\\b", "", "x y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunStore.safe(bad), bad);
            assertEquals(true, e.getMessage().contains("not a safe folder name"), e.getMessage());
        }
    }
}
