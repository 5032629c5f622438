package org.bridge.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.bridge.distill.ClassifierHead;

/**
 * The classification losses an experiment file may name (Table IV of the paper), with the
 * hyper-parameters used for each. Scales are smaller than the face-recognition papers' s = 64
 * because the student sees hundreds, not tens of thousands, of identities.
 */
public final class ClassificationLoss {

    private static final Map<String, Supplier<ClassifierHead>> LOSSES = new LinkedHashMap<>();

    static {
        LOSSES.put("softmax", ClassifierHead::softmax);
        LOSSES.put("centerloss", () -> ClassifierHead.centerLoss(0.003, 0.5));
        LOSSES.put("sphereface", () -> ClassifierHead.sphereFace(30, 2, 5));
        // SphereFace+ = the same A-Softmax plus the hyperspherical energy of the class weights
        // (weight 1, power 2), the paper's Table IV row; not tuned on the development fold.
        LOSSES.put("sphereface+", () -> ClassifierHead.sphereFacePlus(30, 2, 5, 1, 2));
        LOSSES.put("cosface", () -> ClassifierHead.cosFace(30, 0.35));
        LOSSES.put("arcface", () -> ClassifierHead.arcFace(30, 0.5));
    }

    private ClassificationLoss() {
    }

    public static boolean isKnown(String name) {
        return LOSSES.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Position in the paper's Table IV order (softmax first); names it does not know sort last. */
    public static int tableOrder(String name) {
        int i = new java.util.ArrayList<>(LOSSES.keySet()).indexOf(name.toLowerCase(Locale.ROOT));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    public static String names() {
        return String.join(", ", LOSSES.keySet());
    }

    public static ClassifierHead head(String name) {
        Supplier<ClassifierHead> s = LOSSES.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unknown classification loss '" + name + "' (known: " + names() + ")");
        }
        return s.get();
    }
}
