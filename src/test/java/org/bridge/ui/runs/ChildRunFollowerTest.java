package org.bridge.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bridge.config.BridgeLocations;
import org.bridge.distill.Supervision;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStageFile;
import org.bridge.experiment.StudentSpec;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a child JVM writes into its run folder becomes the events a run in this JVM would send. */
class ChildRunFollowerTest {

    @TempDir Path tmp;
    private final ExperimentCell cell = new ExperimentCell("x", new StudentSpec(16, Supervision.c, TeacherId.O), "softmax", "A", 1);
    private final List<RunEvent> events = new ArrayList<>();

    private void append(Path f, String text) throws Exception {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void lossesEpochsAndStageAreFollowedAsTheChildWritesThem() throws Exception {
        RunFolder folder = new RunFolder(Files.createDirectories(tmp.resolve("run")));
        ChildRunFollower follower = new ChildRunFollower(cell, folder, events::add);
        follower.poll();
        assertEquals(List.of(), events, "nothing written yet");
        folder.setState(org.bridge.experiment.RunState.RUNNING, "");

        folder.writeJson(RunStageFile.FILE, Map.of("stage", "degrading public faces", "fraction", 0.5));
        Path losses = folder.file(RunFolder.LOSSES);
        append(losses, "phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate\n"
                + "c,1,1,1,3.5,3.5,0,0.002\nc,1,2,2,3.4,3.4,0,0.002\nc,1,3,3,3.");  // the last line is half written
        follower.poll();
        assertEquals(List.of("CellStarted", "Status degrading public faces 0.5", "Loss 1", "Loss 2"), describe());

        events.clear();
        append(losses, "3,3.3,0,0.002\nc,2,1,4,3.1,3.1,0,0.002\n");
        append(folder.file(RunFolder.EPOCHS), "phase,epoch,epochs,seconds,samples_per_second,mean_total,"
                + "mean_classification,mean_regression\nc,1,2,1.5,812.5,3.4,3.4,0\n");
        follower.poll();
        follower.poll();
        assertEquals(List.of("Loss 3", "Loss 4", "Epoch 1/2 812.5"), describe(), "each line once, the half line when whole");

        events.clear();
        // A resumed run rewrites losses.csv without the interrupted epoch's rows: only new iterations are sent.
        Files.writeString(losses, "phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate\n"
                + "c,1,1,1,3.5,3.5,0,0.002\nc,1,2,2,3.4,3.4,0,0.002\nc,1,3,3,3.3,3.3,0,0.002\n"
                + "c,2,1,4,3.0,3.0,0,0.002\nc,2,2,5,2.9,2.9,0,0.002\n");
        follower.poll();
        assertEquals(List.of("Loss 5"), describe());
    }

    @Test
    void aStageLeftByAnEarlierProcessIsForgottenBeforeTheChildStarts() throws Exception {
        RunFolder folder = new RunFolder(Files.createDirectories(tmp.resolve("run")));
        folder.writeJson(RunStageFile.FILE, Map.of("stage", "training S-16-c-O", "fraction", 0.9));
        folder.setState(org.bridge.experiment.RunState.RUNNING, "");
        ChildRunFollower.forgetOldStage(folder);
        new ChildRunFollower(cell, folder, events::add).poll();
        events.removeIf(e -> e instanceof RunEvent.CellStarted);
        assertEquals(List.of(), events);
    }

    @Test
    void theChildGetsTheWorkbenchsLocationsAndLeavesACoreToTheWindow() {
        assertEquals(1, ChildJvmRun.ompThreads(2));
        assertEquals(1, ChildJvmRun.ompThreads(1));
        assertEquals(7, ChildJvmRun.ompThreads(8));
        BridgeLocations l = FirstRunTest.locations(tmp.resolve("teachers"), tmp.resolve("runs"));
        Map<String, String> env = ChildJvmRun.environment(l);
        assertEquals(tmp.resolve("teachers").toString(), env.get("BRIDGE_TEACHER_CACHE"));
        assertEquals(tmp.resolve("runs").toString(), env.get("BRIDGE_RUNS"));
        assertEquals(l.lfwDir().toString(), env.get("BRIDGE_LFW"));
        assertTrue(env.containsKey("OMP_NUM_THREADS") && env.containsKey("OMP_WAIT_POLICY"), env.toString());
    }

    private List<String> describe() {
        List<String> out = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Status s) {
                out.add("Status " + s.stage() + " " + s.fraction());
            } else if (e instanceof RunEvent.Loss l) {
                out.add("Loss " + l.point().globalIteration());
            } else if (e instanceof RunEvent.Epoch ep) {
                out.add("Epoch " + ep.summary().epoch() + "/" + ep.summary().epochs() + " " + ep.summary().samplesPerSecond());
            } else if (e instanceof RunEvent.CellStarted) {
                out.add("CellStarted");
            } else {
                out.add(e.toString());
            }
        }
        return out;
    }
}
