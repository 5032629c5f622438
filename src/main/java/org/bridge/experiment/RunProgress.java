package org.bridge.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

/**
 * How far a run's training is, from its epochs.csv (one row per finished epoch, with its wall
 * time) and config.json (how many epochs it trains): epochs done of planned and, while it runs,
 * the time left to the end of training (the mean epoch time of the recorded epochs times the
 * epochs left, less the time since the last one ended). Evaluation after training is not counted.
 *
 * @param done      epochs finished (each phase's epochs counted once, a redone epoch once)
 * @param planned   epochs the run trains in all its phases; 0 when unknown
 * @param remaining estimated training time left; empty when not running or no epoch has finished
 * @param finished  whether the run is done (a run from before epochs.csv existed recorded no epochs)
 */
public record RunProgress(int done, int planned, Optional<Duration> remaining, boolean finished) {

    /** Reads {@code folder}'s progress as of {@code now}; empty for a run without epochs (e.g. not a student). */
    public static Optional<RunProgress> read(RunFolder folder, JsonObject config, RunState state, Instant now) {
        Path csv = folder.file(RunFolder.EPOCHS);
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Integer> phaseEpochs = new LinkedHashMap<>();
        Instant lastEnd = null;
        if (Files.isRegularFile(csv)) {
            try {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                lastEnd = Files.getLastModifiedTime(csv).toInstant();
                for (String line : lines) {
                    String[] c = line.strip().split(",", -1);
                    if (c.length != 8 || line.startsWith("phase,")) {
                        continue;
                    }
                    try {
                        int epoch = Integer.parseInt(c[1]);
                        int epochs = Integer.parseInt(c[2]);
                        double s = Double.parseDouble(c[3]);
                        seconds.put(c[0] + "|" + epoch, s);
                        phaseEpochs.put(c[0], epochs);
                    } catch (NumberFormatException halfWritten) {
                        // a line still being written counts when it is whole
                    }
                }
            } catch (IOException unreadable) {
                seconds.clear();
            }
        }
        int planned = plannedEpochs(config);
        if (planned == 0) {
            planned = phaseEpochs.values().stream().mapToInt(Integer::intValue).sum();
        }
        if (seconds.isEmpty() && planned == 0) {
            return Optional.empty();
        }
        int done = seconds.size();
        Optional<Duration> left = Optional.empty();
        if (state == RunState.RUNNING && done > 0 && planned > done) {
            double mean = seconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double since = lastEnd == null ? 0 : Math.max(0, Duration.between(lastEnd, now).toMillis() / 1000.0);
            left = Optional.of(Duration.ofSeconds(Math.round(Math.max(0, (planned - done) * mean - since))));
        }
        return Optional.of(new RunProgress(done, planned, left, state == RunState.DONE));
    }

    /** Pre-train plus fine-tune epochs of a student run's config.json; 0 when it says none. */
    static int plannedEpochs(JsonObject config) {
        if (!(config.get("training") instanceof JsonObject t)) {
            return 0;
        }
        int n = 0;
        for (String k : List.of("pretrainEpochs", "finetuneEpochs")) {
            if (t.has(k) && t.get(k).isJsonPrimitive() && t.get(k).getAsJsonPrimitive().isNumber()) {
                n += t.get(k).getAsInt();
            }
        }
        return n;
    }

    /** E.g. {@code epoch 3/30, ETA 12 min}, {@code epoch 3/30} (stopped), {@code done, 30 epochs}. */
    public String text() {
        if (finished) {
            return planned > 0 ? "done, " + planned + " epochs" : "done";
        }
        String epochs = "epoch " + done + (planned > 0 ? "/" + planned : "");
        return remaining.map(d -> epochs + ", ETA " + duration(d)).orElse(epochs);
    }

    /** {@code 45 s}, {@code 12 min}, {@code 2 h 05 min}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        if (min < 60) {
            return min + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }
}
