package org.bridge.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonParser;

/**
 * A real Spark standalone cluster on this machine, from the Maven jars on the test class path: a
 * master and N workers, each a JVM of its own (so a worker can be killed), bound to 127.0.0.1.
 * Each worker offers one core; the executors it starts load Bridge from the driver's class path
 * ({@code spark.executor.extraClassPath}, set by {@link SparkGrid}).
 */
final class StandaloneCluster implements AutoCloseable {

    /** The flags Spark 3.5 needs on Java 17 (its own launcher's list, JavaModuleOptions). */
    static final List<String> JAVA17_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    private final Path dir;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final int port;
    private final int webUiPort;

    private StandaloneCluster(Path dir, Process master, int port, int webUiPort) {
        this.dir = dir;
        this.master = master;
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /** Starts a master and {@code workers} one-core workers; returns once all workers are registered. */
    static StandaloneCluster start(Path dir, int workers, String workerMemory) throws IOException, InterruptedException {
        // A Spark home for the workers' executor launcher: it wants a jars/ folder; the class path comes from the driver.
        Files.createDirectories(dir.resolve("spark-home/jars"));
        int port = freePort();
        int webUi = freePort();
        Process master = start(dir, "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(webUi));
        StandaloneCluster cluster = new StandaloneCluster(dir, master, port, webUi);
        try {
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker" + i));
                cluster.workers.add(start(dir, "worker" + i, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", workerMemory, "--work-dir", work.toString(),
                        "--webui-port", "0", cluster.masterUrl()));
            }
            cluster.awaitAliveWorkers(workers, 180);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Process start(Path dir, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.addAll(JAVA17_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        environment(pb.environment(), dir);
        return pb.start();
    }

    /** What every JVM of the cluster's tests gets: loopback only, one OpenMP thread, the Spark home. */
    static void environment(Map<String, String> env, Path dir) {
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            env.put(v, "1");
        }
        env.remove("JAVA_TOOL_OPTIONS");
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    List<Process> workers() {
        return workers;
    }

    /** The master's count of alive workers, from its web UI's JSON (on 127.0.0.1). */
    int aliveWorkers() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + webUiPort + "/json/").openConnection();
        c.setConnectTimeout(2_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject()
                    .get("aliveworkers").getAsInt();
        } finally {
            c.disconnect();
        }
    }

    private void awaitAliveWorkers(int n, int timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String last = "";
        while (System.nanoTime() < end) {
            if (!master.isAlive()) {
                throw new AssertionError("the Spark master ended:\n" + log("master"));
            }
            try {
                if (aliveWorkers() >= n) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(n + " workers did not register in " + timeoutSeconds + " s (" + last + ")\n"
                + log("master") + "\n" + log("worker0"));
    }

    /** kill -9 of a worker and the executor it started: the machine is gone. */
    void killWorker(Process worker) throws InterruptedException {
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        worker.waitFor();
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no " + name + ".log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
