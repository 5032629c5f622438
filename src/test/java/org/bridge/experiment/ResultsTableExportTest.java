package org.bridge.experiment;

import org.bridge.experiment.report.ResultsTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the results table's exports hold besides the metrics: the face set, and the whole training time. */
class ResultsTableExportTest {

    @TempDir Path runs;

    private List<RunRecord> records(RunStore store) {
        return store.list().stream().map(RunRecord::read).toList();
    }

    @Test
    void everyExportNamesTheDatasetOfEachRow() {
        RunStore store = new RunStore(runs);
        new RunFolderFixture(store).write("A");
        ResultsTable table = ResultsTable.of(records(store));

        List<String> csv = table.toCsv().lines().toList();
        assertTrue(csv.get(0).startsWith("Model,Dataset,Loss,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("S-16-c-O,sample,softmax,1,A,"), csv.get(1));

        List<String> md = table.toMarkdown().lines().toList();
        assertTrue(md.get(0).startsWith("| Model | Dataset | Loss |"), md.get(0));
        assertTrue(md.get(1).startsWith("|---|---|---|---|---|---:|"), "text columns left, numbers right: " + md.get(1));
        assertTrue(md.get(2).startsWith("| S-16-c-O | sample | softmax |"), md.get(2));

        List<String> tex = table.toLatex().lines().toList();
        int columns = tex.get(0).replaceAll(".*\\{tabular\\}\\{([lr]+)\\}", "$1").length();
        assertEquals(tex.get(2).split(" & ").length, columns, "one column spec per header cell: " + tex);
        assertTrue(tex.get(2).startsWith("Model & Dataset & Loss"), tex.get(2));
        assertTrue(tex.get(4).startsWith("S-16-c-O & sample & softmax"), tex.get(4));
    }

    @Test
    void aResumedRunsTrainTimeIsItsRecordedEpochsNotItsLastProcess() {
        RunStore store = new RunStore(runs);
        RunFolder a = new RunFolderFixture(store).write("A");
        RunFolder b = new RunFolderFixture(store).write("B");
        assertEquals(2 * 90 / 60.0, ResultsTable.of(records(store)).rows().get(0).trainMinutes(), 1e-9,
                "without epoch times: train_seconds");

        // A was cancelled and resumed: its last process trained 90 s, its epochs.csv holds 600 s.
        setEpochSeconds(a, 10, 600);
        // B ran in one process: its epochs (80 s) are within its train_seconds (90 s, with the set-up).
        setEpochSeconds(b, 10, 80);
        assertEquals((600 + 90) / 60.0, ResultsTable.of(records(store)).rows().get(0).trainMinutes(), 1e-9);
    }

    private static void setEpochSeconds(RunFolder f, int epochs, double seconds) {
        JsonObject r = f.readJson(RunFolder.RESULTS).orElseThrow();
        JsonObject e = new JsonObject();
        e.addProperty("timed_epochs", epochs);
        e.addProperty("seconds", seconds);
        r.add("epoch_seconds", e);
        f.writeJson(RunFolder.RESULTS, r);
    }
}
