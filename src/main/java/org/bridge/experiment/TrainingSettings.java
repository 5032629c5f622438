package org.bridge.experiment;

/**
 * The {@code "training"} section of an experiment: student training (step 2) and which public
 * images it uses. {@link org.bridge.experiment.run.ExperimentRunner#plan} turns it into a cell's
 * {@link org.bridge.distill.TrainingPlan}.
 *
 * @param pretrainEpochs         epochs of classification-only pre-training on LR faces (the paper's first stage)
 * @param finetuneEpochs         epochs of fine-tuning with the full objective C^ + R
 * @param batchSize              faces per update
 * @param optimizer              "sgd" (momentum 0.9) or "adam"
 * @param learningRate           peak learning rate of the cosine schedule
 * @param weightDecay            L2 coefficient
 * @param regressionWeight       weight of the mimic regression R relative to the cross-entropy
 * @param minImagesPerPerson     only people with at least this many images in the public half are classes
 * @param maxPeople              cap on public people (0 = all), for quick runs
 * @param regressAllPublicImages supervisions with a regression target also regress the public images of
 *                               people too rare to be a class, unlabelled (masked out of the cross-entropy)
 * @param ensembleWeightC        scale of C's block in teacher E (1 = equal weight, 0 = V alone); chosen on
 *                               the development fold
 * @param horizontalFlip         random horizontal flips while training
 * @param targetNorm             L2 norm the regression targets are scaled to (0 keeps the raw vectors)
 * @param validationFold         hold out the people of the split's last public fold of pairs.txt and report
 *                               verification on its pairs as "validation": where settings are chosen
 * @param batchNormRelu          ReLU after each batch norm, as the paper's design has it; false builds the
 *                               linear batch norms of earlier runs (DL4J ignores a batch norm's activation)
 * @param unitSphereRegression   L2-normalise the student's vector before the squared error, so the
 *                               regression turns the mimic feature's direction
 *                               ({@link org.bridge.distill.RegressionHead#onUnitSphere()})
 * @param engine                 "dl4j" (DL4J's fit, the default), "fast" (DL4J on a channels-last twin) or
 *                               "handwritten" (the hand-written step, softmax identity layer only)
 */
public record TrainingSettings(int pretrainEpochs, int finetuneEpochs, int batchSize, String optimizer,
                               double learningRate, double weightDecay, double regressionWeight,
                               int minImagesPerPerson, int maxPeople, boolean regressAllPublicImages,
                               double ensembleWeightC, boolean horizontalFlip, double targetNorm,
                               boolean validationFold, boolean batchNormRelu, boolean unitSphereRegression,
                               String engine) {

    /** How iterations are computed ({@link org.bridge.distill.TrainingPlan.Engine}); all train the same model. */
    public static final java.util.List<String> ENGINES = java.util.List.of("dl4j", "fast", "handwritten");

    public TrainingSettings {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("training engine must be one of " + ENGINES + ", not '" + engine + "'");
        }
    }

    /** The engine as the trainer's enum. */
    public org.bridge.distill.TrainingPlan.Engine trainingEngine() {
        return org.bridge.distill.TrainingPlan.Engine.valueOf(engine.toUpperCase(java.util.Locale.ROOT));
    }

    public static final TrainingSettings DEFAULTS = new TrainingSettings(10, 20, 256, "adam", 0.001, 5e-4, 1.0, 2, 0,
            false, 1.0, true, 1.0, false, true, true, "dl4j");

    public TrainingSettings withEpochs(int pretrain, int finetune) {
        return new TrainingSettings(pretrain, finetune, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, b, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withOptimizer(String o) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, o, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withLearningRate(double r) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, r, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withRegressionWeight(double w) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                w, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    /** The public-set selection: people with at least {@code min} images, at most {@code max} of them (0 = all). */
    public TrainingSettings withPeople(int min, int max) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, min, max, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withRegressAllPublicImages(boolean r) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, r, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withEnsembleWeightC(double w) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, w, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, engine);
    }

    public TrainingSettings withValidationFold(boolean v) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, v, batchNormRelu, unitSphereRegression, engine);
    }

    /** The regression's target norm and whether it compares unit vectors (they go together: 1 and true). */
    public TrainingSettings withRegressionShape(double norm, boolean unitSphere) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                norm, validationFold, batchNormRelu, unitSphere, engine);
    }

    public TrainingSettings withBatchNormRelu(boolean r) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, r, unitSphereRegression, engine);
    }

    public TrainingSettings withEngine(String e) {
        return new TrainingSettings(pretrainEpochs, finetuneEpochs, batchSize, optimizer, learningRate, weightDecay,
                regressionWeight, minImagesPerPerson, maxPeople, regressAllPublicImages, ensembleWeightC, horizontalFlip,
                targetNorm, validationFold, batchNormRelu, unitSphereRegression, e);
    }
}
