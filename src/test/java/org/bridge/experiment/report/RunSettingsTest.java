package org.bridge.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTest {

    private static JsonObject config(String degradation) {
        return JsonParser.parseString("{\"seed\": 1, \"degradation\": " + degradation + "}").getAsJsonObject();
    }

    @Test
    void aRunFromBeforeADegradationStepReadsAsThatStepsDefault() {
        // An old run has no grey step in its config; a new one states probability 0: the same D(I).
        Map<String, String> old = RunSettings.flatten(RunSettings.withDefaults(config("{\"noise\": {\"maxSigma\": 5}}")));
        Map<String, String> now = RunSettings.flatten(RunSettings.withDefaults(
                config("{\"noise\": {\"maxSigma\": 5}, \"grayscale\": {\"probability\": 0}}")));
        assertEquals("0.0", old.get("degradation.grayscale.probability"), old.toString());
        assertEquals(List.of(), RunSettings.differing(List.of(old, now)));

        Map<String, String> grey = RunSettings.flatten(RunSettings.withDefaults(
                config("{\"noise\": {\"maxSigma\": 5}, \"grayscale\": {\"probability\": 0.2}}")));
        assertEquals(List.of("degradation.grayscale.probability"), RunSettings.differing(List.of(old, grey)));
    }

    @Test
    void aSectionThatNoLongerParsesIsShownAsWritten() {
        JsonObject odd = config("{\"noise\": {\"maxSigma\": 5}, \"retired\": 1}");
        assertEquals(odd, RunSettings.withDefaults(odd));
        assertTrue(RunSettings.flatten(RunSettings.withDefaults(odd)).containsKey("degradation.retired"));
        JsonObject none = JsonParser.parseString("{\"seed\": 1}").getAsJsonObject();
        assertEquals(none, RunSettings.withDefaults(none));
    }

    @Test
    void theCommittedFig4ConfigsFlattenWithTheirDegradationCompleted() throws Exception {
        Path file = Path.of("experiments", "fig4-verification.json");
        JsonObject spec = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject cfg = new JsonObject();
        cfg.add("degradation", spec.get("degradation"));
        Map<String, String> flat = RunSettings.flatten(RunSettings.withDefaults(cfg));
        assertTrue(flat.containsKey("degradation.grayscale.probability"), flat.toString());
    }

    @Test
    void runsTrainedByDifferentCodeDifferInTheirCode(@TempDir Path dir) throws Exception {
        // Same config, one seed each: only the build that trained them differs, and it shows.
        List<RunFolder> runs = seedsOneToThree(dir);
        RunFolder a = runs.get(0);
        RunFolder b = runs.get(1);
        RunFolder c = runs.get(2);
        provenance(a, COMMIT + "-dirty", "sha256:0123456789abcdef0123");
        provenance(b, COMMIT + "-dirty", "sha256:fedcba9876543210fedc");
        provenance(c, COMMIT + "-dirty", "sha256:0123456789abcdef0123");

        Map<String, String> sa = RunSettings.of(group(a));
        Map<String, String> sb = RunSettings.of(group(b));
        Map<String, String> sc = RunSettings.of(group(c));
        assertEquals("f82e9c1-dirty (code 0123456789ab)", sa.get(RunSettings.CODE));
        assertEquals(List.of("seed", RunSettings.CODE), RunSettings.differing(List.of(sa, sb)));
        assertEquals(List.of("seed"), RunSettings.differing(List.of(sa, sc)), "same code, another seed");
        assertEquals("Code", RunSettings.title(RunSettings.CODE));
    }

    @Test
    void runsOnAnotherKindOfCpuDifferInTheirCpu(@TempDir Path dir) throws Exception {
        // Same code, another processor: the last digits of a seed may differ, so the comparison says so.
        List<RunFolder> runs = seedsOneToThree(dir);
        RunFolder a = runs.get(0);
        RunFolder b = runs.get(1);
        RunFolder old = runs.get(2);
        Files.writeString(a.file(RunFolder.PROVENANCE), "{\"git_commit\": \"" + COMMIT
                + "\", \"cpu_vector_isa\": \"AVX2 FMA\"}");
        Files.writeString(b.file(RunFolder.PROVENANCE), "{\"git_commit\": \"" + COMMIT
                + "\", \"cpu_vector_isa\": \"AVX2 FMA AVX-512 AMX\"}");
        provenance(old, COMMIT, "");

        Map<String, String> sa = RunSettings.of(group(a));
        Map<String, String> sb = RunSettings.of(group(b));
        assertEquals("AVX2 FMA", sa.get(RunSettings.CPU));
        assertEquals(List.of("seed", RunSettings.CPU), RunSettings.differing(List.of(sa, sb)));
        assertEquals("CPU", RunSettings.title(RunSettings.CPU));
        // A run recorded before the key existed names no CPU rather than a guessed one.
        assertEquals("", RunRecord.read(old).cpuVectorIsa());
        assertTrue(!RunSettings.of(group(old)).containsKey(RunSettings.CPU));
    }

    @Test
    void aRunWithoutProvenanceHasNoCodeAndABrokenOneStillLists(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir);
        RunFolder none = new RunFolderFixture(store).seed(1).write("A");
        Files.deleteIfExists(none.file(RunFolder.PROVENANCE));
        assertEquals("", RunRecord.read(none).code());
        assertTrue(!RunSettings.of(group(none)).containsKey(RunSettings.CODE));

        RunFolder old = new RunFolderFixture(store).seed(2).write("A");
        Files.writeString(old.file(RunFolder.PROVENANCE), "{\"git_commit\": \"4f7b9d5ff5ddf9fd77bb619b65f8c26b5a44be80\"}");
        assertEquals("4f7b9d5", RunRecord.read(old).code(), "a run from before the fingerprint: its commit only");

        RunFolder broken = new RunFolderFixture(store).seed(3).write("A");
        Files.writeString(broken.file(RunFolder.PROVENANCE), "{not json");
        assertEquals("unreadable provenance.json", RunRecord.read(broken).code());
    }

    private static final String COMMIT = "f82e9c1d0d0d2de7dcb68e9da3b904c62bba38c5";

    /** Three runs of one cell, seeds 1-3, split A. */
    private static List<RunFolder> seedsOneToThree(Path dir) {
        RunStore store = new RunStore(dir);
        return List.of(1L, 2L, 3L).stream().map(seed -> new RunFolderFixture(store).seed(seed).write("A")).toList();
    }

    private static void provenance(RunFolder f, String commit, String code) throws Exception {
        Files.writeString(f.file(RunFolder.PROVENANCE),
                "{\"git_commit\": \"" + commit + "\", \"code_sha256\": \"" + code + "\"}");
    }

    private static RunGroup group(RunFolder f) {
        return RunGroup.of(List.of(RunRecord.read(f))).get(0);
    }
}
