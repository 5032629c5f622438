package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on the student's training checkpoints: a truncated, empty or bit-flipped
 * {@code last.zip} is set aside (renamed, never deleted) and training resumes from the checkpoint
 * of the epoch before, or starts again when that one is damaged too; the listener is told which.
 */
class DamagedCheckpointTest {

    private static final RegressionHead MIMIC = RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED);
    private static final ToyFaces TOY = new ToyFaces(3, 16, 16, 128, 11);
    private static final StudentNetwork NETWORK = StudentNetwork.of(3, ClassifierHead.softmax(), MIMIC);

    @TempDir Path dir;

    private static TrainingPlan plan(Path checkpoint, int epochs) {
        return TrainingPlan.builder().adam().batchSize(16).seed(7).checkpoint(checkpoint)
                .phase(TrainingPhase.full("all", epochs, 0.005)).build();
    }

    /** Records the epochs trained and what the trainer said about the checkpoint. */
    private static final class Recorder implements StudentTrainingListener {
        final List<Integer> epochs = new ArrayList<>();
        final List<String> recovered = new ArrayList<>();

        @Override
        public void iterationDone(LossPoint point) {
        }

        @Override
        public void epochDone(EpochSummary summary) {
            epochs.add(summary.epoch());
        }

        @Override
        public void checkpointRecovered(String message) {
            recovered.add(message);
        }
    }

    enum Damage {
        TRUNCATED {
            @Override
            void apply(Path f) throws IOException {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(raf.length() / 2);
                }
            }
        },
        EMPTY {
            @Override
            void apply(Path f) throws IOException {
                Files.write(f, new byte[0]);
            }
        },
        BIT_FLIPPED {
            @Override
            void apply(Path f) throws IOException {
                byte[] b = Files.readAllBytes(f);
                b[b.length / 2] ^= 0x10;
                Files.write(f, b);
            }
        };

        abstract void apply(Path f) throws IOException;
    }

    /** Two finished epochs: last.zip holds epoch 2, previous-last.zip epoch 1. */
    private Path trainTwoEpochs(String name) throws IOException {
        Path checkpoint = dir.resolve(name).resolve("last.zip");
        new StudentTrainer(NETWORK, plan(checkpoint, 2), null).run(TOY.samples());
        assertTrue(Files.isRegularFile(checkpoint));
        assertTrue(Files.isRegularFile(Checkpoints.previousOf(checkpoint)), "the epoch before is kept");
        return checkpoint;
    }

    private static List<Path> setAside(Path checkpointDir, String name) throws IOException {
        try (Stream<Path> files = Files.list(checkpointDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".damaged-")).toList();
        }
    }

    @Test
    void aDamagedLastCheckpointIsSetAsideAndTrainingResumesFromThePreviousOne() throws IOException {
        Path template = trainTwoEpochs("template");
        for (Damage damage : Damage.values()) {
            Path checkpoint = dir.resolve(damage.name()).resolve("last.zip");
            Files.createDirectories(checkpoint.getParent());
            Files.copy(template, checkpoint);
            Files.copy(Checkpoints.previousOf(template), Checkpoints.previousOf(checkpoint));
            damage.apply(checkpoint);
            long damagedSize = Files.size(checkpoint);

            Recorder rec = new Recorder();
            TrainingResult result = new StudentTrainer(NETWORK, plan(checkpoint, 3), rec).run(TOY.samples());

            assertEquals(TrainingResult.Status.COMPLETED, result.status(), damage.name());
            assertEquals(List.of(2, 3), rec.epochs, damage + ": resumes after epoch 1, from previous-last.zip");
            List<Path> aside = setAside(checkpoint.getParent(), "last.zip");
            assertEquals(1, aside.size(), damage + ": the damaged file is kept under another name");
            assertEquals(damagedSize, Files.size(aside.get(0)), damage + ": set aside as it was");
            assertTrue(aside.get(0).getFileName().toString().matches("last\\.zip\\.damaged-\\d{8}T\\d{6}Z"),
                    aside.get(0).toString());
            assertEquals(1, rec.recovered.size(), damage.name());
            String message = rec.recovered.get(0);
            assertTrue(message.contains(checkpoint.toString()) && message.contains(aside.get(0).getFileName().toString())
                    && message.contains("resumes from previous-last.zip after epoch 1"), damage + ": " + message);
            assertEquals(3, Checkpoints.read(checkpoint).getEpochCount(), "a fresh checkpoint replaces it");
        }
    }

    @Test
    void withBothCheckpointsDamagedTrainingStartsAgainKeepingBoth() throws IOException {
        Path checkpoint = trainTwoEpochs("both");
        Damage.TRUNCATED.apply(checkpoint);
        Damage.BIT_FLIPPED.apply(Checkpoints.previousOf(checkpoint));

        Recorder rec = new Recorder();
        TrainingResult result = new StudentTrainer(NETWORK, plan(checkpoint, 2), rec).run(TOY.samples());

        assertEquals(TrainingResult.Status.COMPLETED, result.status());
        assertEquals(List.of(1, 2), rec.epochs, "no intact checkpoint: from the start");
        assertEquals(1, setAside(checkpoint.getParent(), "last.zip").size());
        assertEquals(1, setAside(checkpoint.getParent(), "previous-last.zip").size());
        assertEquals(1, rec.recovered.size());
        assertTrue(rec.recovered.get(0).contains("training starts again from epoch 1"), rec.recovered.get(0));
    }

    @Test
    void unfinishedWritesAreRemovedAndNothingElse() throws IOException {
        Path d = Files.createDirectories(dir.resolve("partials"));
        Path partial = Files.writeString(d.resolve(".last.zip.4711.partial"), "half a zip");
        Path runFile = Files.writeString(d.resolve(".status.json.42.partial"), "{");
        Path kept = Files.writeString(d.resolve("last.zip"), "kept");
        Path aside = Files.writeString(d.resolve("last.zip.damaged-20260101T000000Z"), "kept too");

        List<Path> removed = Checkpoints.removeUnfinishedWrites(d);

        assertEquals(2, removed.size(), removed.toString());
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(runFile));
        assertTrue(Files.exists(kept) && Files.exists(aside));
        assertTrue(Checkpoints.removeUnfinishedWrites(dir.resolve("absent")).isEmpty());
    }
}
