package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir Path dir;

    @Test
    void aResultsCsvIsReplacedWholeNotAppendedTo() throws Exception {
        RunFolder f = new RunFolder(dir);
        f.writeCsv(RunFolder.ROC, "fpr,tpr,threshold", List.of("0,0,1", "1,1,0"));
        f.writeCsv(RunFolder.ROC, "fpr,tpr,threshold", List.of("0,0,0.5"));
        assertEquals(List.of("fpr,tpr,threshold", "0,0,0.5"), Files.readAllLines(f.file(RunFolder.ROC)));
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileWholeAndNoPartialFile() throws Exception {
        RunFolder f = new RunFolder(dir);
        f.writeCsv(RunFolder.PAIR_SCORES, ScoredPairs.HEADER, List.of("6,1,a,1,a,2,0.9"));
        // The lines run out half way: the state of a write cut short (a full disk, a killed process).
        Iterable<String> failing = () -> new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n++ == 100) {
                    throw new IllegalStateException("cut short");
                }
                return "7,0,b,1,c,1,0.1";
            }
        };
        assertThrows(IllegalStateException.class, () -> f.writeCsv(RunFolder.PAIR_SCORES, ScoredPairs.HEADER, failing));
        assertEquals(List.of(ScoredPairs.HEADER, "6,1,a,1,a,2,0.9"), Files.readAllLines(f.file(RunFolder.PAIR_SCORES)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f.file(RunFolder.PAIR_SCORES)), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void anUnknownStateNamesTheFileAndTheState() throws Exception {
        RunFolder f = new RunFolder(dir);
        Files.writeString(f.file(RunFolder.STATUS), "{\"state\": \"PAUSED\"}");
        UserFacingException e = assertThrows(UserFacingException.class, f::state);
        assertTrue(e.getMessage().contains(f.file(RunFolder.STATUS).toString())
                && e.getMessage().contains("PAUSED"), e.getMessage());
        Files.writeString(f.file(RunFolder.STATUS), "{\"message\": \"no state\"}");
        e = assertThrows(UserFacingException.class, f::state);
        assertTrue(e.getMessage().contains("no \"state\""), e.getMessage());
    }
}
