package org.bridge.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * Identification with both classifiers on the same gallery/probe features.
 *
 * @param galleryImages gallery images that had a feature
 * @param droppedProbes probes left out: their image was skipped, or their subject kept no gallery image
 * @param skippedImages images skipped as unreadable (0 under {@link org.bridge.data.BadImagePolicy#FAIL})
 */
public record IdentificationReport(IdentificationResult nearestClassMean, IdentificationResult softmax,
                                   int galleryImages, int droppedProbes, int skippedImages) {

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("nearest_class_mean", nearestClassMean.toJson());
        o.add("softmax", softmax.toJson());
        o.addProperty("gallery_images", galleryImages);
        o.addProperty("probe_images", softmax.probes());
        o.addProperty("dropped_probes", droppedProbes);
        o.addProperty("skipped_images", skippedImages);
        return o;
    }

    public String toJsonString() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
    }
}
