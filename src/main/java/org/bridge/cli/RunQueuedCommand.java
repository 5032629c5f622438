package org.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.CancelOnInterrupt;
import org.bridge.experiment.run.ChildRuns;
import org.bridge.experiment.ConsoleRunListener;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.run.QueuedRuns;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStageFile;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainingUiServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The workbench's Run queued button, headless: the same {@link QueuedRuns#workThrough}, so runs
 * queued in the workbench (or by {@code queue}) can be trained from a script or over ssh, and in
 * parallel processes.
 */
@Command(name = "run-queued", mixinStandardHelpOptions = true,
        description = "Train the QUEUED runs of the runs folder (queued by the workbench or by queue), one after "
                + "another, as the workbench's Run queued does. A run that fails is recorded FAILED with its "
                + "message and the next run goes on.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {
            "0:every run ran to its end, or was cancelled (Ctrl-C); a cancelled run resumes next time",
            "1:bad input (one line \"error: ...\")",
            "2:internal error (stack trace)",
            "3:one or more runs FAILED (each with its message in status.json); the other runs were run"})
final class RunQueuedCommand implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: $BRIDGE_RUNS or ./runs).")
    Path runs;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "1",
            description = "Run up to N queued runs at once, each in its own JVM with cores/N OpenMP threads; "
                    + "consoles go to console.log in the run folders (default: 1, in this JVM).")
    int processes;

    @Option(names = "--master", paramLabel = "URL",
            description = "Run the queued runs as Apache Spark tasks, one per run, on this master (local[N], "
                    + "spark://HOST:7077, ...); --runs must be a folder every machine shares. Needs the -Pcluster build "
                    + "(experiments/CLUSTER.md).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for --master (repeatable), e.g. --conf spark.executor.memory=8g.")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Only this run folder (queued, cancelled or interrupted; a finished one is left alone).")
    Path folder;

    @Option(names = RunOptions.DL4J_STATS_OPTION, paramLabel = "N", defaultValue = "0",
            description = "Record DL4J's training statistics of each student every N iterations into "
                    + TrainingUiServer.STATS_FILE + " in its run folder, for DL4J's training UI (as the workbench's "
                    + "'Record DL4J statistics', which uses N = " + RunOptions.DEFAULT_STATS_FREQUENCY + "); 0, the default: none.")
    int dl4jStatsEvery;

    @Override
    public Integer call() {
        BridgeLocations locations = BridgeLocations.fromSystem();
        RunStore store = new RunStore(runs != null ? runs : locations.runsDir());
        OutputPaths.requireWritableDirectory("--runs", store.root());
        if (dl4jStatsEvery < 0) {
            throw new UserFacingException(RunOptions.DL4J_STATS_OPTION + " must be 0 or more, got " + dl4jStatsEvery);
        }
        RunOptions options = new RunOptions(dl4jStatsEvery);
        if (processes < 1) {
            throw new UserFacingException("--processes must be at least 1, got " + processes);
        }
        if (master != null) {
            if (processes > 1 || folder != null) {
                throw new UserFacingException("--master runs every queued run as a Spark task; it excludes "
                        + (folder != null ? "--folder" : "--processes"));
            }
            return ClusterCells.runQueued(store, master, sparkConf, options, locations);
        }
        if (folder != null) {
            return runOne(locations, store, new RunFolder(folder.toAbsolutePath().normalize()), options);
        }
        List<RunFolder> ran;
        if (processes > 1) {
            List<RunFolder> waiting = ChildRuns.queuedFolders(store);
            TeacherPrefetch.forFolders(waiting);
            CellProcesses.forQueue(waiting, store, processes, options).run("queued run(s)");
            ran = waiting;
        } else {
            RunControl control = new RunControl();
            System.out.println(QueuedRuns.countWaiting(store) + " queued run(s) in " + store.root());
            try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control);
                 ExperimentServices services = new ExperimentServices(locations, store, options)) {
                ran = QueuedRuns.workThrough(services.runner(), store, RunStageFile.alongside(new ConsoleRunListener()), control);
            }
        }
        return summarize(ran);
    }

    private static int runOne(BridgeLocations locations, RunStore store, RunFolder f, RunOptions options) {
        if (f.isComplete()) {
            System.out.println(f.dir() + " is done already");
            return 0;
        }
        QueuedRuns.QueuedRun q = QueuedRuns.read(f);
        RunControl control = new RunControl();
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control);
             ExperimentServices services = new ExperimentServices(locations, store, options)) {
            QueuedRuns.run(services.runner(), q, RunStageFile.alongside(new ConsoleRunListener()), control);
        }
        return summarize(List.of(f));
    }

    private static int summarize(List<RunFolder> ran) {
        List<RunRecord> records = ran.stream().map(RunRecord::read).toList();
        System.out.println();
        System.out.print(ResultsTable.of(records).toMarkdown());
        for (String line : ReportCommand.unfinished(records)) {
            System.out.println(line);
        }
        return CellsSummary.exitCode(CellsSummary.print(records, System.out), 0);
    }
}
