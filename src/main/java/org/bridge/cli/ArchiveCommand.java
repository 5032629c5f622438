package org.bridge.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bridge.experiment.RunArchive;
import org.bridge.experiment.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Copy the evidence of every finished run (config, provenance, results, losses, curves, "
                + "per-pair scores) without weights (models, step 1 modules, checkpoints) and consoles into another runs folder, which "
                + "report and the workbench read as they read the original: about 1.2 MB for a 24-epoch S-16 run, small enough "
                + "to keep beside the tables it backs. Unfinished runs are listed and left out.")
final class ArchiveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUNS", description = "Runs folder.")
    Path runs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The archive (a runs folder; made if missing; runs archived before are replaced).")
    Path out;

    @Option(names = "--experiment", description = "Only runs of this experiment.")
    String experiment;

    @Override
    public Integer call() {
        RunArchive.Summary s = RunArchive.archive(new RunStore(runs), out, Optional.ofNullable(experiment));
        s.archived().forEach(r -> System.out.println("archived " + r));
        s.unfinished().forEach(r -> System.out.println("left out (not finished) " + r));
        System.out.printf("%d run(s), %.1f MB, in %s%n", s.archived().size(), s.bytes() / 1e6, out);
        return 0;
    }
}
