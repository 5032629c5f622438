package org.bridge.distill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Student checkpoints: DL4J ModelSerializer zips written so that a reader (or a resumed run)
 * sees either the previous complete file or the new complete file, never a torn one: the zip is
 * written to a temporary sibling ({@code .NAME.*.partial}), forced to disk, then renamed over the
 * target with ATOMIC_MOVE.
 *
 * <p>Training checkpoints also keep the one before ({@link #previousOf}): when the newest turns
 * out damaged (a disk fault, a copy cut short), {@link #resume} sets it aside and falls back.
 */
public final class Checkpoints {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Checkpoints() {
    }

    /**
     * Writes {@code net} to {@code target} atomically.
     *
     * @param withUpdater also store the optimiser state (needed to resume training)
     */
    public static void writeAtomically(ComputationGraph net, Path target, boolean withUpdater) throws IOException {
        Path tmp = writePartial(net, target, withUpdater);
        try {
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a training checkpoint (with optimiser state) to {@code target} atomically, first
     * moving the checkpoint it replaces to {@link #previousOf}{@code (target)}. A kill between the
     * two renames leaves only the previous one, which {@link #resume} then uses.
     */
    public static void writeKeepingPrevious(ComputationGraph net, Path target) throws IOException {
        Path tmp = writePartial(net, target, true);
        try {
            if (Files.exists(target)) {
                moveAtomically(target, previousOf(target));
            }
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The checkpoint kept from the epoch before {@code target}'s: {@code previous-NAME}. */
    public static Path previousOf(Path target) {
        return target.resolveSibling("previous-" + target.getFileName());
    }

    /** Reads a checkpoint including its optimiser state, for resuming; the message names the file. */
    public static ComputationGraph read(Path file) throws IOException {
        Nd4jRuntime.init();
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (RuntimeException e) {
            throw new IOException("cannot read student checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #resume} found: the network to continue (null: train from scratch), the file it
     * came from, and one sentence per damaged file set aside (empty when nothing was wrong).
     */
    public record Resumption(ComputationGraph network, Path from, List<String> notes) {
        public Resumption {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The newest readable checkpoint of {@code target}: the target itself, else the previous one.
     * A file that is not an intact zip (CRC of every entry), that DL4J cannot restore, or whose
     * weights are not finite is renamed to {@code NAME.damaged-<UTC time>} (never deleted) and
     * the next candidate is tried.
     */
    public static Resumption resume(Path target) throws IOException {
        List<String> notes = new ArrayList<>();
        for (Path candidate : List.of(target, previousOf(target))) {
            if (!Files.exists(candidate)) {
                continue;
            }
            try {
                requireIntactZip(candidate);
                ComputationGraph net = read(candidate);
                if (!Double.isFinite(net.params().sumNumber().doubleValue())) {
                    throw new IOException("student checkpoint " + candidate + " holds NaN or infinite weights");
                }
                return new Resumption(net, candidate, notes);
            } catch (IOException | RuntimeException damaged) {
                Path aside = setAside(candidate);
                notes.add("checkpoint " + candidate + " is damaged (" + damaged.getClass().getSimpleName() + ": "
                        + damaged.getMessage() + "); set aside as " + aside.getFileName());
            }
        }
        return new Resumption(null, null, notes);
    }

    /** Renames a damaged file to {@code NAME.damaged-<UTC time>} next to it; returns the new path. */
    public static Path setAside(Path file) throws IOException {
        String base = file.getFileName() + ".damaged-" + STAMP.format(Instant.now());
        Path aside = file.resolveSibling(base);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(base + "-" + i);
        }
        Files.move(file, aside);
        return aside;
    }

    /**
     * Deletes the {@code .NAME.*.partial} files of writes that were killed before their rename
     * (checkpoints, the final model, run files); returns what was deleted. Only for a folder no
     * other process is writing to.
     */
    public static List<Path> removeUnfinishedWrites(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.partial")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** Reads every entry to its end, which makes ZipInputStream compare it with its CRC. */
    static void requireIntactZip(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new IOException("student checkpoint " + file + " is empty");
        }
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            byte[] buffer = new byte[1 << 16];
            while ((e = zip.getNextEntry()) != null) {
                entries++;
                InputStream in = zip;
                while (in.read(buffer) >= 0) {
                    // read to the end: the CRC is checked there
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException("student checkpoint " + file + " is not an intact zip: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new IOException("student checkpoint " + file + " holds no zip entries");
        }
    }

    private static Path writePartial(ComputationGraph net, Path target, boolean withUpdater) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (e.g. across mounts) cannot rename atomically; a plain replace
            // still never leaves a partial file under the target name on the same volume.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
