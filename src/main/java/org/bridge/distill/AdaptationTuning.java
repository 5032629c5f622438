package org.bridge.distill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses lambda and T of cross-dataset distillation on the PUBLIC set only: a validation part
 * is carved out of the training images given (person-stratified like {@link AdaptationHoldout}),
 * S^_t and one adaptation module per grid point are trained on the rest, and the (lambda, T) whose
 * S_a classifies the validation images best wins. The test images of Fig. 3 (and the target set)
 * must not be passed in: the caller gives only the training part.
 *
 * <p>Ties go to the earlier grid point (lambdas in the order given, then temperatures). With
 * lambda = 0 the temperature plays no part, so it is tried once. The winner is then retrained by
 * the caller on all training images; validation accuracy on ~20% of a small set is noisy (about
 * +-1.5 points at 700 images), so differences of a point or less between grid points mean little.
 */
public final class AdaptationTuning {

    /**
     * The grid.
     *
     * @param lambdas            weights of D to try (0 allowed: "no distillation" competes too)
     * @param temperatures       T values to try
     * @param validationFraction share of each eligible person's training images held out for
     *                           validation
     */
    public record Grid(double[] lambdas, double[] temperatures, double validationFraction) {

        public Grid {
            lambdas = lambdas.clone();
            temperatures = temperatures.clone();
            if (lambdas.length == 0 || temperatures.length == 0) {
                throw new IllegalArgumentException("the grid needs at least one lambda and one temperature");
            }
            for (double l : lambdas) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new IllegalArgumentException("bad lambda in grid: " + l);
                }
            }
            for (double t : temperatures) {
                if (!(t > 0) || Double.isInfinite(t)) {
                    throw new IllegalArgumentException("bad temperature in grid: " + t);
                }
            }
            if (!(validationFraction > 0) || !(validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
            }
        }

        /** lambda in {0.5, 1, 2, 4} x T in {2, 4, 8}, 20% validation. */
        public static Grid defaults() {
            return new Grid(new double[] {0.5, 1, 2, 4}, new double[] {2, 4, 8}, 0.2);
        }

        @Override
        public double[] lambdas() {
            return lambdas.clone();
        }

        @Override
        public double[] temperatures() {
            return temperatures.clone();
        }

        @Override
        public String toString() {
            return "Grid[lambdas=" + Arrays.toString(lambdas) + ", temperatures=" + Arrays.toString(temperatures)
                    + ", validationFraction=" + validationFraction + "]";
        }
    }

    /** One grid point and how it did. */
    public record Candidate(double lambda, double temperature, double validationAccuracy, double trainSeconds) {
    }

    /**
     * The outcome.
     *
     * @param best               the winning grid point
     * @param candidates         every grid point tried, in grid order
     * @param fitImages          images the candidates were trained on
     * @param validationImages   images they were scored on
     */
    public record Selection(Candidate best, List<Candidate> candidates, int fitImages, int validationImages) {

        public Selection {
            candidates = List.copyOf(candidates);
        }

        /** The base settings with the winning lambda and T. */
        public AdaptationParams apply(AdaptationParams base) {
            return base.withLambda(best.lambda()).withTemperature(best.temperature());
        }
    }

    private AdaptationTuning() {
    }

    /**
     * Runs the grid.
     *
     * @param trainFeatures raw f_t of the public TRAINING images only
     * @param trainLabels   their identities
     * @param classes       number of public identities
     * @param base          the other adaptation settings (sizes, schedule, seed)
     * @param teacherParams settings of S^_t
     * @param seed          validation split
     */
    public static Selection select(float[][] trainFeatures, int[] trainLabels, int classes, AdaptationParams base,
                                   TeacherSoftmax.Params teacherParams, Grid grid, long seed) {
        AdaptationHoldout split = AdaptationHoldout.split(trainLabels, grid.validationFraction(), seed);
        if (split.test().length == 0) {
            throw new IllegalArgumentException("no person has two or more training images, so no validation images"
                    + " can be held out for choosing lambda and T");
        }
        float[][] fitX = AdaptationHoldout.select(trainFeatures, split.train());
        int[] fitY = AdaptationHoldout.select(trainLabels, split.train());
        float[][] valX = AdaptationHoldout.select(trainFeatures, split.test());
        int[] valY = AdaptationHoldout.select(trainLabels, split.test());
        TeacherSoftmax teacher = TeacherSoftmax.train(fitX, fitY, classes, teacherParams);
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (double lambda : grid.lambdas) {
            for (double t : grid.temperatures) {
                if (lambda == 0 && t != grid.temperatures[0]) {
                    continue;
                }
                AdaptationParams p = base.withLambda(lambda).withTemperature(t);
                AdaptationTraining trained = AdaptationTrainer.train(fitX, fitY, classes, teacher, p);
                Candidate c = new Candidate(lambda, t, trained.accuracy(valX, valY), trained.trainSeconds());
                candidates.add(c);
                if (best == null || c.validationAccuracy() > best.validationAccuracy()) {
                    best = c;
                }
            }
        }
        return new Selection(best, candidates, fitY.length, valY.length);
    }
}
