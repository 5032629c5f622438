package org.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training bench worker measures every engine of each student and writes its rows as it goes. */
class BenchWorkerTest {

    @TempDir Path tmp;

    @Test
    void trainingRowsOfEveryEngineAreWrittenWithoutFailures() throws Exception {
        Path out = tmp.resolve("worker.json");
        BenchWorker.main(new String[] {"--threads", "1", "--batches", "8", "--models", "S-16", "--cache",
                tmp.resolve("teachers").toString(), "--classes", "10", "--timings", "1", "--min-timing", "0.01",
                "--train", "true", "--out", out.toString()});
        JsonObject w = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        List<String> paths = new ArrayList<>();
        for (JsonElement r : w.getAsJsonArray("rows")) {
            paths.add(r.getAsJsonObject().get("path").getAsString());
        }
        assertEquals(List.of("dl4j", "fast", "handwritten"), paths);
        assertFalse(w.has("failed"), w.toString());
        assertFalse(Files.exists(tmp.resolve("worker.json.tmp")), "written atomically");
    }
}
