package org.bridge.degrade;

/**
 * The random source of the degradation pipeline: SplitMix64 (Steele, Lea, Flood 2014), written
 * out here rather than borrowed from {@link java.util.SplittableRandom} so that the sequence is
 * fixed by this file and not by a JDK version. Every transcendental function used to shape the
 * draws is {@link StrictMath}, so the same seed gives bit-identical images on every JVM.
 *
 * <p>Seeds form a tree so results do not depend on thread scheduling or processing order:
 * experiment seed -> {@link #imageSeed image seed} -> {@link #perturbationSeed perturbation seed}
 * -> one {@link #streamSeed stream} per degradation step. A step draws only from its own
 * stream, so switching one step off (probability 0) leaves every other step's draws unchanged.
 *
 * <p>Not thread-safe: one instance per perturbation, which is how the pipeline uses it.
 */
public final class DegradationRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public DegradationRandom(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 finaliser: a bijection on 64 bits with full avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Combines a parent seed and a child index into an independent-looking child seed. */
    static long child(long parent, long index) {
        return mix64(mix64(parent + GOLDEN_GAMMA) ^ mix64(index * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    /** Seed of image number {@code imageIndex} (its position in the dataset) in one experiment. */
    public static long imageSeed(long experimentSeed, long imageIndex) {
        return child(experimentSeed, imageIndex);
    }

    /** Seed of perturbation {@code index} (0..count-1) of one image. */
    public static long perturbationSeed(long imageSeed, int index) {
        return child(imageSeed ^ 0x5DEECE66DL, index);
    }

    /**
     * Seed of one named step's stream within a perturbation. {@link String#hashCode()} is
     * specified by the Java API, so the mapping from step name to stream is stable.
     */
    public static long streamSeed(long perturbationSeed, String stepName) {
        return child(perturbationSeed ^ 0x2545F4914F6CDD1DL, stepName.hashCode());
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi); exactly lo when lo == hi. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [lo, hi] (both inclusive). */
    public int uniformInt(int lo, int hi) {
        long span = (long) hi - lo + 1;
        return (int) (lo + (long) (nextDouble() * span));
    }

    /**
     * A factor whose logarithm is uniform in [-ln max, ln max], so that e.g. max = 1.5 makes
     * x1.5 and /1.5 equally likely. max must be >= 1; max = 1 gives exactly 1.
     */
    public double logUniformFactor(double max) {
        double l = StrictMath.log(max);
        return StrictMath.exp(uniform(-l, l));
    }

    /** True with probability p. Always consumes one draw, so later draws do not depend on p. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal, Marsaglia's polar method (only log and sqrt: both deterministic here). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s); // sqrt is correctly rounded by IEEE 754
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }
}
