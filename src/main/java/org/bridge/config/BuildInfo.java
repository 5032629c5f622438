package org.bridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The version of this build and, when it can be found, the git commit it was built from. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /**
     * How the user starts Bridge's command line, as messages and help name it (there is no
     * {@code bridge} launcher on the PATH; the build makes target/bridge.jar).
     */
    public static final String COMMAND = "java -jar target/bridge.jar";

    public static String version() {
        return buildProperties().getProperty("version", "unknown");
    }

    /**
     * The commit this build (the jar or target/classes) was compiled from, with "-dirty" when
     * the work tree had uncommitted changes at build time; empty when built outside git. This,
     * not the checkout's HEAD at run time, is the code that actually trained a run: a long run
     * started from a jar keeps that jar's code while the checkout moves on.
     */
    public static Optional<String> buildCommit() {
        return buildCommit(buildProperties());
    }

    static Optional<String> buildCommit(Properties p) {
        String commit = p.getProperty("commit", "").trim();
        // Outside git the plugin sets nothing, so filtering leaves the literal placeholder.
        if (commit.isEmpty() || commit.startsWith("${")) {
            return Optional.empty();
        }
        boolean dirty = "true".equalsIgnoreCase(p.getProperty("dirty", "").trim());
        return Optional.of(commit + (dirty ? "-dirty" : ""));
    }

    /** The package folder whose files make up Bridge's own code in a jar or classes folder. */
    private static final String CODE_PREFIX = "org/bridge/";
    /** Left out of the fingerprint: it names the commit, which the fingerprint must not depend on. */
    private static final String VERSION_FILE = CODE_PREFIX + "version.properties";

    private static volatile Optional<String> codeFingerprint;

    /**
     * A hash of this build's own compiled code (every file under org/bridge/ in the jar or
     * classes folder but version.properties): two builds with the same value ran the same
     * code, whatever commit or "-dirty" they name. Empty when the code cannot be read.
     */
    public static Optional<String> codeFingerprint() {
        Optional<String> f = codeFingerprint;
        if (f == null) {
            f = location().flatMap(BuildInfo::fingerprintOf);
            codeFingerprint = f;
        }
        return f;
    }

    private static Optional<Path> location() {
        try {
            return Optional.of(Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return Optional.empty(); // no code source (e.g. a custom class loader): nothing to hash
        }
    }

    /** The fingerprint of the code in a jar or a classes folder: sha256 over its files' names and bytes, by name. */
    static Optional<String> fingerprintOf(Path jarOrClasses) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(jarOrClasses)) {
                for (String name : codeFilesIn(jarOrClasses)) {
                    digest(md, name, Files.readAllBytes(jarOrClasses.resolve(name)));
                }
            } else {
                try (ZipFile zip = new ZipFile(jarOrClasses.toFile())) {
                    List<String> names = new ArrayList<>(zip.stream().map(ZipEntry::getName)
                            .filter(n -> isCode(n) && !n.endsWith("/")).toList());
                    names.sort(null);
                    for (String name : names) {
                        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                            digest(md, name, in.readAllBytes());
                        }
                    }
                }
            }
            return Optional.of("sha256:" + HexFormat.of().formatHex(md.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    private static List<String> codeFilesIn(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(BuildInfo::isCode).sorted().toList();
        }
    }

    private static boolean isCode(String name) {
        return name.startsWith(CODE_PREFIX) && !name.equals(VERSION_FILE);
    }

    private static void digest(MessageDigest md, String name, byte[] bytes) {
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(bytes);
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/bridge/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource reads as "unknown", like a missing one.
        }
        return p;
    }

    /**
     * The commit of the project folder (with a "-dirty" suffix when the work tree has
     * changes), or empty when this is not a git checkout. Runs record it for provenance.
     */
    public static Optional<String> gitCommit(Path repoDir) {
        if (repoDir == null || !Files.isDirectory(repoDir.resolve(".git"))) {
            return Optional.empty();
        }
        try {
            String head = run(repoDir, "git", "rev-parse", "HEAD");
            if (head == null || head.isBlank()) {
                return Optional.empty();
            }
            String status = run(repoDir, "git", "status", "--porcelain", "--untracked-files=no");
            return Optional.of(head.trim() + (status != null && !status.isBlank() ? "-dirty" : ""));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
