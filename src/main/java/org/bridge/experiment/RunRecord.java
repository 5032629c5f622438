package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.eval.PairScore;
import org.bridge.eval.VerificationScores;

/**
 * A run folder read back: its configuration, state and (when done) results. What the report
 * command and the workbench's Results view list.
 */
public record RunRecord(RunFolder folder, JsonObject config, RunState state, String message,
                        Optional<JsonObject> results) {

    public static RunRecord read(RunFolder folder) {
        JsonObject cfg = folder.readJson(RunFolder.CONFIG).orElseThrow(
                () -> new UserFacingException("not a run folder (no config.json): " + folder.dir()));
        return new RunRecord(folder, cfg, folder.state(), folder.stateMessage(), folder.readJson(RunFolder.RESULTS));
    }

    public String experiment() {
        return config.get("experiment").getAsString();
    }

    public String student() {
        return config.get("student").getAsString();
    }

    public String loss() {
        return config.get("loss").getAsString();
    }

    public String split() {
        return config.get("split").getAsString();
    }

    public long seed() {
        return config.get("seed").getAsLong();
    }

    public String datasetKind() {
        return config.getAsJsonObject("dataset").get("kind").getAsString();
    }

    /** A results number, NaN when absent. */
    public double metric(String key) {
        return results.filter(r -> r.has(key) && !r.get(key).isJsonNull()).map(r -> r.get(key).getAsDouble())
                .orElse(Double.NaN);
    }

    /** The run's per-pair cosine scores (pair-scores.csv), for ROC overlays and full-LFW pooling. */
    public VerificationScores pairScores() {
        Path f = folder.file(RunFolder.PAIR_SCORES);
        List<PairScore> scores = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                if (c.length != 7) {
                    throw new UserFacingException(f + " line " + (i + 1) + ": expected 7 fields, found " + c.length);
                }
                try {
                    scores.add(new PairScore(Integer.parseInt(c[0]), "1".equals(c[1]), Double.parseDouble(c[6])));
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException(f + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        int skipped = (int) metric("skipped_pairs");
        return new VerificationScores(student() + " split " + split(), scores, skipped < 0 ? 0 : skipped);
    }
}
