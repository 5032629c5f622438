package org.bridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings the workbench keeps between sessions (data locations, teacher cache, runs folder,
 * the last set-up). A plain properties file, {@code ~/.config/bridge/workbench.properties} (or
 * {@code $BRIDGE_CONFIG}), so it can be read and edited by hand; written atomically.
 */
public final class WorkbenchSettings {

    public static final String LFW_DIR = "lfwDir";
    public static final String DATASET_DIR = "datasetDir";
    public static final String TEACHER_CACHE = "teacherCache";
    public static final String RUNS_DIR = "runsDir";
    /** A Spark master URL: when set, Run queued sends the queued runs to that cluster. */
    public static final String SPARK_MASTER = "sparkMaster";

    private final Path file;
    private final Properties props = new Properties();

    public WorkbenchSettings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UserFacingException("cannot read settings " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code -Dbridge.config}, else {@code $BRIDGE_CONFIG}, else {@code ~/.config/bridge/workbench.properties}. */
    public static Path defaultFile() {
        String prop = System.getProperty("bridge.config");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv("BRIDGE_CONFIG");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("user.home"), ".config", "bridge", "workbench.properties");
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(props.getProperty(key)).filter(v -> !v.isBlank());
    }

    public Optional<Path> path(String key) {
        return get(key).map(Paths::get);
    }

    public synchronized void set(String key, String value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value);
        }
    }

    public synchronized void save() {
        try {
            AtomicFiles.write(file, out -> props.store(out, "Bridge workbench settings"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save settings " + file, e);
        }
    }
}
