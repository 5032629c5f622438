package org.bridge.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.cli.Main;
import org.bridge.config.FileClaim;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run EXPERIMENT --master spark://...} against a real Spark standalone master with two
 * one-core workers on 127.0.0.1 (separate JVMs, started from the Maven jars), the driver a
 * {@code bridge run} JVM of its own. Cut-down versions of {@code experiments/quick.json} keep the
 * test to about two minutes on two busy cores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneClusterTest {

    @TempDir static Path tmp;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, "2g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** quick.json with only split A and one epoch per phase, under another name. */
    private static Path quickCutDown(String name, String students, int pretrain, int finetune) throws IOException {
        Path quick = Path.of(System.getenv().getOrDefault("BRIDGE_REPO_DIR", "."), "experiments", "quick.json");
        JsonObject spec = JsonParser.parseString(Files.readString(quick)).getAsJsonObject();
        spec.addProperty("name", name);
        spec.add("splits", JsonParser.parseString("[\"A\"]"));
        spec.add("students", JsonParser.parseString(students));
        JsonObject training = spec.getAsJsonObject("training");
        training.addProperty("pretrainEpochs", pretrain);
        training.addProperty("finetuneEpochs", finetune);
        spec.getAsJsonObject("degradation").addProperty("count", 1);
        spec.getAsJsonObject("adaptation").addProperty("epochs", 3);
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, spec.toString());
        return file;
    }

    private static Process driver(Path experiment, Path runs, Path console) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        cmd.addAll(StandaloneCluster.JAVA17_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", experiment.toString(), "--runs", runs.toString(), "--master", cluster.masterUrl(),
                "--conf", "spark.executor.memory=1500m", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1",
                // Both workers' executors before the first task: one cell lands on each.
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=300s"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile());
        StandaloneCluster.environment(pb.environment(), tmp.resolve("cluster"));
        return pb.start();
    }

    private static Process singleMachine(Path experiment, Path runs, Path console) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1500m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", experiment.toString(), "--runs", runs.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile());
        StandaloneCluster.environment(pb.environment(), tmp.resolve("cluster"));
        return pb.start();
    }

    private static int awaitExit(Process p, Path console, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end in " + seconds + " s:\n" + Files.readString(console));
        }
        return p.exitValue();
    }

    @Test
    @Order(1)
    void theClustersRunFoldersAndReportEqualASingleMachineRun() throws Exception {
        RequiredResources.teacherWeights();
        Path experiment = quickCutDown("quick-on-cluster", "[\"S-16-c-O\", \"S-16-sc-E\"]", 1, 1);
        Path alone = tmp.resolve("runs-single");
        Path spread = tmp.resolve("runs-cluster");
        Path aloneConsole = tmp.resolve("single.log");
        Path spreadConsole = tmp.resolve("driver.log");
        // The single-machine run first: it also fills the teacher-feature cache the executors share.
        assertEquals(0, awaitExit(singleMachine(experiment, alone, aloneConsole), aloneConsole, 600),
                Files.readString(aloneConsole));
        assertEquals(0, awaitExit(driver(experiment, spread, spreadConsole), spreadConsole, 600),
                Files.readString(spreadConsole) + cluster.log("worker0") + cluster.log("worker1"));
        String console = Files.readString(spreadConsole);
        assertTrue(console.contains("2 cell(s) to run on " + cluster.masterUrl()), console);

        List<RunFolder> folders = new RunStore(spread).list();
        assertEquals(2, folders.size(), console);
        Set<String> executors = new HashSet<>();
        for (RunFolder f : folders) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage() + "\n" + console);
            RunFolder single = new RunStore(alone).folder("quick-on-cluster", f.id());
            for (String file : List.of(RunFolder.CONFIG, "training-set.json")) {
                assertEquals(json(single, file), json(f, file), f.id() + " " + file);
            }
            assertEquals(withoutTimes(json(single, RunFolder.RESULTS)), withoutTimes(json(f, RunFolder.RESULTS)),
                    f.id() + ": the cluster's numbers differ from the single machine's");
            for (String file : List.of(RunFolder.LOSSES, RunFolder.PAIR_SCORES, RunFolder.ROC, RunFolder.CMC)) {
                assertEquals(Files.readString(single.file(file)), Files.readString(f.file(file)), f.id() + " " + file);
            }
            assertEquals("1", f.readJson(RunFolder.PROVENANCE).orElseThrow().get("omp_threads").getAsString(),
                    "one OpenMP thread per task");
            String taskLog = Files.readString(f.file(SingleCellRun.CONSOLE));
            assertTrue(taskLog.contains("Spark task attempt 1 on executor"), taskLog);
            executors.add(taskLog.substring(taskLog.indexOf("on executor ")).split(" ")[2]);
        }
        assertEquals(2, executors.size(), "one cell on each worker's executor: " + executors);
        assertEquals(reportWithoutTimes(alone), reportWithoutTimes(spread));
    }

    @Test
    @Order(2)
    void aKilledWorkersCellResumesFromItsCheckpointOnTheOtherWorker() throws Exception {
        Path experiment = quickCutDown("killed-worker", "[\"S-16-c-O\"]", 0, 4);
        Path runs = tmp.resolve("runs-killed");
        Path console = tmp.resolve("driver-killed.log");
        Process driver = driver(experiment, runs, console);
        RunFolder folder = new RunStore(runs).folder("killed-worker", "S-16-c-O_softmax_splitA_seed1");
        try {
            List<String> epochsBefore = awaitEpochs(folder, 2, driver, console);
            long executorPid = Long.parseLong(lockHolderPid(folder));
            Process worker = cluster.workers().stream()
                    .filter(w -> w.descendants().anyMatch(d -> d.pid() == executorPid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no worker started executor " + executorPid));
            cluster.killWorker(worker);

            assertEquals(0, awaitExit(driver, console, 600), Files.readString(console));
            String out = Files.readString(console);
            assertEquals(RunState.DONE, folder.state(), folder.stateMessage() + "\n" + out);
            assertTrue(out.contains("(attempt 2, executor"), "Spark ran the task again:\n" + out);

            // Resumed, not started again: the epochs trained before the kill keep their rows (a
            // restart from epoch 1 rewrites them with new wall times).
            List<String> epochsAfter = dataRows(folder.file(RunFolder.EPOCHS));
            assertTrue(epochsAfter.size() >= epochsBefore.size(), epochsAfter.toString());
            assertEquals(epochsBefore, epochsAfter.subList(0, epochsBefore.size()), "epochs.csv before the kill is kept");
            List<String> epochNumbers = epochsAfter.stream().map(r -> r.split(",")[1]).toList();
            assertEquals(new HashSet<>(epochNumbers).size(), epochNumbers.size(), "an epoch recorded twice: " + epochsAfter);
            assertEquals(4, folder.readJson(RunFolder.RESULTS).orElseThrow().get("epochs").getAsInt());

            // Never two trainers at once: one unbroken sequence of iterations, and two attempts in
            // the folder's task log, the second on the other worker's executor.
            long[] iterations = dataRows(folder.file(RunFolder.LOSSES)).stream()
                    .mapToLong(r -> Long.parseLong(r.split(",")[3])).toArray();
            for (int i = 1; i < iterations.length; i++) {
                assertEquals(iterations[i - 1] + 1, iterations[i], "losses.csv row " + (i + 1));
            }
            List<String> attempts = Files.readAllLines(folder.file(SingleCellRun.CONSOLE)).stream()
                    .filter(l -> l.contains("Spark task attempt")).toList();
            assertEquals(2, attempts.size(), String.join("\n", attempts));
            assertNotEquals(attempts.get(0).split("executor ")[1].split(" ")[0],
                    attempts.get(1).split("executor ")[1].split(" ")[0], "the retry ran on the other worker");

            // No corrupt folder: it reads as a finished run, nothing half-written is left, nobody holds it.
            RunRecord record = RunRecord.read(folder);
            assertEquals(RunState.DONE, record.state());
            try (var files = Files.walk(folder.dir())) {
                List<Path> partial = files.filter(p -> p.getFileName().toString().contains(".tmp")
                        || p.getFileName().toString().contains("partial")).toList();
                assertTrue(partial.isEmpty(), "half-written files left: " + partial);
            }
            Optional<RunClaim> claim = RunClaim.tryClaim(folder);
            assertTrue(claim.isPresent(), "run.lock is still held by " + RunClaim.holder(folder));
            claim.get().close();
        } finally {
            driver.destroyForcibly();
        }
    }

    /** Waits until the folder's epochs.csv has {@code n} rows; returns them. */
    private static List<String> awaitEpochs(RunFolder folder, int n, Process driver, Path console) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
        while (System.nanoTime() < end) {
            if (!driver.isAlive()) {
                throw new AssertionError("the driver ended early:\n" + Files.readString(console));
            }
            if (Files.isRegularFile(folder.file(RunFolder.EPOCHS))) {
                List<String> rows = dataRows(folder.file(RunFolder.EPOCHS));
                if (rows.size() >= n) {
                    return rows;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + n + " epochs in 400 s:\n" + Files.readString(console));
    }

    private static String lockHolderPid(RunFolder folder) {
        String holder = FileClaim.holder(folder.file(RunClaim.FILE));
        assertTrue(holder.startsWith("pid "), holder);
        return holder.substring(4).split(" ")[0];
    }

    private static List<String> dataRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }

    private static JsonElement json(RunFolder f, String file) {
        return f.readJson(file).orElseThrow(() -> new AssertionError(f.file(file) + " missing"));
    }

    /** results.json without the wall times, which differ between any two runs. */
    private static JsonObject withoutTimes(JsonElement results) {
        JsonObject o = results.deepCopy().getAsJsonObject();
        for (String key : List.of("train_seconds", "train_phase_seconds", "epoch_seconds")) {
            o.remove(key);
        }
        return o;
    }

    /** {@code report RUNS --format csv}, without the training-time column. */
    private static List<String> reportWithoutTimes(Path runs) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("report", runs.toString(), "--format", "csv", "--table", "students"));
        } finally {
            System.setOut(old);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int time = header.indexOf(header.stream().filter(h -> h.startsWith("Train")).findFirst().orElse(""));
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(Arrays.asList(l.split(",", -1)));
            if (time >= 0 && time < cells.size()) {
                cells.remove(time);
            }
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }
}
