package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue table's progress column, read from the run folders without a UI. */
class RunQueueProgressTest {

    @TempDir Path runs;

    @Test
    void aRunningRunShowsItsEpochOfPlannedAndTheTimeLeft() {
        RunStore store = new RunStore(runs);
        JsonObject training = new JsonObject();
        training.addProperty("pretrainEpochs", 10);
        training.addProperty("finetuneEpochs", 20);
        RunFolder running = new RunFolderFixture(store).config("training", training).incomplete().write("A");
        running.appendCsv(RunFolder.EPOCHS,
                "phase,epoch,epochs,seconds,samples_per_second,mean_total,mean_classification,mean_regression",
                List.of("c,1,30,600.000,300.0,3.0,3.0,NaN", "c,2,30,600.000,300.0,2.0,2.0,NaN"));
        new RunFolderFixture(store).config("training", training).seed(2).write("A");

        List<RunRow> rows = RunQueueViewModel.read(runs);
        RunRow r = rows.stream().filter(x -> x.folder().equals(running.dir())).findFirst().orElseThrow();
        // 28 epochs of 10 min left, the last one just ended: about 4 h 40 min.
        assertTrue(r.progress().startsWith("epoch 2/30, ETA 4 h 4"), r.progress());
        RunRow done = rows.stream().filter(x -> !x.folder().equals(running.dir())).findFirst().orElseThrow();
        assertEquals("done, 30 epochs", done.progress());
    }
}
