package org.bridge.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs folder: {@code <root>/<experiment>/<run-id>/}. Runs are found by walking it, so
 * what the workbench shows after a restart is exactly what is on disk.
 */
public final class RunStore {

    // '+' for the loss "sphereface+" (SphereFace+ in the paper); never a separator, and "." / ".."
    // are refused below, so a name cannot leave the runs folder.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+-]+");

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public RunFolder folder(String experiment, String runId) {
        return new RunFolder(root.resolve(safe(experiment)).resolve(safe(runId)));
    }

    /** Every run folder (one holding a config.json), sorted by experiment then id. */
    public List<RunFolder> list() {
        List<RunFolder> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> experiments = Files.list(root)) {
            for (Path exp : experiments.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> runs = Files.list(exp)) {
                    runs.filter(r -> Files.isRegularFile(r.resolve(RunFolder.CONFIG)))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(r -> out.add(new RunFolder(r)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list runs in " + root, e);
        }
        return out;
    }

    static String safe(String name) {
        if (!SAFE.matcher(name).matches() || name.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("not a safe folder name (letters, digits, . _ + - only): " + name);
        }
        return name;
    }
}
