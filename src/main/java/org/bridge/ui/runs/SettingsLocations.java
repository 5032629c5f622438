package org.bridge.ui.runs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.bridge.config.BridgeLocations;
import org.bridge.config.WorkbenchSettings;

/**
 * The locations the workbench runs with: what the settings file says, unless this process was
 * started with an explicit system property or environment variable for it (those are for this
 * one start, so they win; the settings dialog says so next to the field).
 */
public final class SettingsLocations {

    /** A path the settings dialog offers. */
    public record Entry(String settingsKey, String property, String envVar, String label) {
    }

    public static final Entry LFW = new Entry(WorkbenchSettings.LFW_DIR, "bridge.lfw", "BRIDGE_LFW", "LFW folder");
    public static final Entry TEACHERS = new Entry(WorkbenchSettings.TEACHER_CACHE, "bridge.teachers",
            "BRIDGE_TEACHER_CACHE", "Teacher cache");
    public static final Entry RUNS = new Entry(WorkbenchSettings.RUNS_DIR, "bridge.runs", "BRIDGE_RUNS", "Runs folder");

    /** System property that points the workbench at another settings file (tests, several set-ups). */
    public static final String SETTINGS_PROPERTY = "bridge.config";

    private final WorkbenchSettings settings;
    private final Map<String, String> env;
    private final Properties system;

    public SettingsLocations(WorkbenchSettings settings) {
        this(settings, System.getenv(), System.getProperties());
    }

    public SettingsLocations(WorkbenchSettings settings, Map<String, String> env, Properties system) {
        this.settings = settings;
        this.env = env;
        this.system = system;
    }

    /** The settings file: {@code -Dbridge.config}, else {@link WorkbenchSettings#defaultFile()}. */
    public static Path settingsFile() {
        return WorkbenchSettings.defaultFile();
    }

    public WorkbenchSettings settings() {
        return settings;
    }

    public static java.util.List<Entry> entries() {
        return java.util.List.of(LFW, TEACHERS, RUNS);
    }

    /** Locations with the settings filled in where the process gave nothing explicit. */
    public BridgeLocations locations() {
        Properties p = new Properties();
        p.putAll(system);
        for (Entry e : entries()) {
            if (override(e).isEmpty()) {
                settings.get(e.settingsKey()).ifPresent(v -> p.setProperty(e.property(), v));
            }
        }
        return new BridgeLocations(env, p, Paths.get("").toAbsolutePath());
    }

    /** The explicit property or variable that wins over the settings for this entry, if any. */
    public Optional<String> override(Entry e) {
        String v = system.getProperty(e.property());
        if (v != null && !v.isBlank()) {
            return Optional.of("-D" + e.property() + "=" + v);
        }
        v = env.get(e.envVar());
        if (v != null && !v.isBlank()) {
            return Optional.of(e.envVar() + "=" + v);
        }
        return Optional.empty();
    }

    /** The path in force for an entry. */
    public Path effective(Entry e) {
        BridgeLocations l = locations();
        return e == LFW ? l.lfwDir() : e == TEACHERS ? l.teacherCache() : l.runsDir();
    }

    /** For the dialog: every entry with the value in force. */
    public Map<Entry, Path> effectiveAll() {
        Map<Entry, Path> m = new LinkedHashMap<>();
        for (Entry e : entries()) {
            m.put(e, effective(e));
        }
        return m;
    }
}
