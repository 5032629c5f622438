package org.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.run.ExperimentServices;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The workbench's Queue button, headless: the cells go into the runs folder as QUEUED, nothing trains. */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Write the incomplete cells of a student experiment into the runs folder as QUEUED (as the "
                + "workbench's Queue button does), without training them; run-queued or the workbench's "
                + "Run queued works through them.")
final class QueueCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXPERIMENT", description = "Experiment file, or a name in experiments/ (e.g. quick).")
    String experiment;

    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: $BRIDGE_RUNS or ./runs).")
    Path runs;

    @Option(names = "--student", paramLabel = "S-p-x-t", description = "Only this student of the file (repeatable).")
    List<String> students;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "Only this classification loss of the file (repeatable).")
    List<String> losses;

    @Option(names = "--split", paramLabel = "A|B", description = "Only this split of the file (repeatable).")
    List<String> splits;

    @Override
    public Integer call() {
        BridgeLocations locations = BridgeLocations.fromSystem();
        Path file = RunCommand.resolve(experiment, locations);
        ExperimentSpec read = ExperimentSpec.read(file);
        if (!(read instanceof ExperimentSpec.Students spec)) {
            throw new UserFacingException("queue is for student experiments; " + file + " is of kind " + read.kind()
                    + " (run it with: run " + experiment + ")");
        }
        spec = spec.restrictedTo(students, losses, splits, file.toString());
        RunStore store = new RunStore(runs != null ? runs : locations.runsDir());
        OutputPaths.requireWritableDirectory("--runs", store.root());
        try (ExperimentServices services = new ExperimentServices(locations, store)) {
            List<RunFolder> folders = services.runner().queue(spec);
            long done = folders.stream().filter(RunFolder::isComplete).count();
            for (RunFolder f : folders) {
                System.out.println("  " + f.state() + "  " + f.dir());
            }
            System.out.println((folders.size() - done) + " run(s) waiting in " + store.root()
                    + (done > 0 ? " (" + done + " already done)" : ""));
        }
        return 0;
    }
}
