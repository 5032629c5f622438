package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's training UI serves a run folder's statistics over HTTP on localhost (this also catches
 * the Vert.x version DL4J pins, which fails when the page is opened).
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
