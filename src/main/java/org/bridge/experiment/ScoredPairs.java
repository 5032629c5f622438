package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.eval.PairScore;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;

/**
 * Reads a run's {@code pair-scores.csv} with the face names kept (what the Pairs view lists),
 * and joins each pair with its fold's threshold from {@code results.json}.
 */
public final class ScoredPairs {

    /** The first line of pair-scores.csv. */
    public static final String HEADER = "fold,matched,person_a,image_a,person_b,image_b,score";

    private ScoredPairs() {
    }

    /** The scored pairs of one completed run. */
    public static List<ScoredPair> of(RunRecord run) {
        JsonObject results = run.results().orElseThrow(() -> new UserFacingException(
                "run " + run.folder().dir() + " has no " + RunFolder.RESULTS + " yet"));
        return read(run.folder().file(RunFolder.PAIR_SCORES), run.split(),
                thresholds(results, run.folder().file(RunFolder.RESULTS)));
    }

    /**
     * The same target pairs scored after every face went through the paper's full D(I)
     * ({@link DegradedPairsVerification}), each fold's threshold chosen on the other folds of
     * those scores, as for the clean pairs.
     */
    public static List<ScoredPair> ofDegraded(RunRecord run) {
        Path file = run.folder().file(DegradedPairsVerification.PAIR_SCORES);
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("run " + run.folder().dir() + " has no " + DegradedPairsVerification.PAIR_SCORES
                    + " (a finished run gets it on its next `run`)");
        }
        List<PairScore> scores = new ArrayList<>();
        for (ScoredPair p : read(file, run.split(), null)) {
            scores.add(new PairScore(p.fold(), p.matched(), p.score()));
        }
        Map<Integer, Double> thresholds = new HashMap<>();
        for (VerificationResult.FoldResult f : Verification.evaluate(new VerificationScores(run.split(), scores, 0)).folds()) {
            thresholds.put(f.fold(), f.threshold());
        }
        return read(file, run.split(), thresholds);
    }

    /** Fold number to threshold, from the {@code folds} array of results.json. */
    static Map<Integer, Double> thresholds(JsonObject results, Path source) {
        JsonElement folds = results.get("folds");
        if (folds == null || !folds.isJsonArray()) {
            throw new UserFacingException(source + ": no \"folds\" array with the per-fold thresholds");
        }
        Map<Integer, Double> out = new HashMap<>();
        for (JsonElement e : (JsonArray) folds) {
            JsonObject f = e.getAsJsonObject();
            out.put(f.get("fold").getAsInt(), f.get("threshold").getAsDouble());
        }
        return out;
    }

    /** @param thresholds fold to threshold; null while they are not known yet (NaN thresholds) */
    static List<ScoredPair> read(Path file, String split, Map<Integer, Double> thresholds) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new UserFacingException(file + " line 1: expected header '" + HEADER + "'");
        }
        List<ScoredPair> out = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split(",");
            if (c.length != 7) {
                throw new UserFacingException(file + " line " + (i + 1) + ": expected 7 fields, found " + c.length);
            }
            try {
                int fold = Integer.parseInt(c[0]);
                Double t = thresholds == null ? Double.valueOf(Double.NaN) : thresholds.get(fold);
                if (t == null) {
                    throw new UserFacingException(file + " line " + (i + 1) + ": fold " + fold
                            + " has no threshold in " + RunFolder.RESULTS);
                }
                out.add(new ScoredPair(split, fold, "1".equals(c[1]), c[2], Integer.parseInt(c[3]), c[4],
                        Integer.parseInt(c[5]), Double.parseDouble(c[6]), t));
            } catch (NumberFormatException e) {
                throw new UserFacingException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
