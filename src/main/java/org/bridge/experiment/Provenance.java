package org.bridge.experiment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.bridge.config.BridgeLocations;
import org.bridge.config.BuildInfo;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageContentKey;
import org.bridge.nd.Nd4jRuntime;

/**
 * Where a run's numbers came from: code version and git commit, the exact training images (a
 * hash over their identities and content keys), the teacher's model fingerprint, the machine
 * (processor and its vector instruction sets) and the numeric backend. Written into the run
 * folder next to the config.
 */
public final class Provenance {

    /** The key of the build's code fingerprint ({@link BuildInfo#codeFingerprint()}). */
    public static final String CODE_FINGERPRINT = "code_sha256";
    public static final String GIT_COMMIT = "git_commit";
    /** The key of the processor's vector instruction sets ({@link CpuDescription#vectorIsa()}). */
    public static final String CPU_VECTOR_ISA = "cpu_vector_isa";

    private Provenance() {
    }

    public static void write(RunFolder folder, ExperimentSpec.Students spec, ExperimentCell cell, Path datasetRoot,
                      List<FaceRecord> trainingImages, String teacherFingerprint) {
        JsonObject p = describe(cell.split(), cell.seed(), cell.student().teacher().name(), datasetRoot,
                trainingImages, teacherFingerprint);
        p.addProperty("student", cell.student().name());
        p.addProperty("regression_target", cell.student().target().key());
        p.addProperty("training_engine", spec.training().engine());
        p.add(SettingsChosenOn.KEY, spec.settingsChosenOn().toJson());
        folder.writeJson(RunFolder.PROVENANCE, p);
    }

    /**
     * The same for runs that train no student (the adaptation and teacher-hallucination kinds):
     * {@code images} are the images the run's numbers come from.
     */
    public static void write(RunFolder folder, String split, long seed, String teacher, Path datasetRoot,
                      List<FaceRecord> images, String teacherFingerprint) {
        folder.writeJson(RunFolder.PROVENANCE, describe(split, seed, teacher, datasetRoot, images, teacherFingerprint));
    }

    private static JsonObject describe(String split, long seed, String teacher, Path datasetRoot,
                                       List<FaceRecord> images, String teacherFingerprint) {
        JsonObject p = new JsonObject();
        p.addProperty("bridge_version", BuildInfo.version());
        // git_commit is the code that ran: the commit the jar was built from. The checkout's
        // HEAD at start is kept beside it, since the two differ when a jar outlives its commit.
        Optional<String> workTree = BuildInfo.gitCommit(BridgeLocations.fromSystem().repoDir().orElse(null));
        p.addProperty(GIT_COMMIT, BuildInfo.buildCommit().or(() -> workTree)
                .orElse("unknown (built and run outside a git checkout)"));
        p.addProperty("work_tree_commit", workTree.orElse("unknown (not run from a git checkout)"));
        // Names the code itself: a "-dirty" commit says only that something was uncommitted.
        p.addProperty(CODE_FINGERPRINT, BuildInfo.codeFingerprint().orElse("unknown (code not readable)"));
        p.addProperty("started", Instant.now().toString());
        p.addProperty("dataset_root", datasetRoot.toString());
        p.addProperty("split", split);
        p.addProperty("seed", seed);
        p.addProperty("training_images", images.size());
        p.addProperty("training_images_sha256", hashOf(images));
        p.addProperty("teacher", teacher);
        p.addProperty("teacher_fingerprint", teacherFingerprint == null ? "none" : teacherFingerprint);
        p.addProperty("java", System.getProperty("java.version") + " " + System.getProperty("java.vendor"));
        p.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.addProperty("cores", Runtime.getRuntime().availableProcessors());
        CpuDescription cpu = CpuDescription.ofThisMachine();
        p.addProperty("cpu", cpu.model());
        p.addProperty(CPU_VECTOR_ISA, cpu.vectorIsa());
        // Training time depends on it (run --processes N gives each run cores/N threads).
        String omp = System.getenv("OMP_NUM_THREADS");
        p.addProperty("omp_threads", omp == null || omp.isBlank() ? "unset (all cores)" : omp.trim());
        p.addProperty("backend", Nd4jRuntime.describe());
        return p;
    }

    /**
     * Identifies the exact training images: each one's identity and content key, in order. By
     * content, so the same data re-provisioned with new modification times hashes the same.
     */
    static String hashOf(List<FaceRecord> images) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FaceRecord r : images) {
                md.update((r.person() + "/" + r.number() + "|" + ImageContentKey.of(r.file()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | java.io.UncheckedIOException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
