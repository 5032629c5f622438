package org.bridge.distill;

/** How the learning rate evolves within each training phase, from the phase's base rate. */
public enum LearningRateShape {
    /** The base rate throughout (the paper states only "lr 0.001"). */
    CONSTANT,
    /** Half-cosine decay from the base rate to 1% of it at the end of the phase. */
    COSINE,
    /** Base rate, divided by 10 after 50% and again after 75% of the phase. */
    STEP;

    /** Factor applied to the base rate at {@code fraction} (0..1) of the phase. */
    public double factor(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        return switch (this) {
            case CONSTANT -> 1;
            case COSINE -> 0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * f));
            case STEP -> f < 0.5 ? 1 : (f < 0.75 ? 0.1 : 0.01);
        };
    }
}
