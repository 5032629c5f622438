package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.FaceBox;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A trained run's student on one face and its perturbations; DL4J statistics of a student's network. */
class LoadedStudentTest {

    @TempDir Path runs;

    @AfterEach
    void closeStatistics() {
        TrainingUiServer.stop();
    }

    private static RgbImage face() {
        Path image = BridgeLocations.fromSystem().sampleData().resolve("Synthetic_01/Synthetic_01_0001.jpg");
        return new ImageDecoder().decode(image);
    }

    @Test
    void scoresEachPerturbationAgainstTheCleanFaceAtTheStudentsResolution() {
        RunFolder run = TrainedStudentFixture.write(new RunStore(runs), "fixture", 16);
        assertTrue(LoadedStudent.hasModel(run.dir()));
        assertEquals(List.of(run.dir()), LoadedStudent.trainedRuns(runs).stream().map(RunFolder::dir).toList());

        LoadedStudent student = LoadedStudent.open(run.dir());
        assertEquals("S-16-c-O", student.name());
        assertEquals(16, student.resolution());
        RgbImage hr = face();
        DegradationParams params = DegradationParams.defaults().withBaseBox(
                new FaceBox(hr.width() / 2.0, hr.height() / 2.0, Math.min(hr.width(), hr.height()), 0));

        LoadedStudent.PerturbationScores s = student.scorePerturbations(hr, params, 1);
        assertEquals(16, s.cosines().size());
        assertEquals(16, s.resolution());
        for (double c : s.cosines()) {
            assertTrue(c >= -1.0001 && c <= 1.0001, "cosine " + c);
        }
        assertEquals(s.cosines(), student.scorePerturbations(hr, params, 1).cosines(), "deterministic");
        assertNotEquals(s.cosines(), student.scorePerturbations(hr, params, 2).cosines(), "another seed, other faces");

        // Without any degradation every "perturbation" is the clean face itself.
        LoadedStudent.PerturbationScores clean = student.scorePerturbations(hr,
                DegradationParams.clean().withBaseBox(params.baseBox()), 1);
        for (double c : clean.cosines()) {
            assertEquals(1.0, c, 1e-5);
        }
    }

    @Test
    void aRunWithoutAModelIsNotOffered() {
        RunFolder queued = new RunStore(runs).folder("fixture", "S-16-c-O_softmax_splitA_seed9");
        queued.writeJson(RunFolder.CONFIG, new com.google.gson.JsonObject());
        assertFalse(LoadedStudent.hasModel(queued.dir()));
        assertTrue(LoadedStudent.trainedRuns(runs).isEmpty());
        assertTrue(LoadedStudent.trainedRuns(runs.resolve("missing")).isEmpty());
    }

    /** What StudentTrainer does with RunOptions' listeners: DL4J statistics of the student's own graph. */
    @Test
    void runOptionsRecordDl4jStatisticsOfAStudentNetwork() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(runs), "fixture", 16);
        assertTrue(RunOptions.NONE.dl4jListeners(run).isEmpty());
        assertFalse(TrainingUiServer.hasStats(run));
        ComputationGraph net = TrainedStudent.open(run.dir()).student().graph();
        net.setListeners(RunOptions.recordingDl4jStats(true).dl4jListeners(run));
        INDArray x = Nd4j.rand(8, 3, 16, 16).muli(255);
        INDArray[] labels = new INDArray[net.getNumOutputArrays()];
        for (int o = 0; o < labels.length; o++) {
            long classes = net.getOutputLayer(o).getParam("W").size(1);
            labels[o] = Nd4j.zeros(8, classes);
            for (int i = 0; i < 8; i++) {
                labels[o].putScalar(i, i % classes, 1);
            }
        }
        for (int i = 0; i < 25; i++) {
            net.fit(new MultiDataSet(new INDArray[] {x}, labels));
        }
        assertTrue(TrainingUiServer.hasStats(run));

        // DL4J's UI shows them: the overview's score chart holds the student's iterations.
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        System.setProperty("org.deeplearning4j.ui.port", String.valueOf(port));
        java.net.URI page = TrainingUiServer.open(run);
        assertEquals(200, status(page));
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI
                .create("http://localhost:" + port + "/train/overview/data").toURL().openConnection();
        c.setReadTimeout(20_000);
        assertEquals(200, c.getResponseCode());
        String body;
        try (java.io.InputStream in = c.getInputStream()) {
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher scores = java.util.regex.Pattern.compile("\"scores\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(body);
        assertTrue(scores.find(), body);
        assertTrue(scores.group(1).split(",").length >= 2, "scores of 25 iterations recorded every 10: " + body);
        for (String page2 : List.of("/train/model", "/train/system")) {
            assertEquals(200, status(java.net.URI.create("http://localhost:" + port + page2)), page2);
        }
    }

    private static int status(java.net.URI uri) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        int code = c.getResponseCode();
        try (java.io.InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return code;
    }
}
