package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunLiveness;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs folder read once: every run (done or not) and the results rows of the completed ones.
 * A folder that cannot be read is reported, not fatal, so one damaged run does not hide the rest:
 * its config.json, status.json or results.json is not JSON or lacks what a run has, or its
 * per-pair scores are malformed or do not hold the number of pairs its results.json says.
 *
 * @param runs     every readable run folder, with its state
 * @param rows     the results rows (see {@link RunGroup}), in the order of {@link RunStore#list()}
 * @param problems one line per folder or row that could not be read: its path and why
 * @param tabled   the runs whose results the tables may use: {@code runs} without the completed
 *                 runs that are in {@code problems}
 * @param liveness what the state of each unfinished run means at the time of reading
 *                 ({@link RunLiveness}), by run folder; read here, off a user interface's thread
 */
public record RunsSnapshot(Path root, List<RunRecord> runs, List<RunGroup> rows, List<String> problems,
                           List<RunRecord> tabled, Map<Path, RunLiveness> liveness) {

    public RunsSnapshot {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
        tabled = List.copyOf(tabled);
        liveness = Map.copyOf(liveness);
    }

    /** The state to show for {@code r}: STOPPED or RUNNING? where its recorded RUNNING is not to be believed. */
    public RunLiveness liveness(RunRecord r) {
        RunLiveness l = liveness.get(r.folder().dir());
        return l != null ? l : new RunLiveness(r.state().name(), "");
    }

    public static RunsSnapshot read(RunStore store) {
        return read(store, null);
    }

    /**
     * Only the runs of {@code experiment} (all when null): folders of other experiments are not
     * checked, so a damaged run elsewhere costs nothing here. A folder whose config.json cannot be
     * read belongs to the experiment its parent folder is named after.
     */
    public static RunsSnapshot read(RunStore store, String experiment) {
        List<RunRecord> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RunFolder f : store.list()) {
            try {
                RunRecord r = RunRecord.read(f);
                if (experiment == null || experiment.equals(r.experiment())) {
                    runs.add(r);
                }
            } catch (RuntimeException e) {
                if (experiment == null || experiment.equals(f.dir().getParent().getFileName().toString())) {
                    problems.add(f.dir() + ": " + reason(e));
                }
            }
        }
        // Run by run, so a damaged or short pair-scores.csv costs only its own run ...
        List<RunRecord> tabled = new ArrayList<>();
        for (RunRecord r : runs) {
            try {
                checkResults(r);
                tabled.add(r);
            } catch (RuntimeException e) {
                problems.add(r.folder().dir() + ": " + reason(e));
            }
        }
        // ... and row by row, so a row that cannot be pooled costs only itself.
        List<RunGroup> rows = new ArrayList<>();
        List<RunRecord> done = tabled.stream().filter(r -> r.results().isPresent()).toList();
        for (String key : done.stream().map(RunGroup::keyOf).distinct().toList()) {
            List<RunRecord> group = done.stream().filter(r -> RunGroup.keyOf(r).equals(key)).toList();
            try {
                rows.addAll(RunGroup.of(group));
            } catch (RuntimeException e) {
                problems.add(key.replace('|', ' ') + ": " + reason(e));
                tabled.removeAll(group);
            }
        }
        Map<Path, RunLiveness> liveness = new HashMap<>();
        Instant now = Instant.now();
        for (RunRecord r : runs) {
            if (!r.state().isFinished()) {
                liveness.put(r.folder().dir(), RunLiveness.of(r, now));
            }
        }
        return new RunsSnapshot(store.root(), runs, rows, problems, tabled, liveness);
    }

    /** Reads what the tables read of one completed run (for a student, its pair scores, counted). */
    private static void checkResults(RunRecord r) {
        if (r.results().isEmpty()) {
            return;
        }
        if (r.isStudent()) {
            ResultsTable.of(List.of(r));
        } else {
            AdaptationTable.of(List.of(r));
            HallucinationTable.of(List.of(r));
        }
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * A cheap summary of what is on disk (run folders and the size and time of their status and
     * results files). Polling compares fingerprints and re-reads only when they differ: a run
     * that starts, finishes or fails changes its status.json or results.json.
     */
    public static String fingerprint(RunStore store) {
        StringBuilder sb = new StringBuilder();
        for (RunFolder f : store.list()) {
            sb.append(f.dir()).append('\n');
            for (String name : List.of(RunFolder.CONFIG, RunFolder.STATUS, RunFolder.RESULTS)) {
                Path p = f.file(name);
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    sb.append(name).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis())
                            .append('\n');
                } catch (IOException absent) {
                    sb.append(name).append(" -\n");
                }
            }
        }
        return sb.toString();
    }
}
