package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoredPairsTest {

    @TempDir Path runs;

    @Test
    void verdictsWithTheFoldThresholdsReproduceTheRecordedFoldAccuracies() {
        RunFolder f = new RunFolderFixture(new RunStore(runs)).write("A");
        RunRecord run = RunRecord.read(f);
        List<ScoredPair> pairs = ScoredPairs.of(run);
        assertEquals(60, pairs.size());
        JsonArray folds = run.results().orElseThrow().getAsJsonArray("folds");
        for (JsonElement e : folds) {
            JsonObject fold = e.getAsJsonObject();
            int n = fold.get("fold").getAsInt();
            List<ScoredPair> inFold = pairs.stream().filter(p -> p.fold() == n).toList();
            assertTrue(inFold.stream().allMatch(p -> p.threshold() == fold.get("threshold").getAsDouble()));
            double correct = inFold.stream().filter(ScoredPair::correct).count() / (double) inFold.size();
            assertEquals(fold.get("accuracy").getAsDouble(), correct, 1e-12, "fold " + n);
        }
        assertTrue(pairs.stream().allMatch(p -> "A".equals(p.split())));
        assertEquals("Synthetic_19", pairs.get(0).personA());
    }

    @Test
    void sortingBySignedMarginPutsTheMostConfidentErrorsFirst() {
        RunFolder f = new RunFolderFixture(new RunStore(runs)).write("B");
        List<ScoredPair> pairs = ScoredPairs.of(RunRecord.read(f)).stream()
                .sorted(Comparator.comparingDouble(ScoredPair::signedMargin)).toList();
        ScoredPair first = pairs.get(0);
        assertFalse(first.correct(), "the fixture's folds all have errors");
        double worst = pairs.stream().filter(p -> !p.correct()).mapToDouble(p -> Math.abs(p.margin())).max()
                .orElseThrow();
        assertEquals(worst, Math.abs(first.margin()), 0);
        assertTrue(pairs.get(pairs.size() - 1).correct());
    }

    @Test
    void theVerdictIsSameOnlyAboveTheThreshold() {
        ScoredPair at = new ScoredPair("A", 1, true, "a", 1, "a", 2, 0.5, 0.5);
        assertFalse(at.predictedSame(), "same iff score > threshold, as in Verification");
        assertFalse(at.correct());
        ScoredPair above = new ScoredPair("A", 1, false, "a", 1, "b", 2, 0.7, 0.5);
        assertTrue(above.predictedSame());
        assertEquals(-0.2, above.signedMargin(), 1e-12);
        assertEquals(0.2, above.margin(), 1e-12);
    }

    @Test
    void aPairWhoseFoldHasNoThresholdIsAnErrorNamingTheLine() throws Exception {
        Path csv = runs.resolve("pair-scores.csv");
        Files.writeString(csv, ScoredPairs.HEADER + "\n1,1,a,1,a,2,0.9\n2,0,a,1,b,1,0.1\n");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> ScoredPairs.read(csv, "A", Map.of(1, 0.5)));
        assertTrue(e.getMessage().contains(csv + " line 3") && e.getMessage().contains("fold 2"), e.getMessage());

        Files.writeString(csv, ScoredPairs.HEADER + "\n1,1,a,one,a,2,0.9\n");
        e = assertThrows(UserFacingException.class, () -> ScoredPairs.read(csv, "A", Map.of(1, 0.5)));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
