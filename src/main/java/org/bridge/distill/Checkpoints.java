package org.bridge.distill;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Student checkpoints: DL4J ModelSerializer zips written so that a reader (or a resumed run)
 * sees either the previous complete file or the new complete file, never a torn one: the zip is
 * written to a temporary sibling, forced to disk, then renamed over the target with ATOMIC_MOVE.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * Writes {@code net} to {@code target} atomically.
     *
     * @param withUpdater also store the optimiser state (needed to resume training)
     */
    public static void writeAtomically(ComputationGraph net, Path target, boolean withUpdater) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (e.g. across mounts) cannot rename atomically; a plain replace
                // still never leaves a partial file under the target name on the same volume.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a checkpoint including its optimiser state, for resuming. */
    public static ComputationGraph read(Path file) throws IOException {
        Nd4jRuntime.init();
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (RuntimeException e) {
            throw new IOException("cannot read student checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
