package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceRecord;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finished run's numbers pinned: two tiny cells (a teacher-free S-16-c-O and an S-16-sc-V with
 * step 1 on a deterministic stand-in teacher) trained at one thread on the bundled synthetic
 * faces, with non-default training, degradation and adaptation settings read from a file. The
 * expected values were recorded from the runner before its settings became typed records and
 * its training became stages; a change in how settings reach the training shows up here.
 */
class RunResultsUnchangedTest {

    private static final String EXPERIMENT = """
            {"name": "pinned", "students": ["S-16-c-O", "S-16-sc-V"], "splits": ["A"], "seeds": [7],
             "training": {"pretrainEpochs": 1, "finetuneEpochs": 1, "batchSize": 32, "maxPeople": 10,
                          "learningRate": 0.002},
             "degradation": {"count": 2, "gaussianBlur": {"probability": 0.5}, "jpeg": {"probability": 0.25}},
             "adaptation": {"epochs": 3, "lambda": 2.0}}
            """;

    private static int threads;
    private static int masterThreads;

    @TempDir Path dir;

    @BeforeAll
    static void oneThread() {
        threads = Nd4j.getEnvironment().maxThreads();
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    /** 64-D features that depend only on the person and a little on the image: a learnable stand-in for V. */
    private static final TeacherFeatureProvider STAND_IN_TEACHER = new TeacherFeatureProvider() {
        @Override
        public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
            float[][] out = new float[images.size()][64];
            for (int i = 0; i < images.size(); i++) {
                Random person = new Random(images.get(i).person().hashCode());
                Random image = new Random(31L * images.get(i).person().hashCode() + images.get(i).number());
                for (int d = 0; d < 64; d++) {
                    out[i][d] = (float) (person.nextGaussian() + 0.3 * image.nextGaussian());
                }
            }
            progress.update(images.size(), images.size());
            return out;
        }

        @Override
        public String fingerprint(TeacherId teacher) {
            return "stand-in";
        }
    };

    private List<RunFolder> run() throws IOException {
        Path file = dir.resolve("pinned.json");
        Files.writeString(file, EXPERIMENT, StandardCharsets.UTF_8);
        ExperimentSpec.Students spec = ExperimentSpec.readStudents(file);
        ExperimentRunner runner = new ExperimentRunner(new RunStore(dir.resolve("runs")),
                new ExperimentDatasets(BridgeLocations.fromSystem()), STAND_IN_TEACHER, new AdaptedRegressionTargets());
        return runner.run(spec, RunListener.NONE, new RunControl());
    }

    @Test
    void aFinishedRunHasTheNumbersRecordedBeforeTheRefactor() throws Exception {
        List<RunFolder> folders = run();
        StringBuilder actual = new StringBuilder();
        for (RunFolder f : folders) {
            assertEquals(RunState.DONE, f.state(), f.stateMessage());
            JsonObject r = JsonParser.parseString(Files.readString(f.file(RunFolder.RESULTS))).getAsJsonObject();
            actual.append(f.dir().getFileName()).append(' ')
                    .append(r.get("accuracy").getAsDouble()).append(' ')
                    .append(r.get("auc").getAsDouble()).append(' ')
                    .append(r.get("top1").getAsDouble()).append(' ')
                    .append(sha256(f.file(RunFolder.LOSSES))).append(' ')
                    .append(sha256(f.file(RunFolder.PAIR_SCORES))).append('\n');
        }
        assertTrue(RECORDED.contains(actual.toString()), "not one of the recorded results:\n" + actual
                + "recorded:\n" + String.join("\n", RECORDED));
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                .substring(0, 16);
    }

    /**
     * One recording per kind of CPU: oneDNN and the BLAS pick their kernels by instruction set, and a
     * tiny training turns their different rounding into different numbers. The first was recorded
     * from the runner as it was before the refactor (commit 523243a) on the machine of those
     * sessions, and 12c5d58 still gave it there; the second is what the same training code (12c5d58
     * to 502177f changed none) gives on an AVX-512/AMX machine (2026-12-07), where the first is not
     * produced.
     */
    private static final List<String> RECORDED = List.of("""
            S-16-c-O_softmax_splitA_seed7 0.6766666666666666 0.7307111111111109 0.5 6f9a03f5f2a9d57f b5a3ed05fb8e8af4
            S-16-sc-V_softmax_splitA_seed7 0.6166666666666666 0.6514666666666666 0.44166666666666665 561f1cc67fa53e68 fe463a9b25fbbb94
            """, """
            S-16-c-O_softmax_splitA_seed7 0.6866666666666666 0.730488888888889 0.525 4212d234366d219d 184c3622a2043587
            S-16-sc-V_softmax_splitA_seed7 0.6300000000000001 0.6509333333333333 0.4666666666666667 3f6bd1ca2fc330f0 0717f82f9004c3ae
            """);
}
