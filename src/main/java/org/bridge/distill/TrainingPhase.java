package org.bridge.distill;

/**
 * A stretch of epochs with one objective. The paper pre-trains the student on classification
 * and then fine-tunes it with the distillation objective C^ + R (eq. 4): two phases,
 * {@code classification("pre-train", n)} then {@code full("fine-tune", m)}. Outputs a phase does
 * not use stay in the graph but get zero loss weight (a zero label mask).
 *
 * @param name           shown in progress reports
 * @param epochs         number of epochs (> 0)
 * @param classification whether the identity cross-entropy C^ is active
 * @param regression     whether the mimic regression R is active
 * @param learningRate   base learning rate of the phase (the schedule shapes it within the phase)
 */
public record TrainingPhase(String name, int epochs, boolean classification, boolean regression,
                            double learningRate) {

    /** The paper's SGD learning rate. */
    public static final double PAPER_LEARNING_RATE = 0.001;

    public TrainingPhase {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a training phase needs a name");
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("phase '" + name + "' needs at least one epoch, got " + epochs);
        }
        if (!classification && !regression) {
            throw new IllegalArgumentException("phase '" + name + "' trains nothing: enable classification or regression");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("phase '" + name + "' learning rate must be positive, got " + learningRate);
        }
    }

    public static TrainingPhase classification(String name, int epochs, double learningRate) {
        return new TrainingPhase(name, epochs, true, false, learningRate);
    }

    public static TrainingPhase regression(String name, int epochs, double learningRate) {
        return new TrainingPhase(name, epochs, false, true, learningRate);
    }

    public static TrainingPhase full(String name, int epochs, double learningRate) {
        return new TrainingPhase(name, epochs, true, true, learningRate);
    }

    /** One phase with the whole objective of a supervision (c: CE; s: R; dc, sc: CE + R). */
    public static TrainingPhase forSupervision(Supervision supervision, int epochs, double learningRate) {
        return new TrainingPhase(supervision.name(), epochs, supervision.usesClassLoss(), supervision.needsTeacher(),
                learningRate);
    }
}
