package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.bridge.config.UserFacingException;

/**
 * The evidence of finished runs without their weights: every text file of a complete run folder
 * (config, provenance, results, losses, curves, per-pair scores, step 1's report) except what only
 * a live run needs; no model, adaptation module, checkpoint or DL4J statistics. An archive is itself a runs
 * folder, so {@code report} and the Results tab read it as they read the original, and it is
 * small enough (1.2 MB for a 24-epoch S-16 run) to keep beside the tables it backs.
 */
public final class RunArchive {

    /** A live run's lock and its console: everything but these and the binaries is kept. */
    static final Set<String> LEFT_OUT = Set.of(RunClaim.FILE, RunFolder.CONSOLE);

    /** Weights (model.zip, adaptation.bin) and DL4J's statistics: binary, large, not evidence of a number. */
    static boolean isBinary(String name) {
        return name.endsWith(".zip") || name.endsWith(".bin");
    }

    /** What one archiving did. */
    public record Summary(List<String> archived, List<String> unfinished, long bytes) {
        public Summary {
            archived = List.copyOf(archived);
            unfinished = List.copyOf(unfinished);
        }
    }

    private RunArchive() {
    }

    /**
     * Copies every complete run of {@code from} (of one experiment when given) into {@code to},
     * as {@code <experiment>/<run-id>/}; a run archived before is replaced file by file.
     * Unfinished runs are listed, not copied: their numbers do not exist yet.
     */
    public static Summary archive(RunStore from, Path to, Optional<String> experiment) {
        Path src = from.root().toAbsolutePath().normalize();
        Path dst = to.toAbsolutePath().normalize();
        if (dst.startsWith(src) || src.startsWith(dst)) {
            throw new UserFacingException("the archive " + to + " and the runs folder " + from.root()
                    + " must not contain one another");
        }
        if (!Files.isDirectory(src)) {
            throw new UserFacingException("no runs folder at " + from.root());
        }
        List<String> archived = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        long bytes = 0;
        for (RunFolder run : from.list()) {
            String exp = run.dir().getParent().getFileName().toString();
            if (experiment.isPresent() && !experiment.get().equals(exp)) {
                continue;
            }
            String name = exp + "/" + run.id();
            if (!run.isComplete()) {
                unfinished.add(name);
                continue;
            }
            bytes += copyEvidence(run.dir(), new RunStore(dst).folder(exp, run.id()).dir());
            archived.add(name);
        }
        return new Summary(archived, unfinished, bytes);
    }

    private static long copyEvidence(Path run, Path target) {
        long bytes = 0;
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (LEFT_OUT.contains(name) || isBinary(name) || name.startsWith(".")) {
                        continue;
                    }
                    // Through a temporary file, so a copy cut short never looks like evidence.
                    Path tmp = target.resolve("." + name + ".part");
                    Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    bytes += Files.size(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + run + " to " + target, e);
        }
        return bytes;
    }
}
