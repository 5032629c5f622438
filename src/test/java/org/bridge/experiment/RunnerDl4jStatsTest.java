package org.bridge.experiment;

import org.bridge.experiment.run.ExperimentRunner;
import org.bridge.experiment.run.TeacherlessRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With RunOptions recording DL4J statistics, a run's student writes dl4j-stats.bin that DL4J's UI serves. */
class RunnerDl4jStatsTest {

    @TempDir Path runs;

    @AfterEach
    void stopServer() {
        TrainingUiServer.stop();
    }

    @Test
    void aRunRecordsDl4jStatisticsOnlyWhenAsked() throws Exception {
        ExperimentSpec.Students spec = ExperimentSpec.Students.defaults("stats").withStudents(List.of("S-16-c-O"))
                .withSplits(List.of("A")).withTraining(TrainingSettings.DEFAULTS.withEpochs(0, 1).withBatchSize(64))
                .withDegradation(org.bridge.degrade.DegradationParams.defaults().withCount(2));
        spec.validate("test spec");

        RunFolder plain = runner().run(spec, new RunListener() { }, new RunControl()).get(0);
        assertEquals(RunState.DONE, plain.state(), plain.stateMessage());
        assertFalse(TrainingUiServer.hasStats(plain), "off by default");

        spec = spec.withName("stats-on");
        RunFolder f = runner().options(new RunOptions(1)).run(spec, new RunListener() { }, new RunControl()).get(0);
        assertEquals(RunState.DONE, f.state(), f.stateMessage());
        assertTrue(TrainingUiServer.hasStats(f));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        System.setProperty("org.deeplearning4j.ui.port", String.valueOf(port));
        URI page = TrainingUiServer.open(f);
        assertEquals(200, get(page).status);
        Response data = get(URI.create("http://localhost:" + port + "/train/overview/data"));
        assertEquals(200, data.status);
        assertTrue(data.body.matches("(?s).*\"scores\"\\s*:\\s*\\[\\s*[-0-9].*"), data.body);
    }

    private record Response(int status, String body) {
    }

    private static Response get(URI uri) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private ExperimentRunner runner() {
        return TeacherlessRunner.over(runs);
    }
}
