package org.bridge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * Where Bridge finds its inputs and puts its outputs. Every location is configuration: a
 * command-line flag wins, then a Java system property, then an environment variable, then a
 * default. Nothing else in the code base should hard-code a path.
 *
 * <table>
 *   <tr><th>what</th><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>shared face data (lfw/, orl/)</td><td>bridge.data</td><td>BRIDGE_DATA</td><td>../shared/data</td></tr>
 *   <tr><td>LFW folder</td><td>bridge.lfw</td><td>BRIDGE_LFW</td><td>&lt;data&gt;/lfw</td></tr>
 *   <tr><td>teacher weight cache</td><td>bridge.teachers</td><td>BRIDGE_TEACHER_CACHE</td><td>~/.cache/bridge/teachers</td></tr>
 *   <tr><td>runs folder</td><td>bridge.runs</td><td>BRIDGE_RUNS</td><td>./runs</td></tr>
 *   <tr><td>bundled sample data</td><td>bridge.sampleData</td><td>BRIDGE_SAMPLE_DATA</td><td>sample-data next to the jar's project</td></tr>
 * </table>
 */
public final class BridgeLocations {

    private final Map<String, String> env;
    private final java.util.Properties props;
    private final Path workingDir;

    public BridgeLocations(Map<String, String> env, java.util.Properties props, Path workingDir) {
        this.env = env;
        this.props = props;
        this.workingDir = workingDir;
    }

    /** Locations read from this process's environment and system properties. */
    public static BridgeLocations fromSystem() {
        return new BridgeLocations(System.getenv(), System.getProperties(),
                Paths.get("").toAbsolutePath());
    }

    private Optional<String> lookup(String property, String envVar) {
        String v = props.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.get(envVar);
        }
        return (v == null || v.isBlank()) ? Optional.empty() : Optional.of(v);
    }

    /** Root of the shared face data ({@code lfw/}, {@code orl/}); may not exist. */
    public Path dataRoot() {
        return lookup("bridge.data", "BRIDGE_DATA").map(Paths::get)
                .orElseGet(() -> firstExisting(
                        workingDir.resolve("../shared/data"),
                        repoDir().map(r -> r.resolve("../shared/data")).orElse(null)))
                .toAbsolutePath().normalize();
    }

    /** The LFW folder holding {@code lfw-deepfunneled/} and the pairs files; may not exist. */
    public Path lfwDir() {
        return lookup("bridge.lfw", "BRIDGE_LFW").map(Paths::get)
                .orElseGet(() -> dataRoot().resolve("lfw")).toAbsolutePath().normalize();
    }

    /** The ORL / AT&amp;T folder ({@code s1..s40}); may not exist. */
    public Path orlDir() {
        return dataRoot().resolve("orl");
    }

    /** Cache for teacher weights fetched from npm and for teacher features. */
    public Path teacherCache() {
        return lookup("bridge.teachers", "BRIDGE_TEACHER_CACHE").map(Paths::get)
                .orElseGet(() -> Paths.get(System.getProperty("user.home"), ".cache", "bridge", "teachers"))
                .toAbsolutePath().normalize();
    }

    /** Folder that holds one sub-folder per run. */
    public Path runsDir() {
        return lookup("bridge.runs", "BRIDGE_RUNS").map(Paths::get)
                .orElseGet(() -> workingDir.resolve("runs")).toAbsolutePath().normalize();
    }

    /** The bundled synthetic face set the workbench opens on by default. */
    public Path sampleData() {
        return lookup("bridge.sampleData", "BRIDGE_SAMPLE_DATA").map(Paths::get)
                .orElseGet(() -> firstExisting(
                        workingDir.resolve("sample-data"),
                        repoDir().map(r -> r.resolve("sample-data")).orElse(null)))
                .toAbsolutePath().normalize();
    }

    /**
     * The project folder when running from a build ({@code target/bridge.jar} or
     * {@code target/classes}), so that {@code sample-data/} is found from any working folder.
     */
    public Optional<Path> repoDir() {
        Optional<String> explicit = lookup("bridge.repo", "BRIDGE_REPO_DIR");
        if (explicit.isPresent()) {
            return explicit.map(Paths::get);
        }
        try {
            Path codeSource = Paths.get(BridgeLocations.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            // target/bridge.jar or target/classes -> target -> project
            Path target = codeSource.getParent();
            if (target != null && target.getParent() != null
                    && Files.exists(target.getParent().resolve("pom.xml"))) {
                return Optional.of(target.getParent());
            }
        } catch (Exception e) {
            // Unusual class loaders have no file code source: fall back to the working folder.
        }
        return Optional.empty();
    }

    private static Path firstExisting(Path preferred, Path fallback) {
        if (Files.exists(preferred) || fallback == null) {
            return preferred;
        }
        return Files.exists(fallback) ? fallback : preferred;
    }
}
