package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose teacher weights are missing and cannot be fetched (here: no npm) records the named
 * error, saying what to run, as its status; nothing is trained.
 */
class TeacherFetchOnRunTest {

    @TempDir Path tmp;

    @Test
    void aFetchThatCannotWorkIsRecordedInTheRunsStatusWithWhatToRun() {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("nofetch").withSplits(List.of("A"))
                .withStudents(List.of("S-16-sc-E"));
        spec.validate("test spec");
        org.bridge.teacher.TeacherWeights empty = new org.bridge.teacher.TeacherWeights(tmp.resolve("teachers"),
                tmp.resolve("no-such-npm").toString());
        List<String> heard = new ArrayList<>();
        try (CachedTeacherFeatures teachers = new CachedTeacherFeatures(empty)) {
            RegressionTargets noAdaptation = (t, f, l, c, s, o, r) -> {
                throw new AssertionError("nothing runs without the teacher");
            };
            ExperimentRunner runner = new ExperimentRunner(new RunStore(tmp.resolve("runs")),
                    new ExperimentDatasets(BridgeLocations.fromSystem()), teachers, noAdaptation);
            RunFolder f = runner.run(spec, new RunListener() {
                @Override
                public void cellFinished(RunCell cell, RunFolder folder, RunState state, String message) {
                    heard.add(state + ": " + message);
                }
            }, new RunControl()).get(0);
            assertEquals(RunState.FAILED, f.state());
            String why = f.stateMessage();
            assertTrue(why.startsWith("the teacher weights @vladmandic/human@3.3.6 are not in "), why);
            assertTrue(why.contains("npm was not found") && why.contains("teachers fetch"), why);
            assertEquals(List.of("FAILED: " + why), heard);
        }
    }
}
