package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.junit.jupiter.api.Test;

class ReportCommandTest {

    private static RunRecord run(String student, String split, RunState state, String message) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", "fig4-verification");
        cfg.addProperty("student", student);
        cfg.addProperty("loss", "softmax");
        cfg.addProperty("split", split);
        cfg.addProperty("seed", 1);
        Path dir = Path.of("runs", "fig4-verification", student + "_split" + split);
        return new RunRecord(new RunFolder(dir), cfg, state, message, Optional.empty());
    }

    @Test
    void runsWithoutResultsAreListedSoAHalfFinishedGridIsNotReadAsFinished() {
        List<String> lines = ReportCommand.unfinished(List.of(
                run("S-16-sc-E", "A", RunState.DONE, ""),
                run("S-32-sc-E", "B", RunState.CANCELLED, "cancelled after 4 of 12 epochs"),
                run("S-32-c-O", "A", RunState.RUNNING, "")));
        assertEquals(List.of(
                "not in the tables (2 unfinished runs):",
                "  S-32-c-O softmax split A seed 1: RUNNING  " + Path.of("runs", "fig4-verification", "S-32-c-O_splitA"),
                "  S-32-sc-E softmax split B seed 1: CANCELLED (cancelled after 4 of 12 epochs)  "
                        + Path.of("runs", "fig4-verification", "S-32-sc-E_splitB")), lines);
    }

    @Test
    void aFinishedGridAddsNothing() {
        assertEquals(List.of(), ReportCommand.unfinished(List.of(run("S-16-sc-E", "A", RunState.DONE, ""))));
    }
}
