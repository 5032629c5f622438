package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;

import com.google.gson.JsonObject;

import org.bridge.distill.StudentSamples;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 1 (f_a) when some public images are regression-only (regressAllPublicImages). */
class AdaptedRegressionTargetsTest {

    @Test
    void regressionOnlyImagesAreAdaptedByTheModuleTrainedOnTheClassesAlone(@TempDir Path dir) {
        int classes = 6;
        int perClass = 10;
        int dim = 64;
        Random rnd = new Random(11);
        int labelled = classes * perClass;
        float[][] features = new float[labelled + 4][dim];
        int[] labels = new int[features.length];
        for (int i = 0; i < labelled; i++) {
            labels[i] = i % classes;
            features[i][labels[i]] = 3;
            for (int d = 0; d < dim; d++) {
                features[i][d] += (float) rnd.nextGaussian() * 0.2f;
            }
        }
        // Regression-only rows: three unseen random faces and an exact copy of labelled row 0.
        for (int i = labelled; i < features.length; i++) {
            labels[i] = StudentSamples.UNLABELLED;
            for (int d = 0; d < dim; d++) {
                features[i][d] = (float) rnd.nextGaussian();
            }
        }
        features[features.length - 1] = features[0].clone();

        RunFolder run = new RunFolder(dir);
        float[][] adapted = new AdaptedRegressionTargets().adapted(TeacherId.V, features, labels, classes, 3,
                org.bridge.distill.AdaptationParams.defaults().withSeed(3), run);

        assertEquals(features.length, adapted.length, "a target for every image, labelled or not");
        assertEquals(128, adapted[features.length - 1].length);
        assertArrayEquals(adapted[0], adapted[features.length - 1], 1e-6f,
                "a regression-only image goes through the same adaptation module");
        JsonObject report = run.readJson(AdaptedRegressionTargets.REPORT_FILE).orElseThrow();
        assertEquals(labelled, report.get("images").getAsInt(), "step 1 trains on the identity classes only");
        assertEquals(4, report.get("regression_only_images").getAsInt());
        assertEquals(classes, report.get("classes").getAsInt());
    }
}
