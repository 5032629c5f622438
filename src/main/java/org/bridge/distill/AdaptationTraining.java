package org.bridge.distill;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link AdaptationTrainer} produced: the adaptation module F_a that step 2 uses, the
 * identity softmax S_a that trained it (the paper discards it; it is kept here only to measure
 * the classification accuracy of Fig. 3), the per-epoch losses and the training time.
 */
public final class AdaptationTraining {

    private final AdaptationModule module;
    private final INDArray identityWeights;
    private final INDArray identityBias;
    private final double featureScale;
    private final AdaptationParams params;
    private final List<AdaptationTrainer.EpochLoss> history;
    private final double trainSeconds;

    AdaptationTraining(AdaptationModule module, INDArray identityWeights, INDArray identityBias, double featureScale,
                       AdaptationParams params, List<AdaptationTrainer.EpochLoss> history, double trainSeconds) {
        this.module = module;
        this.identityWeights = identityWeights;
        this.identityBias = identityBias;
        this.featureScale = featureScale;
        this.params = params;
        this.history = List.copyOf(history);
        this.trainSeconds = trainSeconds;
    }

    /** F_a: teacher feature -> adapted feature f_a. */
    public AdaptationModule module() {
        return module;
    }

    public AdaptationParams params() {
        return params;
    }

    public List<AdaptationTrainer.EpochLoss> history() {
        return history;
    }

    /** Wall-clock seconds spent in {@link AdaptationTrainer#train} (soft targets included). */
    public double trainSeconds() {
        return trainSeconds;
    }

    /** Number of public identities S_a distinguishes. */
    public int classes() {
        return identityBias.columns();
    }

    /** S_a's logits on F_a(f_t) of each raw teacher feature row. */
    public float[][] identityLogits(float[][] teacherFeatures) {
        return logits(AdaptationNd.matrix(teacherFeatures, "teacher features")).toFloatMatrix();
    }

    private INDArray logits(INDArray raw) {
        INDArray fa = module.adaptedFromRaw(raw);
        return fa.muli(featureScale).mmul(identityWeights).addiRowVector(identityBias);
    }

    /** The identity S_a finds most likely for each row. */
    public int[] predict(float[][] teacherFeatures) {
        return AdaptationNd.argmax(logits(AdaptationNd.matrix(teacherFeatures, "teacher features")));
    }

    /** Fraction of rows whose most likely identity under M_a is the label. */
    public double accuracy(float[][] teacherFeatures, int[] labels) {
        return TeacherSoftmax.fractionCorrect(predict(teacherFeatures), labels);
    }
}
