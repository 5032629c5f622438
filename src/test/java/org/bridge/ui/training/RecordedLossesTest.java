package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's losses.csv read back the way the Training chart shows live losses. */
class RecordedLossesTest {

    @TempDir Path run;

    @Test
    void pointsInFileOrderWithAMarkerAfterEachEpoch() throws Exception {
        Files.writeString(run.resolve("losses.csv"), """
                phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate
                pretrain,1,1,0,7.1,6.5,NaN,0.002
                pretrain,1,2,1,7.0,6.4,NaN,0.002
                c,1,1,2,6.9,6.3,0.1,0.001
                c,2,1,3,6.8,6.2,0.1,0.001
                c,2,2,4,6.7,6.1
                """);
        RecordedLosses running = RecordedLosses.read(run, false);
        assertEquals(4, running.points().size(), "the half-written last line is left out");
        assertEquals(3L, running.points().get(3).globalIteration());
        assertEquals(6.2, running.points().get(3).classification());
        assertTrue(Double.isNaN(running.points().get(0).regression()));
        assertEquals("pretrain", running.points().get(0).phase());
        // Epochs change after iterations 1 (phase) and 2 (epoch); a run still training has no final marker.
        assertEquals(List.of(1.5, 2.5), running.epochEnds());
        assertEquals(List.of(1.5, 2.5, 3.5), RecordedLosses.read(run, true).epochEnds());
    }

    @Test
    void whatARunRecordedBeforeItResumed() throws Exception {
        Files.writeString(run.resolve("losses.csv"), """
                phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate
                c,1,1,0,6.9,6.3,0.1,0.001
                c,1,2,1,6.8,6.2,0.1,0.001
                c,2,1,2,6.7,6.1,0.1,0.001
                c,2,2,3,6.6,6.0,0.1,0.001
                """);
        // Resumed at iteration 2 (the start of epoch 2): epoch 1 and its marker are its history.
        RecordedLosses history = RecordedLosses.read(run, true).before(2);
        assertEquals(List.of(0L, 1L), history.points().stream().map(p -> p.globalIteration()).toList());
        assertEquals(List.of(1.5), history.epochEnds());
    }

    @Test
    void aRunWithoutLossesSaysSo() {
        UserFacingException e = assertThrows(UserFacingException.class, () -> RecordedLosses.read(run, true));
        assertTrue(e.getMessage().contains("recorded no losses"), e.getMessage());
    }
}
