package org.bridge.distill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bridge.distill.fast.StudentTrainingStep;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link StudentNetwork} (step 2 of the paper, eq. 4: C^ + R) on in-memory or streamed
 * {@link StudentSamples}.
 *
 * <p>Runs on the caller's thread; another thread may call {@link #cancel()} (or interrupt the
 * training thread), which is honoured between iterations and leaves the checkpoint of the last
 * finished epoch as it was. After every epoch the network and its optimiser state are written to
 * the plan's checkpoint file (atomically; the epoch before stays as {@link Checkpoints#previousOf}).
 * {@link #run} resumes from that file when it exists, from the previous one when it is damaged:
 * the epoch and iteration counters, the optimiser state and the weights come back, the sample
 * order of each epoch is a function of (seed, epoch), so a resumed run continues the same curve.
 *
 * <p>Per-output losses are read from DL4J's output layers after each step: they are the scores
 * of the batch before the update.
 */
public final class StudentTrainer {

    private final StudentNetwork network;
    private final TrainingPlan plan;
    private final StudentTrainingListener listener;
    private final List<TrainingListener> networkListeners;
    private volatile boolean cancelRequested;

    public StudentTrainer(StudentNetwork network, TrainingPlan plan, StudentTrainingListener listener) {
        this(network, plan, listener, List.of());
    }

    /**
     * @param networkListeners DL4J listeners attached to the network while it trains (e.g. DL4J's
     *                         StatsListener for the training UI); empty for none
     */
    public StudentTrainer(StudentNetwork network, TrainingPlan plan, StudentTrainingListener listener,
                          List<TrainingListener> networkListeners) {
        this.network = network;
        this.plan = plan;
        this.listener = listener == null ? StudentTrainingListener.NONE : listener;
        this.networkListeners = List.copyOf(networkListeners);
        for (TrainingPhase phase : plan.phases()) {
            if (phase.classification() && !network.hasClassifier()) {
                throw new IllegalArgumentException("phase '" + phase.name()
                        + "' trains classification but the student has no identity layer");
            }
            if (phase.regression() && !network.hasRegression()) {
                throw new IllegalArgumentException("phase '" + phase.name()
                        + "' trains regression but the student has no regression head");
            }
            if (plan.engine() == TrainingPlan.Engine.HANDWRITTEN && network.hasClassifier()
                    && network.classifier().kind() != ClassifierHead.Kind.SOFTMAX) {
                throw new IllegalArgumentException("training engine HANDWRITTEN trains the softmax identity layer only,"
                        + " not " + network.classifier().kind() + "; use engine DL4J or FAST");
            }
            if (!phase.classification() && network.hasClassifier()
                    && network.classifier().kind() == ClassifierHead.Kind.CENTER_LOSS) {
                throw new IllegalArgumentException("phase '" + phase.name() + "' switches classification off,"
                        + " which DL4J's centre-loss layer cannot do (its centre term ignores label masks)");
            }
        }
    }

    /** Asks the running {@link #run} to stop before its next iteration. Thread-safe. */
    public void cancel() {
        cancelRequested = true;
    }

    /**
     * Trains until the plan's last epoch, resuming from the checkpoint if it exists.
     *
     * @throws TrainingDivergedException on a NaN/infinite/exploding loss or NaN weights
     * @throws IOException               when a checkpoint cannot be read or written
     */
    public TrainingResult run(StudentSamples samples) throws IOException {
        validate(samples);
        int perEpoch = plan.iterationsPerEpoch(samples.size());
        PhasedLearningRate schedule = PhasedLearningRate.of(plan.phases(), perEpoch, plan.shape());
        Path checkpoint = plan.checkpoint();

        ComputationGraph net = network.build(samples.resolution(), plan.updater(schedule), plan.weightDecay(),
                plan.seed());
        if (checkpoint != null) {
            Checkpoints.Resumption resumption = Checkpoints.resume(checkpoint);
            if (resumption.network() != null) {
                requireSameArchitecture(net, resumption.network(), resumption.from());
                net = resumption.network();
                // The plan may have grown (more epochs): put its schedule in force, keeping the optimiser state.
                net.setLearningRate(schedule);
            }
            if (!resumption.notes().isEmpty()) {
                listener.checkpointRecovered(String.join("; ", resumption.notes()) + "; " + (resumption.network() == null
                        ? "no intact checkpoint is left, so training starts again from epoch 1"
                        : "training resumes from " + resumption.from().getFileName() + " after epoch "
                                + net.getEpochCount()));
            }
        }
        // The graph that fits: the student itself, or its channels-last twin (engine FAST), whose
        // state goes back into the student before every checkpoint and at the end.
        ComputationGraph fitted = net;
        if (plan.engine() == TrainingPlan.Engine.FAST) {
            fitted = network.withLayout(CNN2DFormat.NHWC).build(samples.resolution(), plan.updater(schedule),
                    plan.weightDecay(), plan.seed());
            StudentNetwork.copyState(net, fitted);
        }
        if (!networkListeners.isEmpty()) {
            fitted.setListeners(networkListeners); // after the restore: a checkpoint carries no listeners
        }
        // Engine HANDWRITTEN trains the student graph itself, in place.
        try (StudentTrainingStep step = plan.engine() == TrainingPlan.Engine.HANDWRITTEN
                ? StudentTrainingStep.of(net, stepThreads()) : null) {
            return train(samples, net, fitted, step, schedule, perEpoch);
        }
    }

    private TrainingResult train(StudentSamples samples, ComputationGraph net, ComputationGraph fitted,
                                 StudentTrainingStep step, PhasedLearningRate schedule, int perEpoch) throws IOException {
        Path checkpoint = plan.checkpoint();
        int epochsDone = net.getEpochCount();
        int epochs = plan.totalEpochs();
        double lastLoss = Double.NaN;

        int[] outputs = outputIndices(net);
        String[] outputNames = net.getConfiguration().getNetworkOutputs().toArray(new String[0]);
        int p = samples.resolution();
        int inLen = StudentInput.length(p);

        for (int epoch = epochsDone; epoch < epochs; epoch++) {
            TrainingPhase phase = plan.phaseOfEpoch(epoch);
            int[] order = permutation(samples.size(), new Random(plan.seed() * 1_000_003L + epoch));
            Random flips = new Random(plan.seed() * 7_919L + epoch);
            double sumTotal = 0;
            double sumCls = 0;
            double sumReg = 0;
            int done = 0;
            long trained = 0;
            long start = System.nanoTime();
            for (int it = 0; it < perEpoch; it++) {
                if (cancelRequested || Thread.currentThread().isInterrupted()) {
                    // The checkpoint keeps the last finished epoch; the returned student has every step.
                    syncState(fitted, net);
                    return new TrainingResult(TrainingResult.Status.CANCELLED, epoch, epochs, new Student(net),
                            checkpoint, lastLoss);
                }
                int from = it * plan.batchSize();
                int n = Math.min(plan.batchSize(), samples.size() - from);
                long globalIteration = fitted.getIterationCount();
                double lr = schedule.at(globalIteration);
                IterationLosses losses = step != null
                        ? iterate(step, fitted, samples, order, from, n, epoch, phase, inLen, flips)
                        : iterate(fitted, samples, order, from, n, epoch, phase, outputNames, outputs, inLen, flips);
                if (step != null && !networkListeners.isEmpty()) {
                    for (TrainingListener l : networkListeners) {
                        l.iterationDone(fitted, (int) globalIteration, epoch);
                    }
                }
                double total = losses.total();
                double cls = losses.classification();
                double reg = losses.regression();
                lastLoss = total;
                if (!Double.isFinite(total) || total > plan.divergenceThreshold()) {
                    throw diverged(Double.isNaN(total) ? "training loss became NaN"
                            : Double.isInfinite(total) ? "training loss became infinite"
                            : "training loss exploded above " + plan.divergenceThreshold(),
                            epoch, it, total, checkpoint, epochsDone);
                }
                sumTotal += total;
                sumCls += cls;
                sumReg += reg;
                done++;
                trained += n;
                listener.iterationDone(new StudentTrainingListener.LossPoint(phase.name(), epoch + 1, it + 1,
                        globalIteration, total, cls, reg, lr));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!Double.isFinite(fitted.params().sumNumber().doubleValue())) {
                throw diverged("network weights became NaN or infinite", epoch, perEpoch - 1, lastLoss,
                        checkpoint, epochsDone);
            }
            fitted.incrementEpochCount();
            syncState(fitted, net);
            if (checkpoint != null) {
                Checkpoints.writeKeepingPrevious(net, checkpoint);
            }
            epochsDone = epoch + 1;
            listener.epochDone(new StudentTrainingListener.EpochSummary(phase.name(), epoch + 1, epochs,
                    sumTotal / done, sumCls / done, sumReg / done, trained / seconds, checkpoint));
        }
        return new TrainingResult(TrainingResult.Status.COMPLETED, epochsDone, epochs, new Student(net), checkpoint,
                lastLoss);
    }

    /** Total and per-output losses of one iteration (NaN for an output the phase switches off). */
    private record IterationLosses(double total, double classification, double regression) {
    }

    /**
     * One training iteration: the batch of samples {@code order[from .. from+n)}, DL4J's fit on it,
     * and the losses DL4J scored on that batch before the update.
     */
    private IterationLosses iterate(ComputationGraph net, StudentSamples samples, int[] order, int from, int n,
                                    int epoch, TrainingPhase phase, String[] outputNames, int[] outputs, int inLen,
                                    Random flips) {
        MultiDataSet batch = batch(samples, order, from, n, epoch, phase, outputNames, inLen, flips);
        if (plan.engine() == TrainingPlan.Engine.FAST) {
            batch.setFeatures(0, batch.getFeatures(0).permute(0, 2, 3, 1).dup('c'));
        }
        // DL4J scores the batch before the update, so the decay term inside the score is the
        // one of the parameters before fit (measured after, it can exceed a near-zero class loss).
        double decay = plan.weightDecay() > 0 ? net.calcRegularizationScore(true) : 0;
        net.fit(batch);
        double total = net.score();
        double cls = outputs[0] >= 0 && phase.classification()
                ? outputScore(net, outputNames[outputs[0]]) : Double.NaN;
        double reg = outputs[1] >= 0 && phase.regression()
                ? outputScore(net, outputNames[outputs[1]]) : Double.NaN;
        if (plan.weightDecay() > 0) {
            // DL4J adds the weight-decay term to the first output's score.
            if (outputs[0] == 0 && phase.classification()) {
                cls -= decay;
            } else if (outputs[1] == 0 && phase.regression()) {
                reg -= decay;
            }
        }
        return new IterationLosses(total, cls, reg);
    }

    /**
     * One iteration of engine HANDWRITTEN: the same batch as {@link #batch} (same order, same
     * flips), the hand-written step on it, and the losses DL4J's output layers would report.
     */
    private IterationLosses iterate(StudentTrainingStep step, ComputationGraph net, StudentSamples samples,
                                    int[] order, int from, int n, int epoch, TrainingPhase phase, int inLen,
                                    Random flips) {
        float[] in = inputs(samples, order, from, n, epoch, inLen, flips);
        boolean cls = network.hasClassifier() && phase.classification();
        boolean reg = network.hasRegression() && phase.regression();
        int[] labels = null;
        if (cls) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = samples.label(order[from + i]);
            }
        }
        float[] targets = null;
        if (reg) {
            int d = network.regression().targetDimension();
            targets = new float[n * d];
            for (int i = 0; i < n; i++) {
                samples.target(order[from + i], targets, i * d);
            }
        }
        double decay = plan.weightDecay() > 0 ? net.calcRegularizationScore(true) : 0;
        StudentTrainingStep.Scores scores = step.fit(in, n, samples.resolution(), labels, targets);
        double c = cls ? scores.classification() : Double.NaN;
        double r = reg ? scores.regression() : Double.NaN;
        return new IterationLosses((cls ? c : 0) + (reg ? r : 0) + decay, c, r);
    }

    /** Threads of the hand-written step's own loops: ND4J's thread count (OMP_NUM_THREADS), at most the cores. */
    static int stepThreads() {
        int nd4j = Nd4j.getEnvironment().maxMasterThreads();
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), nd4j > 0 ? nd4j : 1));
    }

    /**
     * Training iterations exactly as {@link #run} performs them, one call at a time, on a fresh
     * network and without epochs, checkpoints or listeners: what the training benchmark times.
     * Batches follow the first epoch's sample order (wrapping around) in the plan's last phase.
     */
    public final class Iterations {
        private final StudentSamples samples;
        private final ComputationGraph net;
        private final TrainingPhase phase;
        private final int[] order;
        private final Random flips;
        private final String[] outputNames;
        private final int[] outputs;
        private final StudentTrainingStep step;
        private int from;

        private Iterations(StudentSamples samples) {
            validate(samples);
            int perEpoch = plan.iterationsPerEpoch(samples.size());
            this.samples = samples;
            StudentNetwork built = plan.engine() == TrainingPlan.Engine.FAST
                    ? network.withLayout(CNN2DFormat.NHWC) : network;
            this.net = built.build(samples.resolution(),
                    plan.updater(PhasedLearningRate.of(plan.phases(), perEpoch, plan.shape())), plan.weightDecay(),
                    plan.seed());
            this.phase = plan.phases().get(plan.phases().size() - 1);
            this.order = permutation(samples.size(), new Random(plan.seed() * 1_000_003L));
            this.flips = new Random(plan.seed() * 7_919L);
            this.outputNames = net.getConfiguration().getNetworkOutputs().toArray(new String[0]);
            this.outputs = outputIndices(net);
            this.step = plan.engine() == TrainingPlan.Engine.HANDWRITTEN ? StudentTrainingStep.of(net, stepThreads())
                    : null;
        }

        /** Runs the next iteration; returns its number of samples. */
        public int next() {
            int n = Math.min(plan.batchSize(), samples.size() - from);
            int inLen = StudentInput.length(samples.resolution());
            if (step != null) {
                iterate(step, net, samples, order, from, n, 0, phase, inLen, flips);
            } else {
                iterate(net, samples, order, from, n, 0, phase, outputNames, outputs, inLen, flips);
            }
            from = from + n >= samples.size() ? 0 : from + n;
            return n;
        }

        /** The graph that fits (channels-last for {@link TrainingPlan.Engine#FAST}). */
        public ComputationGraph network() {
            return net;
        }
    }

    /** Iterations of this trainer's plan on {@code samples}, one at a time (see {@link Iterations}). */
    public Iterations iterations(StudentSamples samples) {
        return new Iterations(samples);
    }

    private static void syncState(ComputationGraph fitted, ComputationGraph student) {
        if (fitted != student) {
            StudentNetwork.copyState(fitted, student);
        }
    }

    private TrainingDivergedException diverged(String what, int epoch, int it, double loss, Path checkpoint,
                                               int epochsDone) {
        return new TrainingDivergedException(what, epoch + 1, it + 1, loss, checkpoint, epochsDone);
    }

    private void validate(StudentSamples samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("need at least 2 training samples, got " + samples.size());
        }
        if (samples.resolution() < StudentNetwork.MIN_RESOLUTION) {
            throw new IllegalArgumentException("training inputs of " + samples.resolution() + "x"
                    + samples.resolution() + " are below the student's minimum " + StudentNetwork.MIN_RESOLUTION);
        }
        boolean anyCls = plan.phases().stream().anyMatch(TrainingPhase::classification);
        boolean anyReg = plan.phases().stream().anyMatch(TrainingPhase::regression);
        if (network.hasClassifier() && (anyCls || samples.classes() > 0) && samples.classes() != network.classes()) {
            throw new IllegalArgumentException("the samples have " + samples.classes()
                    + " identity classes but the student's identity layer has " + network.classes());
        }
        if (anyCls && network.classifier().kind() == ClassifierHead.Kind.CENTER_LOSS) {
            for (int i = 0; i < samples.size(); i++) {
                if (samples.label(i) == StudentSamples.UNLABELLED) {
                    throw new IllegalArgumentException("sample " + i + " has no identity label, which DL4J's"
                            + " centre-loss layer cannot mask out (its centre term ignores label masks)");
                }
            }
        }
        if (network.hasRegression() && (anyReg || samples.targetDimension() > 0)
                && samples.targetDimension() != network.regression().targetDimension()) {
            throw new IllegalArgumentException("the samples have " + samples.targetDimension()
                    + "-D regression targets but the student regresses onto "
                    + network.regression().targetDimension() + "-D");
        }
    }

    /** Index in the graph outputs of {classification, regression}, -1 when absent. */
    private int[] outputIndices(ComputationGraph net) {
        List<String> names = net.getConfiguration().getNetworkOutputs();
        return new int[] {
            network.hasClassifier() ? names.indexOf(network.classificationOutput()) : -1,
            network.hasRegression() ? names.indexOf(network.regressionOutput()) : -1};
    }

    private static double outputScore(ComputationGraph net, String name) {
        return net.getLayer(name).score();
    }

    /** The inputs of samples {@code order[from .. from+n)}, each flipped with probability 1/2 if the plan says so. */
    private float[] inputs(StudentSamples samples, int[] order, int from, int n, int epoch, int inLen, Random flips) {
        int p = samples.resolution();
        float[] in = new float[n * inLen];
        for (int i = 0; i < n; i++) {
            samples.input(epoch, order[from + i], in, i * inLen);
            if (plan.horizontalFlip() && flips.nextBoolean()) {
                StudentInput.flipHorizontally(in, i * inLen, p);
            }
        }
        return in;
    }

    private MultiDataSet batch(StudentSamples samples, int[] order, int from, int n, int epoch, TrainingPhase phase,
                               String[] outputNames, int inLen, Random flips) {
        int p = samples.resolution();
        float[] in = inputs(samples, order, from, n, epoch, inLen, flips);
        INDArray features = Nd4j.create(in, new long[] {n, 3, p, p}, 'c');
        INDArray[] labels = new INDArray[outputNames.length];
        INDArray[] masks = new INDArray[outputNames.length];
        boolean anyMask = false;
        for (int o = 0; o < outputNames.length; o++) {
            boolean isRegression = outputNames[o].equals(network.regressionOutput());
            boolean active = isRegression ? phase.regression() : phase.classification();
            if (isRegression) {
                int d = network.regression().targetDimension();
                float[] t = new float[n * d];
                if (active) {
                    for (int i = 0; i < n; i++) {
                        samples.target(order[from + i], t, i * d);
                    }
                }
                labels[o] = Nd4j.create(t, new long[] {n, d}, 'c');
            } else {
                int k = network.classes();
                float[] y = new float[n * k];
                float[] labelled = null;
                if (active) {
                    for (int i = 0; i < n; i++) {
                        int label = samples.label(order[from + i]);
                        if (label == StudentSamples.UNLABELLED) {
                            // Regression-only sample: out of the cross-entropy by a per-example mask
                            // (DL4J still divides the masked score by the whole batch size).
                            if (labelled == null) {
                                labelled = new float[n];
                                java.util.Arrays.fill(labelled, 1f);
                            }
                            labelled[i] = 0f;
                        } else {
                            y[i * k + label] = 1;
                        }
                    }
                }
                labels[o] = Nd4j.create(y, new long[] {n, k}, 'c');
                if (labelled != null) {
                    masks[o] = Nd4j.create(labelled, new long[] {n, 1}, 'c');
                    anyMask = true;
                }
            }
            if (!active) {
                masks[o] = Nd4j.zeros(features.dataType(), n, 1);
                anyMask = true;
            }
        }
        return new MultiDataSet(new INDArray[] {features}, labels, null, anyMask ? masks : null);
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void requireSameArchitecture(ComputationGraph fresh, ComputationGraph saved, Path file) {
        Map<String, INDArray> a = fresh.paramTable();
        Map<String, INDArray> b = saved.paramTable();
        List<String> problems = new ArrayList<>();
        if (!a.keySet().equals(b.keySet())) {
            problems.add("parameters " + b.keySet() + " instead of " + a.keySet());
        } else {
            for (String key : a.keySet()) {
                if (!java.util.Arrays.equals(a.get(key).shape(), b.get(key).shape())) {
                    problems.add(key + " has shape " + java.util.Arrays.toString(b.get(key).shape()) + " instead of "
                            + java.util.Arrays.toString(a.get(key).shape()));
                }
            }
        }
        if (!fresh.getConfiguration().getNetworkOutputs().equals(saved.getConfiguration().getNetworkOutputs())) {
            problems.add("outputs " + saved.getConfiguration().getNetworkOutputs());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("checkpoint " + file + " belongs to a different student network ("
                    + String.join("; ", problems) + "); delete it or choose another run folder");
        }
    }

    /** Wraps IOException for callers that run the trainer inside a lambda. */
    public TrainingResult runUnchecked(StudentSamples samples) {
        try {
            return run(samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
