package org.bridge.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.AtomicFiles;
import org.bridge.config.UserFacingException;

/**
 * One run's folder: everything the run produced sits here, and front ends read it from here
 * (the workbench keeps no second truth). Files:
 * <ul>
 *   <li>{@code config.json}: the fully resolved cell configuration (written first)</li>
 *   <li>{@code provenance.json}: code version, git commit, data and teacher hashes, machine</li>
 *   <li>{@code status.json}: {@link RunState}, message, time</li>
 *   <li>{@code losses.csv}: per-iteration losses, appended as training goes</li>
 *   <li>{@code checkpoints/}: {@code last.zip} (the last finished epoch, to resume from) and
 *       {@code previous-last.zip} (the epoch before); {@code model.zip}: the final model</li>
 *   <li>{@code results.json}: metrics, written last and atomically: its presence means done</li>
 *   <li>{@code run.lock}: the {@link RunClaim} of whoever works on the run (names it while held)</li>
 *   <li>{@code roc.csv}, {@code cmc.csv}, {@code pair-scores.csv}: curves and per-pair scores, each
 *       written whole and atomically before results.json</li>
 *   <li>{@code identification-<face set>.json}: the student's identification on another face set
 *       (e.g. ORL), written by {@code identify --into-run} after the run is done</li>
 * </ul>
 */
public final class RunFolder {

    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String STATUS = "status.json";
    public static final String LOSSES = "losses.csv";
    /** One row per finished epoch with its wall time: kept across resumptions, unlike a process's clock. */
    public static final String EPOCHS = "epochs.csv";
    public static final String RESULTS = "results.json";
    public static final String MODEL = "model.zip";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String ROC = "roc.csv";
    public static final String CMC = "cmc.csv";
    public static final String PAIR_SCORES = "pair-scores.csv";
    /** The start of {@link #identificationFile}'s name. */
    public static final String IDENTIFICATION_PREFIX = "identification-";
    /** Standard output and error of a run trained in its own JVM. */
    public static final String CONSOLE = "console.log";

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS);
    }

    /**
     * The identify report of this run's student on face set {@code faceSet} (a folder's name):
     * {@code identification-<faceSet>.json}.
     */
    public Path identificationFile(String faceSet) {
        if (!faceSet.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("a face set is named by letters, digits, '.', '_' and '-', not '"
                    + faceSet + "'");
        }
        return file(IDENTIFICATION_PREFIX + faceSet + ".json");
    }

    /** The face sets this run's student was identified on ({@link #identificationFile}), sorted by name. */
    public List<String> identifiedFaceSets() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(IDENTIFICATION_PREFIX) && n.endsWith(".json")
                            && n.length() > IDENTIFICATION_PREFIX.length() + ".json".length())
                    .map(n -> n.substring(IDENTIFICATION_PREFIX.length(), n.length() - ".json".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Done means results.json exists: it is the last thing a run writes. */
    public boolean isComplete() {
        return Files.isRegularFile(file(RESULTS));
    }

    public void writeJson(String name, Object value) {
        try {
            AtomicFiles.writeString(file(name), GSON.toJson(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    public Optional<JsonObject> readJson(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("run file " + f + " is unreadable or not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * When a file of this folder or of its checkpoints was last written: a training run appends to
     * losses.csv at least every second, so a RUNNING folder that has been quiet for long has most
     * likely lost its process. Empty when the folder does not exist or cannot be listed.
     */
    public Optional<Instant> lastWritten() {
        Instant latest = null;
        for (Path d : List.of(dir, checkpointsDir())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Instant t = Files.getLastModifiedTime(f).toInstant();
                    latest = latest == null || t.isAfter(latest) ? t : latest;
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(latest);
    }

    public void setState(RunState state, String message) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state.name());
        s.put("message", message == null ? "" : message);
        s.put("updated", Instant.now().toString());
        writeJson(STATUS, s);
    }

    /** The recorded state; a folder with results is DONE whatever its status file says. */
    public RunState state() {
        if (isComplete()) {
            return RunState.DONE;
        }
        return readJson(STATUS).map(o -> stateOf(o, file(STATUS))).orElse(RunState.QUEUED);
    }

    private static RunState stateOf(JsonObject status, Path source) {
        String name = status.has("state") && status.get("state").isJsonPrimitive() ? status.get("state").getAsString() : null;
        for (RunState s : RunState.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UserFacingException("run file " + source + " has " + (name == null ? "no \"state\""
                : "an unknown state \"" + name + "\"") + " (one of " + java.util.Arrays.toString(RunState.values()) + ")");
    }

    public String stateMessage() {
        return readJson(STATUS).map(o -> !o.has("message") || o.get("message").isJsonNull() ? ""
                : o.get("message").isJsonPrimitive() ? o.get("message").getAsString() : o.get("message").toString())
                .orElse("");
    }

    /**
     * Writes a whole CSV atomically (header, then the lines): a reader sees the old file or the
     * complete new one, never a missing or half-written one. For files written once at the end
     * of a run; {@link #appendCsv} is for logs that grow as it goes.
     */
    public void writeCsv(String name, String header, Iterable<String> lines) {
        Path f = file(name);
        try {
            AtomicFiles.write(f, out -> {
                BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write(header);
                w.newLine();
                for (String line : lines) {
                    w.write(line);
                    w.newLine();
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    /** Appends lines to a CSV, writing the header when the file is new. */
    public void appendCsv(String name, String header, Iterable<String> lines) {
        Path f = file(name);
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.exists(f) || Files.size(f) == 0;
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(header);
                    w.newLine();
                }
                for (String line : lines) {
                    w.write(line);
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + f, e);
        }
    }

    /**
     * Drops the rows of a CSV whose integer column {@code column} is {@code >= from} (atomically;
     * the header and malformed rows stay). A resumed training redoes the iterations after its last
     * checkpoint: without this, the interrupted epoch's rows would be in losses.csv twice. A last
     * row without its line end (the process was killed while appending it) is dropped too, so
     * the next row does not run into it.
     */
    public void dropCsvRowsFrom(String name, int column, long from) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return;
        }
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            boolean torn = !text.isEmpty() && !text.endsWith("\n");
            if (torn) {
                lines.remove(lines.size() - 1);
            }
            List<String> keep = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                long value;
                try {
                    value = i == 0 || cells.length <= column ? Long.MIN_VALUE : Long.parseLong(cells[column].trim());
                } catch (NumberFormatException e) {
                    value = Long.MIN_VALUE;
                }
                if (value < from) {
                    keep.add(lines.get(i));
                }
            }
            if (torn || keep.size() != lines.size()) {
                AtomicFiles.writeString(f, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + f, e);
        }
    }
}
