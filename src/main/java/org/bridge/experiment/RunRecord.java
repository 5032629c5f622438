package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.eval.PairScore;
import org.bridge.eval.VerificationScores;

/**
 * A run folder read back: its configuration, state and (when done) results. What the report
 * command and the workbench's Results view list.
 */
public record RunRecord(RunFolder folder, JsonObject config, RunState state, String message,
                        Optional<JsonObject> results, String code) {

    /** A run whose provenance is not known (code ""). */
    public RunRecord(RunFolder folder, JsonObject config, RunState state, String message,
                     Optional<JsonObject> results) {
        this(folder, config, state, message, results, "");
    }

    public static RunRecord read(RunFolder folder) {
        JsonObject cfg = folder.readJson(RunFolder.CONFIG).orElseThrow(
                () -> new UserFacingException("not a run folder (no config.json): " + folder.dir()));
        if (!cfg.has("experiment") || !cfg.get("experiment").isJsonPrimitive()) {
            throw new UserFacingException("run file " + folder.file(RunFolder.CONFIG) + " names no \"experiment\"");
        }
        RunRecord r = new RunRecord(folder, cfg, folder.state(), folder.stateMessage(), folder.readJson(RunFolder.RESULTS),
                codeOf(folder));
        try {
            // What every list shows of a run, so a list never fails half way on one of them.
            r.kind();
            r.student();
            r.loss();
            r.split();
            r.seed();
            r.settingsChosenOn();
        } catch (RuntimeException e) {
            throw new UserFacingException("run file " + folder.file(RunFolder.CONFIG) + " does not describe a run: "
                    + e.getMessage(), e);
        }
        return r;
    }

    /**
     * The build that trained the run, from its provenance.json: the commit (short, with
     * "-dirty") and, when recorded, the start of its code fingerprint; "" without provenance.
     * Runs that name the same fingerprint ran the same code.
     */
    static String codeOf(RunFolder folder) {
        Optional<JsonObject> p;
        try {
            p = folder.readJson(RunFolder.PROVENANCE);
        } catch (UserFacingException e) {
            return "unreadable " + RunFolder.PROVENANCE; // the run stays listable; its code is what is unknown
        }
        if (p.isEmpty()) {
            return "";
        }
        String commit = textOf(p.get(), Provenance.GIT_COMMIT);
        String shortCommit = commit.matches("[0-9a-f]{40}(-dirty)?") ? commit.substring(0, 7) + commit.substring(40) : commit;
        String code = textOf(p.get(), Provenance.CODE_FINGERPRINT);
        return code.startsWith("sha256:") ? shortCommit + " (code " + code.substring(7, Math.min(code.length(), 19)) + ")"
                : shortCommit;
    }

    /**
     * The student's top-1 (softmax on frozen features, as a fraction) on face set {@code faceSet},
     * from {@code identify --into-run}'s report in the run folder; empty when it was not identified
     * there. A damaged report is an error naming the file.
     */
    public Optional<Double> identificationTop1(String faceSet) {
        Optional<JsonObject> report = folder.readJson(RunFolder.IDENTIFICATION_PREFIX + faceSet + ".json");
        if (report.isEmpty()) {
            return Optional.empty();
        }
        JsonObject o = report.get();
        if (!o.has("softmax") || !o.get("softmax").isJsonObject()
                || !o.getAsJsonObject("softmax").has("top1")) {
            throw new UserFacingException(folder.identificationFile(faceSet) + " is not an identify report"
                    + " (no softmax.top1)");
        }
        return Optional.of(o.getAsJsonObject("softmax").get("top1").getAsDouble());
    }

    /**
     * The vector instruction sets of the processor the run trained on (provenance.json's
     * {@code cpu_vector_isa}, e.g. "AVX2 FMA AVX-512 AMX"): a seed's last digits reproduce only on
     * the same kind. "" for runs recorded before the key existed or without a readable provenance.
     */
    public String cpuVectorIsa() {
        try {
            return folder.readJson(RunFolder.PROVENANCE).map(p -> textOf(p, Provenance.CPU_VECTOR_ISA)).orElse("");
        } catch (UserFacingException e) {
            return "";
        }
    }

    private static String textOf(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    public String experiment() {
        return config.get("experiment").getAsString();
    }

    /**
     * What the run is: {@link ExperimentSpec#KIND_STUDENTS} (a trained student; config.json without
     * "kind"), {@link ExperimentSpec#KIND_ADAPTATION} or {@link ExperimentSpec#KIND_HALLUCINATION}.
     */
    public String kind() {
        return text("kind", ExperimentSpec.KIND_STUDENTS);
    }

    public boolean isStudent() {
        return ExperimentSpec.KIND_STUDENTS.equals(kind());
    }

    /** The student's name; for runs of other kinds their label (e.g. "Fig. 3 teacher V"), so lists can show them. */
    public String student() {
        return isStudent() && config.has("student") ? studentName(config) : text("student", text("label", folder.id()));
    }

    /**
     * The student's name in a config.json, target included: a run written before the target was
     * part of the name says {@code teacher-pca} only in its training section, and is S-p-x-t+pca.
     */
    public static String studentName(JsonObject config) {
        String name = config.get("student").getAsString();
        if (config.has("regressionTarget") || !(config.get("training") instanceof JsonObject training)) {
            return name;
        }
        JsonElement target = training.get("regressionTarget");
        if (target == null || !target.isJsonPrimitive()
                || !ExperimentSpec.TARGET_TEACHER_PCA.equals(target.getAsString())) {
            return name;
        }
        try {
            return StudentSpec.parse(name).withTarget(MimicTarget.TEACHER_PCA).name();
        } catch (IllegalArgumentException notAStudentName) {
            return name;
        }
    }

    /** Where the run's settings were chosen (not declared for runs written before the field). */
    public SettingsChosenOn settingsChosenOn() {
        return SettingsChosenOn.ofRun(config, folder.file(RunFolder.CONFIG).toString());
    }

    /** The classification loss; empty for runs that train no student. */
    public String loss() {
        return text("loss", "");
    }

    /** A or B; "all pairs" for a teacher evaluation. */
    public String split() {
        return text("split", "");
    }

    public long seed() {
        return config.has("seed") && !config.get("seed").isJsonNull() ? config.get("seed").getAsLong() : 0;
    }

    private String text(String key, String fallback) {
        return config.has(key) && !config.get(key).isJsonNull() ? config.get(key).getAsString() : fallback;
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
        JsonObject r = results.orElseThrow(() -> new UserFacingException(
                "run " + folder.dir() + " has no " + RunFolder.RESULTS + " yet"));
        return readPairScores(folder.file(RunFolder.PAIR_SCORES), "", r, "\"pairs\"");
    }

    /**
     * The per-pair scores with test-time flip averaging ({@link FlipAveragedVerification}); empty
     * for runs that did not measure it.
     */
    public Optional<VerificationScores> flipAveragedPairScores() {
        Path f = folder.file(FlipAveragedVerification.PAIR_SCORES);
        boolean recorded = results.map(r -> r.has(FlipAveragedVerification.KEY)).orElse(false);
        if (!recorded || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonElement block = results.get().get(FlipAveragedVerification.KEY);
        if (!block.isJsonObject()) {
            throw new UserFacingException(folder.file(RunFolder.RESULTS) + ": \"" + FlipAveragedVerification.KEY
                    + "\" is not an object");
        }
        return Optional.of(readPairScores(f, " +flip", block.getAsJsonObject(),
                "\"" + FlipAveragedVerification.KEY + ".pairs\""));
    }

    /**
     * The per-pair scores on degraded target faces ({@link DegradedPairsVerification}); empty for
     * runs that did not measure it.
     */
    public Optional<VerificationScores> degradedPairScores() {
        Path f = folder.file(DegradedPairsVerification.PAIR_SCORES);
        Optional<JsonObject> block = folder.readJson(DegradedPairsVerification.FILE);
        if (block.isEmpty() || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(readPairScores(f, " +D(I)", block.get(),
                "\"pairs\" of " + DegradedPairsVerification.FILE));
    }

    /**
     * The scores of {@code f}, which must hold exactly as many pairs as results.json says were
     * scored ({@code pairs} of {@code block}): a file cut short or left from another evaluation
     * would otherwise be pooled into a wrong full-LFW number.
     */
    private VerificationScores readPairScores(Path f, String suffix, JsonObject block, String pairsKey) {
        List<PairScore> scores = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
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
        JsonElement expected = block.get("pairs");
        if (expected == null || !expected.isJsonPrimitive() || !expected.getAsJsonPrimitive().isNumber()) {
            throw new UserFacingException(folder.file(RunFolder.RESULTS) + " has no " + pairsKey
                    + " count to check " + f.getFileName() + " against");
        }
        if (expected.getAsInt() != scores.size()) {
            throw new UserFacingException(f + " has " + scores.size() + " pair rows but " + RunFolder.RESULTS
                    + " says " + expected.getAsInt() + " pairs were scored (" + pairsKey
                    + "); the file is incomplete or from another evaluation");
        }
        int skipped = (int) metric("skipped_pairs");
        return new VerificationScores(student() + suffix + " split " + split(), scores, skipped < 0 ? 0 : skipped);
    }
}
