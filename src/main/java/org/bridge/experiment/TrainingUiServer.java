package org.bridge.experiment;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

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
 * <p>The port is DL4J's: system property {@code org.deeplearning4j.ui.port}, default 9000. The
 * server listens on the loopback interface only (DL4J's own listens on all of them, so anyone on
 * the network could read the statistics); system property {@value #HOST_PROPERTY} names another
 * address to listen on, e.g. {@code 0.0.0.0} for every interface.
 */
public final class TrainingUiServer {

    /** DL4J stats of the run (DL4J's MapDB file format). */
    public static final String STATS_FILE = "dl4j-stats.bin";

    /** The address the UI listens on; the loopback interface when unset. */
    public static final String HOST_PROPERTY = "bridge.dl4j-ui.host";

    /** The server this class started, while it runs. */
    private static VertxUIServer server;

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
        UIServer ui = start();
        ui.attach(storage(file));
        String host = host();
        boolean local = host.equals("0.0.0.0") || host.equals("::") || isLoopback(host);
        return URI.create("http://" + (local ? "localhost" : host) + ":" + ui.getPort() + "/train/overview");
    }

    /** The running UI server, started on first use, listening on {@link #host()} only. */
    public static synchronized UIServer start() {
        if (server != null && !server.isStopped()) {
            return server;
        }
        Vertx vertx = Vertx.vertx();
        CompletableFuture<String> deployed = new CompletableFuture<>();
        try {
            VertxUIServer ui = new BoundUiServer(host());
            vertx.deployVerticle(ui, r -> {
                if (r.succeeded()) {
                    deployed.complete(r.result());
                } else {
                    deployed.completeExceptionally(r.cause());
                }
            });
            deployed.get(60, TimeUnit.SECONDS);
            server = ui;
            return ui;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new UserFacingException("interrupted while DL4J's training UI started", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UserFacingException("DL4J's training UI could not start on " + host() + " port "
                    + System.getProperty("org.deeplearning4j.ui.port", String.valueOf(VertxUIServer.DEFAULT_UI_PORT))
                    + " (is another program using it? set -Dorg.deeplearning4j.ui.port=...): " + cause.getMessage(), e);
        }
    }

    /** Where the UI listens: {@value #HOST_PROPERTY} when set, else the loopback address. */
    public static String host() {
        String h = System.getProperty(HOST_PROPERTY, "").trim();
        return h.isEmpty() ? InetAddress.getLoopbackAddress().getHostAddress() : h;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * DL4J's UI verticle with its HTTP server listening on one address. DL4J 1.0.0-M2.1 calls
     * {@code vertx.createHttpServer().requestHandler(..).listen(port, ..)}, which in Vert.x 3.9
     * binds 0.0.0.0 and has no setting; this verticle sees a Vert.x whose HTTP servers turn that
     * {@code listen(port, ..)} into {@code listen(port, host, ..)}.
     */
    private static final class BoundUiServer extends VertxUIServer {
        private final String host;

        BoundUiServer(String host) {
            this.host = host;
        }

        @Override
        public void init(Vertx vertx, Context context) {
            super.init(delegating(vertx, Vertx.class, (proxy, method, args) ->
                    method.getName().equals("createHttpServer") && method.getParameterCount() == 0
                            ? Optional.of(boundServer(vertx.createHttpServer(), host))
                            : Optional.empty()), context);
        }
    }

    /** {@code server}, with {@code listen(port, handler)} listening on {@code host} only. */
    static HttpServer boundServer(HttpServer server, String host) {
        return delegating(server, HttpServer.class, (proxy, method, args) -> {
            if (method.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer port
                    && method.getParameterTypes()[1] == Handler.class) {
                @SuppressWarnings("unchecked")
                Handler<AsyncResult<HttpServer>> done = (Handler<AsyncResult<HttpServer>>) args[1];
                server.listen(port, host, done);
                return Optional.of(proxy);
            }
            if (method.getName().equals("listen") && args != null && args.length == 1 && args[0] instanceof Integer port) {
                server.listen(port, host);
                return Optional.of(proxy);
            }
            return Optional.empty();
        });
    }

    /** How a {@link #delegating} proxy answers a call itself; empty passes it to the target. */
    private interface Interception {
        Optional<Object> answer(Object proxy, Method method, Object[] args) throws Throwable;
    }

    /**
     * A proxy for {@code target} as {@code type}: calls go to {@code target} unless
     * {@code interception} answers them, and fluent calls returning {@code target} return the proxy.
     */
    private static <T> T delegating(T target, Class<T> type, Interception interception) {
        java.util.Set<Class<?>> interfaces = new java.util.LinkedHashSet<>();
        interfaces.add(type);
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        InvocationHandler handler = (proxy, method, args) -> {
            Optional<Object> answer = interception.answer(proxy, method, args);
            if (answer.isPresent()) {
                return answer.get();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result == target ? proxy : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler));
    }

    /** Stops the server and closes the attached statistics files. */
    public static synchronized void stop() {
        try {
            server = null;
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
