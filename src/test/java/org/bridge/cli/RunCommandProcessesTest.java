package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ChildTask;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --processes 2}: both splits of a student train in two child JVMs, one OpenMP thread each on 2 cores. */
class RunCommandProcessesTest {

    @TempDir Path tmp;

    @Test
    void twoCellsRunInTwoChildProcessesIntoTheUsualRunFolders() throws Exception {
        Path spec = tmp.resolve("two.json");
        Files.writeString(spec, """
                {"name": "two", "dataset": {"kind": "sample"}, "splits": ["A", "B"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": 1, "batchSize": 64, "minImagesPerPerson": 2},
                 "degradation": {"count": 1}}
                """);
        Path runs = tmp.resolve("runs");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run("run", spec.toString(), "--runs", runs.toString(), "--processes", "2");
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        RunStore store = new RunStore(runs);
        List<RunFolder> folders = store.list();
        assertEquals(2, folders.size(), text);
        for (RunFolder f : folders) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage() + "\n" + text);
            assertTrue(Files.readString(f.file("console.log")).contains("epoch 1/1"), "the child's console is kept");
            JsonObject provenance = f.readJson(RunFolder.PROVENANCE).orElseThrow();
            int expected = CellProcesses.threadsPerProcess(Runtime.getRuntime().availableProcessors(), 2);
            assertEquals(String.valueOf(expected), provenance.get("omp_threads").getAsString());
        }
        assertEquals(0, rc, text);
        assertTrue(text.contains("started  S-16-c-O split A") && text.contains("started  S-16-c-O split B"), text);
        assertTrue(text.contains("| S-16-c-O"), "the results table of both cells:\n" + text);

        // Nothing left to do: a second call starts no process.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        System.setOut(new PrintStream(again, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("run", spec.toString(), "--runs", runs.toString(), "--processes", "2"));
        } finally {
            System.setOut(old);
        }
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("0 student/loss/split group(s)"), again.toString());
    }

    @Test
    void eachLossOfAStudentIsAChildOfItsOwn() throws Exception {
        Path spec = tmp.resolve("losses.json");
        Files.writeString(spec, """
                {"name": "losses", "dataset": {"kind": "sample"}, "splits": ["A", "B"], "seeds": [1],
                 "students": ["S-16-sc-E"], "losses": ["softmax", "cosface"]}
                """);
        RunStore store = new RunStore(tmp.resolve("runs"));
        ExperimentSpec.Students table = ExperimentSpec.readStudents(spec).onlySplits(List.of("A"), spec.toString());
        List<ChildRuns.Job> jobs = CellProcesses.forExperiment(spec, table, store, 2).jobs();
        assertEquals(List.of("S-16-sc-E softmax split A", "S-16-sc-E cosface split A"),
                jobs.stream().map(ChildRuns.Job::label).toList());
        ChildTask.Cells task = (ChildTask.Cells) jobs.get(1).task();
        assertEquals(List.of("S-16-sc-E"), task.students());
        assertEquals(List.of("cosface"), task.losses());
        assertEquals(List.of("A"), task.splits());
        assertEquals(task, ChildTask.parse(task.args()), "the child reads back what the parent wrote");
        assertFalse(task.args().contains(RunOptions.DL4J_STATS_OPTION), "records nothing extra unless asked");

        // Asked to record DL4J statistics, every child records them the same way.
        for (ChildRuns.Job job : CellProcesses.forExperiment(spec, table, store, 2, new RunOptions(7)).jobs()) {
            int at = job.args().indexOf(RunOptions.DL4J_STATS_OPTION);
            assertTrue(at > 0, job.args().toString());
            assertEquals("7", job.args().get(at + 1));
        }
        RunFolder queued = store.folder("losses", "S-16-sc-E_softmax_splitA_seed1");
        List<String> child = ChildRuns.queueJobs(List.of(queued), store, new RunOptions(7)).get(0).args();
        assertEquals(List.of(RunOptions.DL4J_STATS_OPTION, "7"), child.subList(child.size() - 2, child.size()));
    }

    @Test
    void threadsAreSharedOutAndNeverZero() {
        assertEquals(1, CellProcesses.threadsPerProcess(2, 2));
        assertEquals(4, CellProcesses.threadsPerProcess(8, 2));
        assertEquals(1, CellProcesses.threadsPerProcess(2, 3));
    }
}
