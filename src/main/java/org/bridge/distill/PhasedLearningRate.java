package org.bridge.distill;

import java.util.Arrays;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J learning-rate schedule over all training phases, indexed by the network's iteration
 * counter (which checkpoints keep, so a resumed run continues on the same curve). It is stored in
 * the model JSON, hence the Jackson annotations.
 */
public final class PhasedLearningRate implements ISchedule {

    @JsonProperty("phaseStarts")
    private final long[] phaseStarts;
    @JsonProperty("totalIterations")
    private final long totalIterations;
    @JsonProperty("rates")
    private final double[] rates;
    @JsonProperty("shape")
    private final LearningRateShape shape;
    @JsonProperty("warmupIterations")
    private final long warmupIterations;

    /**
     * @param phaseStarts     first iteration of each phase (ascending, starting at 0)
     * @param totalIterations iterations of all phases together
     * @param rates           base learning rate of each phase
     * @param shape           shape within each phase
     * @param warmupIterations iterations over which every phase after the first ramps linearly up
     *                        to its shaped rate. Why: Adam's second moments carry the previous
     *                        phase's (small) gradients, so a new loss term at full rate makes
     *                        steps several times the rate; on LFW this collapsed the student at
     *                        the switch from pre-training to C + R (mimic outputs went to zero).
     */
    @JsonCreator
    public PhasedLearningRate(@JsonProperty("phaseStarts") long[] phaseStarts,
                              @JsonProperty("totalIterations") long totalIterations,
                              @JsonProperty("rates") double[] rates,
                              @JsonProperty("shape") LearningRateShape shape,
                              @JsonProperty("warmupIterations") long warmupIterations) {
        if (phaseStarts.length == 0 || phaseStarts.length != rates.length || phaseStarts[0] != 0) {
            throw new IllegalArgumentException("phase starts " + Arrays.toString(phaseStarts) + " and rates "
                    + Arrays.toString(rates) + " do not describe phases starting at iteration 0");
        }
        this.phaseStarts = phaseStarts.clone();
        this.totalIterations = totalIterations;
        this.rates = rates.clone();
        this.shape = shape;
        this.warmupIterations = Math.max(0, warmupIterations);
    }

    /** The schedule of a plan whose epochs each take {@code iterationsPerEpoch} iterations. */
    public static PhasedLearningRate of(java.util.List<TrainingPhase> phases, int iterationsPerEpoch,
                                        LearningRateShape shape) {
        long[] starts = new long[phases.size()];
        double[] rates = new double[phases.size()];
        long at = 0;
        for (int i = 0; i < phases.size(); i++) {
            starts[i] = at;
            rates[i] = phases.get(i).learningRate();
            at += (long) phases.get(i).epochs() * iterationsPerEpoch;
        }
        return new PhasedLearningRate(starts, at, rates, shape, iterationsPerEpoch);
    }

    /** The learning rate at a global iteration (0-based). */
    public double at(long iteration) {
        int phase = 0;
        while (phase + 1 < phaseStarts.length && iteration >= phaseStarts[phase + 1]) {
            phase++;
        }
        long end = phase + 1 < phaseStarts.length ? phaseStarts[phase + 1] : totalIterations;
        long length = Math.max(1, end - phaseStarts[phase]);
        double fraction = (double) (iteration - phaseStarts[phase]) / length;
        double rate = rates[phase] * shape.factor(fraction);
        long into = iteration - phaseStarts[phase];
        if (phase > 0 && into < warmupIterations) {
            rate *= (double) (into + 1) / (warmupIterations + 1);
        }
        return rate;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new PhasedLearningRate(phaseStarts, totalIterations, rates, shape, warmupIterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhasedLearningRate p && Arrays.equals(p.phaseStarts, phaseStarts)
                && p.totalIterations == totalIterations && Arrays.equals(p.rates, rates) && p.shape == shape
                && p.warmupIterations == warmupIterations;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(phaseStarts) * 31 + Arrays.hashCode(rates) + shape.hashCode();
    }

    @Override
    public String toString() {
        return "PhasedLearningRate(" + shape + ", starts=" + Arrays.toString(phaseStarts) + ", rates="
                + Arrays.toString(rates) + ", total=" + totalIterations + ", warm-up=" + warmupIterations + ")";
    }
}
