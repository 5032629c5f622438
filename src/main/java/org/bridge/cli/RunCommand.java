package org.bridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.ResultsTable;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every cell of an experiment file that is not already complete (a grid can be "
                + "stopped with Ctrl-C and continued). One folder per run under --runs.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXPERIMENT", description = "Experiment file, or a name in experiments/ (e.g. quick).")
    String experiment;

    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: $BRIDGE_RUNS or ./runs).")
    Path runs;

    @Override
    public Integer call() {
        BridgeLocations locations = BridgeLocations.fromSystem();
        ExperimentSpec spec = ExperimentSpec.read(resolve(experiment, locations));
        RunStore store = new RunStore(runs != null ? runs : locations.runsDir());
        RunControl control = new RunControl();
        Thread hook = new Thread(() -> {
            System.err.println("\ninterrupted: stopping after the current iteration; the checkpoint is kept");
            control.cancel();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunFolder> folders;
        try (ExperimentServices services = new ExperimentServices(locations, store)) {
            folders = services.runner().run(spec, new ConsoleProgress(), control);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already exiting.
            }
        }
        List<RunRecord> records = folders.stream().map(RunRecord::read).toList();
        System.out.println();
        System.out.print(ResultsTable.of(records).toMarkdown());
        long failed = records.stream().filter(r -> r.state() == RunState.FAILED).count();
        return failed > 0 ? 1 : 0;
    }

    static Path resolve(String name, BridgeLocations locations) {
        Path p = Paths.get(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        for (Path base : new Path[] {Paths.get("experiments"),
                locations.repoDir().map(r -> r.resolve("experiments")).orElse(Paths.get("experiments"))}) {
            Path f = base.resolve(name.endsWith(".json") ? name : name + ".json");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new UserFacingException("experiment file not found: " + name + " (give a path or a name in experiments/)");
    }

    /** One status line, rewritten in place; epochs and results on their own lines. */
    static final class ConsoleProgress implements RunListener {
        private String lastStage = "";
        private long lastPrint;

        @Override
        public void cellStarted(ExperimentCell cell, RunFolder folder) {
            System.out.println("== " + cell.id() + "  (" + folder.dir() + ")");
        }

        @Override
        public void status(ExperimentCell cell, String stage, double fraction) {
            long now = System.nanoTime();
            if (!stage.equals(lastStage) || now - lastPrint > 500_000_000L || fraction >= 1) {
                System.out.printf(Locale.ROOT, "\r  %-60s %s", stage, Double.isNaN(fraction) ? ""
                        : String.format(Locale.ROOT, "%5.1f%%", 100 * fraction));
                System.out.flush();
                if (!stage.equals(lastStage) && !lastStage.isEmpty()) {
                    System.out.println();
                }
                lastStage = stage;
                lastPrint = now;
            }
        }

        @Override
        public void epoch(ExperimentCell cell, EpochSummary s) {
            System.out.printf(Locale.ROOT, "%n  epoch %d/%d (%s): loss %.4f (class %.4f, regression %.4f), %.0f samples/s%n",
                    s.epoch(), s.epochs(), s.phase(), s.meanTotal(), s.meanClassification(), s.meanRegression(),
                    s.samplesPerSecond());
            lastStage = "";
        }

        @Override
        public void cellFinished(ExperimentCell cell, RunFolder folder, RunState state, String message) {
            System.out.println();
            String summary = folder.readJson(RunFolder.RESULTS)
                    .map(r -> String.format(Locale.ROOT, " accuracy %.2f%% (AUC %.4f, top-1 %.2f%%)",
                            100 * r.get("accuracy").getAsDouble(), r.get("auc").getAsDouble(),
                            100 * r.get("top1").getAsDouble()))
                    .orElse("");
            System.out.println("   " + state + ": " + message + summary);
        }
    }
}
