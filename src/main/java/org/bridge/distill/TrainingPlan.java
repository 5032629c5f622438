package org.bridge.distill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * How the student is trained: optimiser, batch size, phases, schedule, seed and checkpointing.
 * Defaults follow the paper (SGD, batch 256, lr 0.001) with momentum 0.9, which the paper does
 * not state.
 */
public final class TrainingPlan {

    /** The optimisers on offer. */
    public enum Optimizer {
        /** SGD with Nesterov momentum (momentum 0 = plain SGD). */
        SGD,
        ADAM
    }

    /** How a training iteration is computed; both train the same model (same parameters, same updates). */
    public enum Engine {
        /** DL4J's ComputationGraph.fit on the student as built for inference: NCHW, DL4J's oneDNN helpers. */
        DL4J,
        /**
         * ComputationGraph.fit on the same student built channels-last (NHWC), with each
         * convolution's forward output kept for its backward pass instead of computed again;
         * checkpoints and the trained student stay the NCHW graph.
         */
        FAST,
        /**
         * A hand-written forward and backward pass of the student
         * ({@link org.bridge.distill.fast.StudentTrainingStep}: channels-last, batch norm fused with
         * its ReLU or skip addition, buffers allocated once) followed by DL4J's own updater, on the
         * student graph's parameters in place. Softmax identity layer only (supervisions c, s, dc, sc).
         */
        HANDWRITTEN
    }

    private final Optimizer optimizer;
    private final double momentum;
    private final int batchSize;
    private final List<TrainingPhase> phases;
    private final LearningRateShape shape;
    private final double weightDecay;
    private final long seed;
    private final boolean horizontalFlip;
    private final double divergenceThreshold;
    private final Path checkpoint;
    private final Engine engine;

    private TrainingPlan(Builder b) {
        if (b.phases.isEmpty()) {
            throw new IllegalArgumentException("a training plan needs at least one phase");
        }
        if (b.batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (batch norm), got " + b.batchSize);
        }
        if (b.momentum < 0 || b.momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + b.momentum);
        }
        if (b.weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + b.weightDecay);
        }
        if (!(b.divergenceThreshold > 0)) {
            throw new IllegalArgumentException("divergence threshold must be positive, got " + b.divergenceThreshold);
        }
        this.optimizer = b.optimizer;
        this.momentum = b.momentum;
        this.batchSize = b.batchSize;
        this.phases = List.copyOf(b.phases);
        this.shape = b.shape;
        this.weightDecay = b.weightDecay;
        this.seed = b.seed;
        this.horizontalFlip = b.horizontalFlip;
        this.divergenceThreshold = b.divergenceThreshold;
        this.checkpoint = b.checkpoint;
        this.engine = b.engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.optimizer = optimizer;
        b.momentum = momentum;
        b.batchSize = batchSize;
        b.phases.addAll(phases);
        b.shape = shape;
        b.weightDecay = weightDecay;
        b.seed = seed;
        b.horizontalFlip = horizontalFlip;
        b.divergenceThreshold = divergenceThreshold;
        b.checkpoint = checkpoint;
        b.engine = engine;
        return b;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public double momentum() {
        return momentum;
    }

    public int batchSize() {
        return batchSize;
    }

    public List<TrainingPhase> phases() {
        return phases;
    }

    public LearningRateShape shape() {
        return shape;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public long seed() {
        return seed;
    }

    public boolean horizontalFlip() {
        return horizontalFlip;
    }

    /** A total loss above this (or NaN/infinite) stops training. */
    public double divergenceThreshold() {
        return divergenceThreshold;
    }

    /** Checkpoint file written after each epoch and resumed from, or null for none. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** How iterations are computed (default {@link Engine#DL4J}). */
    public Engine engine() {
        return engine;
    }

    public int totalEpochs() {
        return phases.stream().mapToInt(TrainingPhase::epochs).sum();
    }

    /** The phase that 0-based epoch {@code epoch} belongs to. */
    public TrainingPhase phaseOfEpoch(int epoch) {
        int at = 0;
        for (TrainingPhase p : phases) {
            at += p.epochs();
            if (epoch < at) {
                return p;
            }
        }
        throw new IllegalArgumentException("epoch " + epoch + " is beyond the plan's " + at + " epochs");
    }

    /** Number of batches per epoch for {@code samples} samples (a last batch of one sample is dropped). */
    public int iterationsPerEpoch(int samples) {
        int full = samples / batchSize;
        int rest = samples % batchSize;
        return full + (rest >= 2 ? 1 : 0);
    }

    IUpdater updater(ISchedule schedule) {
        return switch (optimizer) {
            case SGD -> momentum > 0 ? new Nesterovs(schedule, momentum) : new Sgd(schedule);
            case ADAM -> new Adam(schedule);
        };
    }

    /** Builder with the paper's defaults. */
    public static final class Builder {
        private Optimizer optimizer = Optimizer.SGD;
        private double momentum = 0.9;
        private int batchSize = 256;
        private final List<TrainingPhase> phases = new ArrayList<>();
        private LearningRateShape shape = LearningRateShape.CONSTANT;
        private double weightDecay = 0;
        private long seed = 1;
        private boolean horizontalFlip = false;
        private double divergenceThreshold = 1e4;
        private Path checkpoint;
        private Engine engine = Engine.DL4J;

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder sgd(double momentum) {
            this.optimizer = Optimizer.SGD;
            this.momentum = momentum;
            return this;
        }

        public Builder adam() {
            this.optimizer = Optimizer.ADAM;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder phase(TrainingPhase phase) {
            this.phases.add(phase);
            return this;
        }

        public Builder clearPhases() {
            this.phases.clear();
            return this;
        }

        public Builder schedule(LearningRateShape shape) {
            this.shape = shape;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Mirror each training input left-right with probability 1/2 (targets unchanged). */
        public Builder horizontalFlip(boolean flip) {
            this.horizontalFlip = flip;
            return this;
        }

        public Builder divergenceThreshold(double threshold) {
            this.divergenceThreshold = threshold;
            return this;
        }

        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        public Builder engine(Engine engine) {
            this.engine = java.util.Objects.requireNonNull(engine, "training engine");
            return this;
        }

        public TrainingPlan build() {
            return new TrainingPlan(this);
        }
    }
}
