package org.bridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.CancelOnInterrupt;
import org.bridge.experiment.ConsoleRunListener;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.report.ReportTables;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunOptions;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainingUiServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every cell of an experiment file that is not already complete (a grid can be "
                + "stopped with Ctrl-C and continued). One folder per run under --runs. Kinds: students (default), "
                + "adaptation (Fig. 3), teacher-hallucination (Table III). A cell that fails is recorded FAILED "
                + "with its message and the next cell runs.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {
            "0:every cell ran to its end, or was cancelled (Ctrl-C); a cancelled cell resumes next time",
            "1:bad input (one line \"error: ...\"); with --processes also: cells were left unfinished",
            "2:internal error (stack trace)",
            "3:one or more cells FAILED (each with its message in status.json); the other cells were run"})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXPERIMENT", description = "Experiment file, or a name in experiments/ (e.g. quick).")
    String experiment;

    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: $BRIDGE_RUNS or ./runs).")
    Path runs;

    @Option(names = "--student", paramLabel = "S-p-x-t",
            description = "Only this student of the file (repeatable), e.g. --student S-16-sc-E+pca"
                    + " (+pca: the principal-components target); same run folders.")
    List<String> students;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "Only this classification loss of the file (repeatable), e.g. --loss cosface; same run folders.")
    List<String> losses;

    @Option(names = "--split", paramLabel = "A|B",
            description = "Only this split of the file (repeatable), e.g. --split B; same run folders.")
    List<String> splits;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "1",
            description = "Student experiments: run up to N student/loss/split groups at once, each in its own JVM with "
                    + "cores/N OpenMP threads; consoles go to console.log in the run folders (default: 1, in this JVM). "
                    + "On 2 cores, 2 single-thread runs trained 1.8x the samples/s of one 2-thread run.")
    int processes;

    @Option(names = "--master", paramLabel = "URL",
            description = "Student experiments: run the unfinished cells as Apache Spark tasks, one cell per task, on this "
                    + "master (local[N], spark://HOST:7077, ...); --runs must be a folder every machine shares. Needs the "
                    + "-Pcluster build (experiments/CLUSTER.md).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for --master (repeatable), e.g. --conf spark.executor.memory=8g.")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Option(names = RunOptions.DL4J_STATS_OPTION, paramLabel = "N", defaultValue = "0",
            description = "Record DL4J's training statistics of each student every N iterations into "
                    + TrainingUiServer.STATS_FILE + " in its run folder, for DL4J's training UI (as the workbench's "
                    + "'Record DL4J statistics', which uses N = " + RunOptions.DEFAULT_STATS_FREQUENCY + "); 0, the default: none.")
    int dl4jStatsEvery;

    @Override
    public Integer call() {
        BridgeLocations locations = BridgeLocations.fromSystem();
        Path file = resolve(experiment, locations);
        ExperimentSpec spec = ExperimentSpec.read(file);
        spec = spec.restrictedTo(students, losses, splits, file.toString());
        RunStore store = new RunStore(runs != null ? runs : locations.runsDir());
        OutputPaths.requireWritableDirectory("--runs", store.root());
        if (dl4jStatsEvery < 0) {
            throw new UserFacingException(RunOptions.DL4J_STATS_OPTION + " must be 0 or more, got " + dl4jStatsEvery);
        }
        RunOptions options = new RunOptions(dl4jStatsEvery);
        if (processes < 1) {
            throw new UserFacingException("--processes must be at least 1, got " + processes);
        }
        if (processes > 1 && !(spec instanceof ExperimentSpec.Students)) {
            throw new UserFacingException("--processes is for student experiments; " + file + " is of kind " + spec.kind());
        }
        if (master != null) {
            if (processes > 1) {
                throw new UserFacingException("--master and --processes exclude each other: the cluster's executors"
                        + " give each cell its cores (spark.task.cpus)");
            }
            return ClusterCells.run(file, spec, store, master, sparkConf, options, locations);
        }
        if (processes > 1) {
            ExperimentSpec.Students students = (ExperimentSpec.Students) spec;
            TeacherPrefetch.forExperiment(students, store);
            CellProcesses.forExperiment(file, students, store, processes, options).run("student/loss/split group(s)");
            List<RunRecord> records = students.cells().stream()
                    .map(c -> RunRecord.read(store.folder(students.name(), c.id()))).toList();
            System.out.println();
            System.out.print(ResultsTable.of(records).toMarkdown());
            long failed = CellsSummary.print(records, System.out);
            return CellsSummary.exitCode(failed, records.stream().anyMatch(r -> r.state() != RunState.DONE) ? 1 : 0);
        }
        RunControl control = new RunControl();
        List<RunFolder> folders;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control);
             ExperimentServices services = new ExperimentServices(locations, store, options)) {
            folders = services.run(spec, new ConsoleRunListener(), control);
        }
        List<RunRecord> records = folders.stream().map(RunRecord::read).toList();
        System.out.println();
        System.out.print(spec instanceof ExperimentSpec.Students ? ResultsTable.of(records).toMarkdown()
                : ReportTables.format(records, "md", ReportTables.Which.ALL));
        return CellsSummary.exitCode(CellsSummary.print(records, System.out), 0);
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
}
