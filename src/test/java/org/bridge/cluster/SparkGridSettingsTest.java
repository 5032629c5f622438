package org.bridge.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Spark settings a grid is submitted with. */
class SparkGridSettingsTest {

    @Test
    void eachTasksOpenMpThreadsAreItsCoreBudgetAndTheUsersSettingsWin() {
        Map<String, String> conf = SparkGrid.settings("bridge quick", "spark://h:7077",
                Map.of("spark.task.cpus", "2", "spark.executor.memory", "8g", "spark.executorEnv.MKL_NUM_THREADS", "1"));
        assertEquals("2", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("2", conf.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
        assertEquals("1", conf.get("spark.executorEnv.MKL_NUM_THREADS"));
        assertEquals("8g", conf.get("spark.executor.memory"));
        assertEquals("spark://h:7077", conf.get("spark.master"));
    }

    @Test
    void speculativeCopiesOfACellStayOff() {
        assertEquals("false", SparkGrid.settings("a", "local[2]", Map.of("spark.speculation", "true"))
                .get("spark.speculation"));
        assertEquals("1", SparkGrid.settings("a", "local[2]", Map.of()).get("spark.executorEnv.OMP_NUM_THREADS"));
    }

    @Test
    void executorsGetTheDriversClassPathAsAbsolutePaths() {
        String cp = SparkGrid.absoluteClassPath("target/classes" + File.pathSeparator + "lib/a.jar");
        assertEquals(Path.of("target/classes").toAbsolutePath().normalize() + File.pathSeparator
                + Path.of("lib/a.jar").toAbsolutePath().normalize(), cp);
    }
}
