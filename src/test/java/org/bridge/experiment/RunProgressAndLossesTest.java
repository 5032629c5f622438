package org.bridge.experiment;

import org.bridge.experiment.report.RunLosses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's training progress from epochs.csv and its loss curve from losses.csv. */
class RunProgressAndLossesTest {

    @TempDir Path runs;

    private static JsonObject config(int pretrain, int finetune) {
        JsonObject t = new JsonObject();
        t.addProperty("pretrainEpochs", pretrain);
        t.addProperty("finetuneEpochs", finetune);
        JsonObject c = new JsonObject();
        c.add("training", t);
        return c;
    }

    @Test
    void progressCountsTheEpochsOfEveryPhaseAndEstimatesTheTimeLeft() throws Exception {
        RunFolder f = new RunStore(runs).folder("e", "S-16-sc-E_softmax_splitA_seed1");
        f.appendCsv(RunFolder.EPOCHS, "phase,epoch,epochs,seconds,samples_per_second,mean_total,mean_classification,mean_regression", List.of(
                "pre-train,1,2,100.000,300.0,3.0,3.0,NaN",
                "pre-train,2,2,140.000,300.0,2.0,2.0,NaN",
                "sc,1,8,120.000,300.0,1.0,0.5,0.5",
                "sc,1,8,121.000,300.0,1.0,0.5,0.5",
                "sc,2,8,12"));
        Instant lastEpochEnd = Instant.parse("2026-01-01T10:00:00Z");
        Files.setLastModifiedTime(f.file(RunFolder.EPOCHS), FileTime.from(lastEpochEnd));
        // 3 epochs done of 2 + 8 (the redone epoch once, the half-written line not at all): mean
        // (100 + 140 + 121) / 3 = 120.33 s, 7 left = 842.3 s, less the 60 s since the last one ended.
        RunProgress p = RunProgress.read(f, config(2, 8), RunState.RUNNING, lastEpochEnd.plusSeconds(60)).orElseThrow();
        assertEquals(3, p.done());
        assertEquals(10, p.planned());
        assertEquals(Optional.of(Duration.ofSeconds(782)), p.remaining());
        assertEquals("epoch 3/10, ETA 13 min", p.text());

        RunProgress stopped = RunProgress.read(f, config(2, 8), RunState.CANCELLED, Instant.now()).orElseThrow();
        assertEquals("epoch 3/10", stopped.text(), "no ETA for a run that is not running");
        RunFolder queued = new RunStore(runs).folder("e", "S-16-c-O_softmax_splitA_seed1");
        assertEquals("epoch 0/30", RunProgress.read(queued, config(10, 20), RunState.QUEUED, Instant.now())
                .orElseThrow().text());
        assertTrue(RunProgress.read(queued, new JsonObject(), RunState.QUEUED, Instant.now()).isEmpty(),
                "a run that trains no epochs has no progress");
        assertEquals("2 h 05 min", RunProgress.duration(Duration.ofMinutes(125)));
    }

    @Test
    void lossesAreReadPerIterationAndThinnedToMeansOfConsecutiveIterations() {
        RunFolder f = new RunStore(runs).folder("e", "S-16-sc-E_softmax_splitA_seed1");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(String.format(Locale.ROOT, "sc,1,%d,%d,%.1f,%.1f,%s,0.001", i, i, 10.0 - i, 5.0,
                    i < 5 ? "NaN" : "1.0"));
        }
        lines.add("sc,1,10,10,0.5");
        f.appendCsv(RunFolder.LOSSES, "phase,epoch,iteration,global_iteration,total,classification,regression,"
                + "learning_rate", lines);
        RunLosses all = RunLosses.read(f, 100);
        assertEquals(10, all.size(), "the half-written line is skipped");
        assertEquals(7.0, all.values(RunLosses.Kind.TOTAL)[3], 1e-12);
        RunLosses thin = RunLosses.read(f, 4);
        // Steps of 3 iterations: 0-2, 3-5, 6-8, 9.
        assertEquals(4, thin.size());
        assertEquals(1.0, thin.iteration()[0], 1e-12);
        assertEquals(9.0, thin.values(RunLosses.Kind.TOTAL)[0], 1e-12);
        assertTrue(Double.isNaN(thin.values(RunLosses.Kind.REGRESSION)[0]), "no regression in 0-2");
        assertEquals(1.0, thin.values(RunLosses.Kind.REGRESSION)[1], 1e-12, "NaN left out of the mean");

        RunFolder none = new RunStore(runs).folder("e", "other");
        assertThrows(UserFacingException.class, () -> RunLosses.read(none, 100));
    }
}
