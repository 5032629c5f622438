package org.bridge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs folder read once: every run (done or not) and the results rows of the completed ones.
 * A folder that cannot be read is reported, not fatal, so one damaged run does not hide the rest.
 *
 * @param runs     every readable run folder, with its state
 * @param rows     the results rows (see {@link RunGroup}), in the order of {@link RunStore#list()}
 * @param problems one message per folder or row that could not be read
 */
public record RunsSnapshot(Path root, List<RunRecord> runs, List<RunGroup> rows, List<String> problems) {

    public RunsSnapshot {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    public static RunsSnapshot read(RunStore store) {
        List<RunRecord> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RunFolder f : store.list()) {
            try {
                runs.add(RunRecord.read(f));
            } catch (RuntimeException e) {
                problems.add(f.dir() + ": " + e.getMessage());
            }
        }
        // Row by row, so a damaged pair-scores.csv costs only its own row.
        List<RunGroup> rows = new ArrayList<>();
        List<RunRecord> done = runs.stream().filter(r -> r.results().isPresent()).toList();
        for (String key : done.stream().map(RunGroup::keyOf).distinct().toList()) {
            List<RunRecord> group = done.stream().filter(r -> RunGroup.keyOf(r).equals(key)).toList();
            try {
                rows.addAll(RunGroup.of(group));
            } catch (RuntimeException e) {
                problems.add(key.replace('|', ' ') + ": " + e.getMessage());
            }
        }
        return new RunsSnapshot(store.root(), runs, rows, problems);
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
