package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;
import org.bridge.experiment.run.TeacherlessRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a child JVM training a tiny cell, at a random point of its training (epochs are a
 * couple of iterations, so checkpoint writes are a good part of it), then the same experiment
 * run again: it completes, and the run folder reads as one clean run.
 */
class KilledRunResumesTest {

    private static final String CLI_MAIN = "org.bridge.cli.Main";
    private static final int EPOCHS = 6;

    @TempDir Path tmp;

    @Test
    void aRunKilledAtARandomPointResumesToACompleteRunFolder() throws Exception {
        long seed = Long.getLong("bridge.killSeed", System.nanoTime());
        Random random = new Random(seed);
        Path file = tmp.resolve("killed.json");
        Files.writeString(file, """
                {"name": "killed", "dataset": {"kind": "sample"}, "splits": ["A"], "seeds": [1],
                 "students": ["S-16-c-O"], "losses": ["softmax"],
                 "training": {"pretrainEpochs": 0, "finetuneEpochs": %d, "batchSize": 32, "maxPeople": 4},
                 "degradation": {"count": 1}}
                """.formatted(EPOCHS));
        Path runs = tmp.resolve("runs");
        ExperimentSpec.Students spec = ExperimentSpec.read(file).asStudents("test");
        RunFolder folder = new RunStore(runs).folder(spec.name(), spec.cells().get(0).id());

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CLI_MAIN, "run", file.toString(), "--runs",
                runs.toString()));
        Path console = tmp.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        String when;
        try {
            // Wait for training to start, then let it go on for a random while.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!Files.exists(folder.file(RunFolder.LOSSES)) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long delay = random.nextInt(2500);
            Thread.sleep(delay);
            when = describe(folder) + " (" + delay + " ms into training)";
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        }
        System.out.println("kill -9 seed " + seed + ": " + when);
        String context = "seed " + seed + ", killed " + when + "\n" + Files.readString(console);

        // The same experiment again, in this JVM.
        RunFolder resumed = runner(runs).run(spec, RunListener.NONE, new RunControl()).get(0);

        assertEquals(RunState.DONE, resumed.state(), resumed.stateMessage() + "\n" + context);
        assertTrue(resumed.isComplete());
        assertEquals(EPOCHS, resumed.readJson(RunFolder.RESULTS).orElseThrow().get("epochs").getAsInt(), context);
        assertTrue(Files.isRegularFile(resumed.file(RunFolder.MODEL)), context);
        assertTrue(partials(resumed.dir()).isEmpty(), "unfinished writes are gone: " + partials(resumed.dir()));
        assertTrue(partials(resumed.checkpointsDir()).isEmpty(), "unfinished writes are gone");
        assertEquals(EPOCHS, org.bridge.distill.Checkpoints.read(resumed.checkpointsDir().resolve("last.zip"))
                .getEpochCount(), context);

        // losses.csv: one well-formed row per iteration, never twice, in order up to the last one.
        List<String> rows = Files.readAllLines(resumed.file(RunFolder.LOSSES));
        assertEquals("phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate",
                rows.get(0));
        long last = -1;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertEquals(8, c.length, "a whole row: " + row + "\n" + context);
            long it = Long.parseLong(c[3]);
            assertTrue(it > last, "iterations once each, in order: " + rows + "\n" + context);
            last = it;
        }
        // epochs.csv: each epoch at most once, in order, ending with the last.
        List<String> epochRows = Files.readAllLines(resumed.file(RunFolder.EPOCHS));
        int previous = 0;
        for (String row : epochRows.subList(1, epochRows.size())) {
            int epoch = Integer.parseInt(row.split(",")[1]);
            assertTrue(epoch > previous, "epochs once each, in order: " + epochRows + "\n" + context);
            previous = epoch;
        }
        assertEquals(EPOCHS, previous, context);
    }

    private static String describe(RunFolder folder) {
        try (Stream<Path> files = Files.list(folder.checkpointsDir())) {
            return "with checkpoints " + files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return "before the first checkpoint";
        }
    }

    private static List<Path> partials(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    private static ExperimentRunner runner(Path runs) {
        return TeacherlessRunner.over(runs);
    }
}
