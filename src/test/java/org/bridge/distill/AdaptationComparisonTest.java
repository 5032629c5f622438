package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AdaptationComparisonTest {

    /** 30 identities x 6 images: 20% held out = 1 test image per person (36 in all). */
    private static final AdaptationToyData TOY = new AdaptationToyData(30, 6, 256, 32, 1.0, 4);
    private static final AdaptationToyData.Sample DATA = TOY.sample(6, 5);

    /** A 128-wide hidden layer keeps the test fast; f_a stays 128-D. */
    private static AdaptationParams params() {
        return AdaptationParams.defaults().withSizes(128, 128).withEpochs(20).withSeed(9);
    }

    /**
     * S^_t must converge, or its logits stay small and the soft targets at T = 4 are nearly
     * uniform, which pulls M_a towards uniform outputs (~300 updates here).
     */
    private static TeacherSoftmax.Params teacherParams() {
        return new TeacherSoftmax.Params(60, 3e-3, 32, 1e-3, 1);
    }

    @Test
    void reportsTheThreeReproducibleCasesOfFigure3() {
        AdaptationComparison.Report report = AdaptationComparison.run(DATA.features(), DATA.labels(), params(),
                teacherParams(), 11);
        assertEquals(List.of(AdaptationComparison.Method.values()),
                report.results().stream().map(AdaptationComparison.Result::method).toList());
        assertEquals(30, report.classes());
        assertEquals(36, report.holdout().test().length);
        for (AdaptationComparison.Result r : report.results()) {
            System.out.printf("%-28s accuracy %.3f (%d/%d), %d-D, %.2f s%n", r.method(), r.accuracy(), r.correct(),
                    r.tested(), r.featureDimension(), r.trainSeconds());
            assertEquals(36, r.tested());
            assertEquals((double) r.correct() / r.tested(), r.accuracy(), 1e-12);
            assertTrue(r.trainSeconds() > 0);
            // Chance is 1/30; every method must learn the toy identities.
            assertTrue(r.accuracy() > 0.7, r.toString());
        }
        assertEquals(256, report.result(AdaptationComparison.Method.RAW_TEACHER).featureDimension());
        assertEquals(128, report.result(AdaptationComparison.Method.DIRECT_COMPRESSION).featureDimension());
        assertEquals(128, report.result(AdaptationComparison.Method.CROSS_DATASET_DISTILLATION).featureDimension());
        assertEquals(params(), report.distillation());
    }

    @Test
    void tuningChoosesLambdaAndTemperatureWithoutTouchingTheTestImages() {
        AdaptationTuning.Grid grid = new AdaptationTuning.Grid(new double[] {0, 2}, new double[] {2, 8}, 0.2);
        AdaptationComparison.Report report = AdaptationComparison.run(DATA.features(), DATA.labels(),
                params().withEpochs(5), teacherParams(), grid, 11);
        AdaptationTuning.Selection s = report.tuning();
        // lambda 0 is tried once (T plays no part there), lambda 2 with both temperatures.
        assertEquals(3, s.candidates().size());
        assertEquals(report.holdout().train().length, s.fitImages() + s.validationImages(),
                "tuning saw exactly the training part");
        assertTrue(s.validationImages() > 0);
        AdaptationTuning.Candidate best = s.best();
        for (AdaptationTuning.Candidate c : s.candidates()) {
            System.out.printf("lambda %.1f T %.1f: validation accuracy %.3f%n", c.lambda(), c.temperature(),
                    c.validationAccuracy());
            assertTrue(c.validationAccuracy() <= best.validationAccuracy());
        }
        assertEquals(best.lambda(), report.distillation().lambda());
        assertEquals(best.temperature(), report.distillation().temperature());
    }

    @Test
    void caseThreeNeedsAPositiveLambda() {
        assertThrows(IllegalArgumentException.class, () -> AdaptationComparison.run(DATA.features(), DATA.labels(),
                params().classificationOnly(), TeacherSoftmax.Params.defaults(), 1));
    }
}
