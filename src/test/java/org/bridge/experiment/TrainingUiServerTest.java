package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bridge.config.UserFacingException;
import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's training UI serves a run folder's statistics over HTTP on localhost only (this also
 * catches the Vert.x version DL4J pins, which fails when the page is opened).
 */
class TrainingUiServerTest {

    @TempDir Path runs;

    @AfterEach
    void stopServer() {
        // Before @TempDir is deleted: the statistics file is open while attached.
        TrainingUiServer.stop();
    }

    @Test
    void servesTheStatisticsARunRecorded() throws Exception {
        Nd4jRuntime.init();
        RunFolder folder = new RunStore(runs).folder("ui", "tiny");
        assertFalse(TrainingUiServer.hasStats(folder));
        assertThrows(UserFacingException.class, () -> TrainingUiServer.open(folder));

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(TrainingUiServer.statsListener(folder, 1));
        DataSet data = new DataSet(Nd4j.rand(16, 4), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0));
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        assertTrue(TrainingUiServer.hasStats(folder));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        System.setProperty("org.deeplearning4j.ui.port", String.valueOf(port));
        URI page = TrainingUiServer.open(folder);
        assertEquals("http://localhost:" + port + "/train/overview", page.toString());
        Response overview = get(page);
        assertEquals(200, overview.status, "overview page");
        // The page's scripts and styles come from the server's assets (where a mismatched Vert.x fails).
        java.util.regex.Matcher asset = java.util.regex.Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"")
                .matcher(overview.body);
        int assets = 0;
        while (asset.find()) {
            Response a = get(URI.create("http://localhost:" + port + asset.group(1)));
            assertEquals(200, a.status, asset.group(1));
            assets++;
        }
        assertTrue(assets > 5, "the overview page references its scripts and styles: " + assets);
        // The page then polls this for the score chart: it must hold the 5 iterations' scores.
        Response scores = get(URI.create("http://localhost:" + port + "/train/overview/data"));
        assertEquals(200, scores.status, "overview data");
        assertTrue(scores.body.contains("\"scores\""), scores.body);
        System.out.println("DL4J UI served " + page + ", its " + assets + " assets and overview data of "
                + scores.body.length() + " characters");
    }

    @Test
    void listensOnTheLoopbackInterfaceUnlessToldOtherwise() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        Assumptions.assumeTrue(outside != null, "this machine has no network interface besides loopback");
        int port = freePort();
        System.setProperty("org.deeplearning4j.ui.port", String.valueOf(port));
        try {
            TrainingUiServer.start();
            assertTrue(connects(InetAddress.getLoopbackAddress(), port), "reachable on loopback");
            assertFalse(connects(outside, port), "not reachable on " + outside.getHostAddress());
            TrainingUiServer.stop();

            // Asked to, it listens on every interface (which shows the check above can tell).
            System.setProperty(TrainingUiServer.HOST_PROPERTY, "0.0.0.0");
            port = freePort();
            System.setProperty("org.deeplearning4j.ui.port", String.valueOf(port));
            TrainingUiServer.start();
            assertTrue(connects(outside, port), "reachable on " + outside.getHostAddress() + " when asked");
        } finally {
            System.clearProperty(TrainingUiServer.HOST_PROPERTY);
            System.clearProperty("org.deeplearning4j.ui.port");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    /** An IPv4 address of an interface that is up and not loopback, or null. */
    private static InetAddress nonLoopbackAddress() throws java.net.SocketException {
        for (NetworkInterface n : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && !n.isLoopback()) {
                for (InetAddress a : java.util.Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    private record Response(int status, String body) {
    }

    private static Response get(URI uri) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        int status = c.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Response(status, body);
    }
}
