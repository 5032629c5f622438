package org.bridge.eval;

import java.util.List;

/** A closed-set classifier: a score per known class for a probe feature (higher = more likely). */
public interface ClassScorer {

    /** Class names; column {@code c} of {@link #scores} belongs to {@code classes().get(c)}. */
    List<String> classes();

    double[] scores(float[] probe);
}
