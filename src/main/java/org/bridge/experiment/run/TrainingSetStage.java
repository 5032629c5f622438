package org.bridge.experiment.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.data.FaceRecord;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.distill.ClassifierHead;
import org.bridge.distill.StudentSamples;
import org.bridge.experiment.ClassificationLoss;
import org.bridge.experiment.TrainingSettings;
import org.bridge.experiment.ValidationFold;

/**
 * Stage 1, the training set: the public (bridge) people with enough images to be an identity
 * class, minus a validation fold, capped; and, when asked, the rarer people's images as
 * regression-only samples. Recorded in {@value #FILE}.
 */
public final class TrainingSetStage {

    /** What the student trained on: identity classes, their images, and regression-only images. */
    public static final String FILE = "training-set.json";

    /**
     * @param labels     identity class per image, {@link StudentSamples#UNLABELLED} for regression-only ones
     * @param validation the held-out development fold, or null
     */
    public record TrainingSet(List<FaceRecord> images, int[] labels, int classes, ValidationFold validation) {
    }

    private TrainingSetStage() {
    }

    static TrainingSet select(CellContext c, LfwBridgeProtocol protocol, BridgeSplit split, String root) {
        TrainingSettings t = c.training();
        ValidationFold validation = t.validationFold() ? ValidationFold.of(protocol, split) : null;
        Map<String, Integer> classOf = classes(split, t, validation);
        List<FaceRecord> images = new ArrayList<>();
        for (String p : classOf.keySet()) {
            images.addAll(split.publicSet().imagesOf(p));
        }
        if (classOf.size() < 2) {
            throw new UserFacingException("split " + c.cell().split() + " of " + root + " has fewer than 2 public people"
                    + " with >= " + t.minImagesPerPerson() + " images");
        }
        int labelled = images.size();
        // DL4J's centre-loss layer cannot mask a sample out of its centre term, so with that loss
        // the regression-only images stay out (training-set.json says so).
        boolean centreLoss = c.student().supervision().usesClassLoss()
                && ClassificationLoss.head(c.cell().loss()).kind() == ClassifierHead.Kind.CENTER_LOSS;
        boolean regressAll = t.regressAllPublicImages() && c.student().supervision().needsTeacher();
        if (regressAll && !centreLoss) {
            images.addAll(regressionOnly(split, t, classOf, validation));
        }
        int[] labels = images.stream()
                .mapToInt(r -> classOf.getOrDefault(r.person(), StudentSamples.UNLABELLED)).toArray();
        record(c, classOf.size(), labelled, images.size() - labelled, regressAll && centreLoss
                ? "regressAllPublicImages is off for the centre loss: DL4J's centre term ignores label masks" : null);
        return new TrainingSet(images, labels, classOf.size(), validation);
    }

    /** The identity classes: people with enough public images, minus the validation fold, capped. */
    private static Map<String, Integer> classes(BridgeSplit split, TrainingSettings t, ValidationFold validation) {
        List<String> people = new ArrayList<>(split.publicPeopleWithAtLeast(t.minImagesPerPerson()));
        if (validation != null) {
            people.removeAll(validation.people());
        }
        if (t.maxPeople() > 0 && people.size() > t.maxPeople()) {
            people = people.subList(0, t.maxPeople());
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        for (String p : people) {
            classOf.put(p, classOf.size());
        }
        return classOf;
    }

    /**
     * The regression needs a teacher feature, not an identity: every public image of a person too
     * rare to be a class (split A: 2.7k single-image people) joins it unlabelled.
     */
    private static List<FaceRecord> regressionOnly(BridgeSplit split, TrainingSettings t, Map<String, Integer> classOf,
                                                   ValidationFold validation) {
        List<FaceRecord> out = new ArrayList<>();
        for (String p : split.publicSet().people()) {
            if (!classOf.containsKey(p) && split.publicSet().imagesOf(p).size() < t.minImagesPerPerson()
                    && (validation == null || !validation.people().contains(p))) {
                out.addAll(split.publicSet().imagesOf(p));
            }
        }
        return out;
    }

    private static void record(CellContext c, int classes, int labelled, int regressionOnly, String note) {
        JsonObject o = new JsonObject();
        o.addProperty("classes", classes);
        o.addProperty("labelled_images", labelled);
        o.addProperty("regression_only_images", regressionOnly);
        if (note != null) {
            o.addProperty("note", note);
        }
        c.folder().writeJson(FILE, o);
    }
}
