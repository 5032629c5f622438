package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.AtomicFiles;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.ResultsTable;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Tables of finished runs (one row per student, splits A+B pooled into full LFW).")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUNS", description = "Runs folder.")
    Path runs;

    @Option(names = "--format", description = "md, csv or tex (default: ${DEFAULT-VALUE}).")
    String format = "md";

    @Option(names = "--experiment", description = "Only runs of this experiment.")
    String experiment;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to a file instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<RunRecord> records = new RunStore(runs).list().stream().map(RunRecord::read)
                .filter(r -> experiment == null || experiment.equals(r.experiment())).toList();
        if (records.isEmpty()) {
            throw new UserFacingException("no runs in " + runs + (experiment != null ? " for experiment " + experiment : ""));
        }
        String table;
        try {
            table = ResultsTable.of(records).format(format);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        if (out != null) {
            AtomicFiles.writeString(out, table);
            System.out.println("wrote " + out);
        } else {
            System.out.print(table);
        }
        return 0;
    }
}
