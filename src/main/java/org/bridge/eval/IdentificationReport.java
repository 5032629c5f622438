package org.bridge.eval;

import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.bridge.data.SkippedImages;

/**
 * Identification with both classifiers on the same gallery/probe features.
 *
 * @param galleryImages gallery images that had a feature
 * @param droppedProbes probes left out: their image was skipped, or their subject kept no gallery image
 * @param subjects      subjects identified: those with at least one readable gallery and one readable probe image
 * @param leftOut       subjects that lost all their gallery or all their probe images to unreadable files
 * @param skipped       the gallery and probe images skipped as unreadable, each with the reason
 *                      (none under {@link org.bridge.data.BadImagePolicy#FAIL})
 */
public record IdentificationReport(IdentificationResult nearestClassMean, IdentificationResult softmax,
                                   int galleryImages, int droppedProbes, int subjects, List<LeftOutSubject> leftOut,
                                   List<SkippedImages.Entry> skipped) {

    /** A subject the identification could not use as given, and why. */
    public record LeftOutSubject(String subject, String reason) {
    }

    public IdentificationReport {
        leftOut = List.copyOf(leftOut);
        skipped = List.copyOf(skipped);
    }

    /** Images skipped as unreadable. */
    public int skippedImages() {
        return skipped.size();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("nearest_class_mean", nearestClassMean.toJson());
        o.add("softmax", softmax.toJson());
        o.addProperty("subjects", subjects);
        o.addProperty("gallery_images", galleryImages);
        o.addProperty("probe_images", softmax.probes());
        o.addProperty("dropped_probes", droppedProbes);
        o.addProperty("skipped_images", skipped.size());
        JsonArray files = new JsonArray();
        for (SkippedImages.Entry e : skipped) {
            JsonObject f = new JsonObject();
            f.addProperty("file", e.file().toString());
            f.addProperty("reason", e.reason());
            files.add(f);
        }
        o.add("skipped", files);
        JsonArray people = new JsonArray();
        for (LeftOutSubject s : leftOut) {
            JsonObject p = new JsonObject();
            p.addProperty("subject", s.subject());
            p.addProperty("reason", s.reason());
            people.add(p);
        }
        o.add("left_out_subjects", people);
        return o;
    }

    public String toJsonString() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
    }
}
