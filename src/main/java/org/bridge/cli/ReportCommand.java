package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.AtomicFiles;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.experiment.report.BaselineTable;
import org.bridge.experiment.report.ReportTables;
import org.bridge.experiment.RunLiveness;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.RunsSnapshot;
import org.bridge.experiment.figures.FigureFiles;
import org.bridge.experiment.figures.PaperFigure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Tables (or, with --figure, the paper's figures) of finished runs: students (one row per student, splits A+B pooled into full LFW), "
                + "Fig. 4 and Fig. 6 by resolution (when several are done), Table IV (a student trained with "
                + "several losses), Fig. 3 (adaptation runs) and Table III (teacher-hallucination runs).")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUNS", description = "Runs folder.")
    Path runs;

    @Option(names = "--format", description = "md, csv or tex (default: ${DEFAULT-VALUE}).")
    String format = "md";

    @Option(names = "--table", paramLabel = "all|students|seeds|claims|robustness|fig3|fig4|fig6|table3|table4",
            description = "Which table: all (default; each kind with finished runs), students, seeds (mean \u00b1 std of "
                    + "the students trained with several seeds), claims (the paper's claims, each a paired comparison "
                    + "with its 95%% interval and verdict; only on request), robustness (accuracy on clean and on D(I)-degraded "
                    + "target pairs, mean \u00b1 std over seeds; only on request), fig3 (adaptation runs), "
                    + "fig4 / fig6 (students' verification accuracy / identification top-1 and top-5, one column "
                    + "per resolution), table3 (teacher-hallucination runs) or table4 (each student trained with more "
                    + "than one classification loss, one row per loss, on the splits all its losses have finished).")
    String table = "all";

    @Option(names = "--experiment", description = "Only runs of this experiment.")
    String experiment;

    @Option(names = "--out", paramLabel = "FILE|DIR", description = "Write to a file instead of standard output; "
            + "with --figure, the folder the figures go to (made if missing).")
    Path out;

    @Option(names = "--figure", paramLabel = "fig4|fig5|fig6|all",
            description = "Draw a figure instead of a table, as DIR/NAME.svg and DIR/NAME.png (needs --out DIR): "
                    + "fig4 (verification accuracy against resolution, mean \u00b1 std over seeds), fig5 (ROC, one "
                    + "curve per student and seed, splits pooled), fig6 (top-1 / top-5 bars, mean \u00b1 std over "
                    + "seeds) or all.")
    String figure;

    @Option(names = "--split", paramLabel = "A|B",
            description = "Only runs of this split (e.g. the split-A numbers of students whose split B is done too).")
    String split;

    @Option(names = "--baseline", paramLabel = "[EXPERIMENT/]STUDENT[/LOSS]",
            description = "Instead of a table: every student (seeds pooled) against this one, with the paired "
                    + "difference in accuracy (95%% interval, verdict), TPR at FPR 10%% and accuracy on the "
                    + "D(I)-degraded pairs, as the workbench's Results tab compares; students of other experiments "
                    + "compare on the pairs both scored.")
    String baseline;

    @Option(names = "--width", description = "Figure width in pixels (default: ${DEFAULT-VALUE}).")
    int width = FigureFiles.DEFAULT_WIDTH;

    @Option(names = "--height", description = "Figure height in pixels (default: ${DEFAULT-VALUE}).")
    int height = FigureFiles.DEFAULT_HEIGHT;

    @Override
    public Integer call() throws IOException {
        if (split != null && !List.of("A", "B").contains(split)) {
            throw new UserFacingException("--split must be A or B, not " + split);
        }
        if (figure != null) {
            return drawFigures();
        }
        if (out != null) {
            OutputPaths.requireWritableFile("--out", out);
        }
        RunsSnapshot snapshot = RunsSnapshot.read(new RunStore(runs), experiment);
        if (snapshot.runs().isEmpty()) {
            unreadable(snapshot.problems()).forEach(System.err::println);
            throw new UserFacingException((snapshot.problems().isEmpty() ? "no runs in " : "no readable runs in ") + runs
                    + (experiment != null ? " for experiment " + experiment : ""));
        }
        if (baseline != null && !"all".equals(table)) {
            throw new UserFacingException("--baseline prints its own table; leave out --table " + table);
        }
        String text;
        try {
            text = baseline != null ? BaselineTable.of(ofSplit(snapshot.tabled()), baseline).format(format)
                    : ReportTables.format(ofSplit(snapshot.tabled()), format, ReportTables.Which.parse(this.table));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        if (out != null) {
            AtomicFiles.writeString(out, text);
            System.out.println("wrote " + out);
        } else {
            System.out.print(text);
        }
        // On standard error, so redirected csv/tex stays a clean table: which runs the tables leave
        // out, so a half-finished grid or a damaged run is not mistaken for a finished one.
        for (String line : unfinished(snapshot.runs())) {
            System.err.println(line);
        }
        for (String line : unreadable(snapshot.problems())) {
            System.err.println(line);
        }
        return 0;
    }

    /** The runs of {@code --split} (all of them without it); checked before any work. */
    private List<RunRecord> ofSplit(List<RunRecord> runs) {
        if (split == null) {
            return runs;
        }
        return runs.stream().filter(r -> r.split().equals(split)).toList();
    }

    private int drawFigures() throws IOException {
        if (out == null) {
            throw new UserFacingException("--figure needs --out DIR, the folder to write the SVG and PNG files to");
        }
        if (!"all".equals(table) || !"md".equals(format)) {
            throw new UserFacingException("--figure draws a figure; --table and --format choose a table: give one or "
                    + "the other");
        }
        OutputPaths.requireWritableDirectory("--out", out);
        boolean all = "all".equalsIgnoreCase(figure);
        PaperFigure which;
        try {
            which = all ? null : PaperFigure.parse(figure);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--figure: " + e.getMessage() + " (or all)", e);
        }
        RunsSnapshot snapshot = RunsSnapshot.read(new RunStore(runs), experiment);
        if (snapshot.runs().isEmpty()) {
            unreadable(snapshot.problems()).forEach(System.err::println);
            throw new UserFacingException((snapshot.problems().isEmpty() ? "no runs in " : "no readable runs in ") + runs
                    + (experiment != null ? " for experiment " + experiment : ""));
        }
        List<Path> written;
        List<String> skipped = new ArrayList<>();
        try {
            written = all ? FigureFiles.writeAll(ofSplit(snapshot.tabled()), out, width, height, skipped)
                    : FigureFiles.write(which, ofSplit(snapshot.tabled()), out, width, height);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        written.forEach(p -> System.out.println("wrote " + p));
        skipped.forEach(s -> System.err.println("not drawn: " + s));
        for (String line : unfinished(snapshot.runs())) {
            System.err.println(line);
        }
        for (String line : unreadable(snapshot.problems())) {
            System.err.println(line);
        }
        return 0;
    }

    /** One line per run folder or row that could not be read, with its path and why; empty when none. */
    static List<String> unreadable(List<String> problems) {
        if (problems.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("not in the tables (" + problems.size() + " unreadable):");
        for (String p : problems) {
            lines.add("  " + p);
        }
        return lines;
    }

    /** One line per run that is not in the tables because it has no results yet; empty when all are done. */
    static List<String> unfinished(List<RunRecord> records) {
        List<RunRecord> open = records.stream().filter(r -> !r.state().isFinished())
                .sorted(Comparator.comparing(RunRecord::student).thenComparing(RunRecord::split)).toList();
        if (open.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("not in the tables (" + open.size() + " unfinished run" + (open.size() == 1 ? "" : "s") + "):");
        for (RunRecord r : open) {
            String what = r.student() + (r.loss().isEmpty() ? "" : " " + r.loss())
                    + (r.split().isEmpty() ? "" : " split " + r.split()) + " seed " + r.seed();
            String state = RunLiveness.of(r, java.time.Instant.now()).describe();
            lines.add("  " + what + ": " + state + (r.message() == null || r.message().isBlank() ? "" : " (" + r.message() + ")")
                    + "  " + r.folder().dir());
        }
        return lines;
    }
}
