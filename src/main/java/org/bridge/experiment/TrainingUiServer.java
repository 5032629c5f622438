package org.bridge.experiment;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.bridge.config.UserFacingException;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * DL4J's own training UI (a Vert.x web server on localhost) for a run folder. The statistics live
 * in the run folder as {@value #STATS_FILE}, written by a DL4J {@link StatsListener} attached to
 * the student's network; this class makes that listener and serves the file. It sits here, not in
 * the workbench, because the workbench must not touch DL4J types.
 *
 * <p>The port is DL4J's: system property {@code org.deeplearning4j.ui.port}, default 9000.
 */
public final class TrainingUiServer {

    /** DL4J stats of the run (DL4J's MapDB file format). */
    public static final String STATS_FILE = "dl4j-stats.bin";

    /** Storages already attached, by file, so reopening a run does not open its file twice. */
    private static final Map<Path, StatsStorage> ATTACHED = new HashMap<>();

    private TrainingUiServer() {
    }

    public static Path statsFile(RunFolder folder) {
        return folder.file(STATS_FILE);
    }

    /**
     * A listener that records DL4J's training statistics (score, updates, activations) of the
     * network it is attached to into the run folder's {@value #STATS_FILE}, every
     * {@code frequency} iterations.
     */
    public static TrainingListener statsListener(RunFolder folder, int frequency) {
        // Scores, parameters, learning rates, memory and timing only. DL4J's listener reads the
        // gradients, updates and activations after the layer workspace holding some of the
        // student's (WS_LAYER_WORKING_MEM) is closed, which fails training at the first reported
        // iteration ("leaked workspace pointer"); RunnerDl4jStatsTest trains a real run with it.
        StatsUpdateConfiguration update = new DefaultStatsUpdateConfiguration.Builder()
                .reportingFrequency(frequency)
                .collectHistogramsGradients(false)
                .collectMeanGradients(false)
                .collectStdevGradients(false)
                .collectMeanMagnitudesGradients(false)
                .collectHistogramsActivations(false)
                .collectMeanActivations(false)
                .collectStdevActivations(false)
                .collectMeanMagnitudesActivations(false)
                .collectHistogramsUpdates(false)
                .collectMeanUpdates(false)
                .collectStdevUpdates(false)
                .collectMeanMagnitudesUpdates(false)
                .build();
        return new StatsListener(storage(statsFile(folder)), new DefaultStatsInitializationConfiguration(true, true, true),
                update, null, null);
    }

    /** Whether the run recorded DL4J statistics that the UI could show. */
    public static boolean hasStats(RunFolder folder) {
        return Files.isRegularFile(statsFile(folder));
    }

    /**
     * Starts the UI server (once per process) with the run's statistics attached and returns the
     * address of its training overview page.
     *
     * @throws UserFacingException when the run has no statistics or the server cannot start
     */
    public static synchronized URI open(RunFolder folder) {
        Path file = statsFile(folder);
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("run " + folder.dir() + " has no DL4J statistics (" + STATS_FILE
                    + "): they are recorded only while a StatsListener is attached to the student's network");
        }
        UIServer server = start();
        server.attach(storage(file));
        return URI.create("http://localhost:" + server.getPort() + "/train/overview");
    }

    /** The running UI server, started on first use. */
    public static synchronized UIServer start() {
        try {
            return UIServer.getInstance();
        } catch (RuntimeException e) {
            throw new UserFacingException("DL4J's training UI could not start on port "
                    + System.getProperty("org.deeplearning4j.ui.port", String.valueOf(VertxUIServer.DEFAULT_UI_PORT))
                    + " (is another program using it? set -Dorg.deeplearning4j.ui.port=...): " + e.getMessage(), e);
        }
    }

    /** Stops the server and closes the attached statistics files. */
    public static synchronized void stop() {
        try {
            UIServer.stopInstance();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DL4J's training UI: " + e.getMessage(), e);
        } finally {
            for (StatsStorage s : ATTACHED.values()) {
                try {
                    s.close();
                } catch (java.io.IOException ignored) {
                    // The file is complete on disk; a failed close loses nothing.
                }
            }
            ATTACHED.clear();
        }
    }

    private static synchronized StatsStorage storage(Path file) {
        Path key = file.toAbsolutePath().normalize();
        StatsStorage s = ATTACHED.get(key);
        if (s == null || s.isClosed()) {
            try {
                Files.createDirectories(key.getParent());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + key.getParent(), e);
            }
            s = new FileStatsStorage(key.toFile());
            ATTACHED.put(key, s);
        }
        return s;
    }
}
