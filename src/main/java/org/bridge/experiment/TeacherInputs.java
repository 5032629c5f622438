package org.bridge.experiment;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.bridge.data.FaceRecord;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Resampling;
import org.bridge.teacher.DetectorAlignedCrop;
import org.bridge.teacher.FaceCropper;
import org.bridge.teacher.FaceDetection;
import org.bridge.teacher.LfwFixedCrop;

/**
 * How a teacher's input is made from a face image: the alignment (fixed LFW crop, or per-image
 * BlazeFace alignment) and, optionally, the paper's bilinear hallucination (Table III "p-BI").
 * {@link #key()} names the variant in the feature cache key, so each variant has its own cache.
 *
 * <p>Hallucination: the aligned high-resolution teacher crop is area-averaged to p x p and
 * rounded to 8 bits (a real low-resolution image), then bilinearly up-sampled back to the
 * network's input size with half-pixel centres. Alignment is always done on the HR image.
 */
public final class TeacherInputs {

    /** Where the teacher crops come from. */
    public enum Alignment {
        /** {@link LfwFixedCrop}: fixed positions for the 250x250 deep-funneled frame (pre-aligned sets). */
        FIXED("fixed"),
        /** {@link DetectorAlignedCrop}: BlazeFace per image, fixed crop where no face is found. */
        DETECTOR("detector");

        private final String label;

        Alignment(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Alignment parse(String s) {
            for (Alignment a : values()) {
                if (a.label.equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown alignment '" + s + "' (fixed or detector)");
        }
    }

    private static final LfwFixedCrop FIXED_CROP = new LfwFixedCrop();

    private final Alignment alignment;
    private final CachedDetections detections;
    private final int resolution;

    private TeacherInputs(Alignment alignment, CachedDetections detections, int resolution) {
        this.alignment = alignment;
        this.detections = detections;
        this.resolution = resolution;
    }

    /** The fixed deep-funneled LFW crops at full resolution (what training has always used). */
    public static TeacherInputs lfwFixed() {
        return new TeacherInputs(Alignment.FIXED, null, 0);
    }

    /** Per-image BlazeFace alignment at full resolution. */
    public static TeacherInputs detectorAligned(CachedDetections detections) {
        return new TeacherInputs(Alignment.DETECTOR, detections, 0);
    }

    /** The same alignment, each crop hallucinated from {@code p x p} by bilinear up-sampling. */
    public TeacherInputs bilinearFrom(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("resolution must be positive: " + p);
        }
        return new TeacherInputs(alignment, detections, p);
    }

    public Alignment alignment() {
        return alignment;
    }

    /** The low resolution p of the hallucination, empty at full resolution. */
    public OptionalInt resolution() {
        return resolution > 0 ? OptionalInt.of(resolution) : OptionalInt.empty();
    }

    /** The detections behind {@link Alignment#DETECTOR} (empty for fixed crops). */
    public Optional<CachedDetections> detections() {
        return Optional.ofNullable(detections);
    }

    /**
     * The cache-key part: {@code lfwfixed} (unchanged from before variants existed, so old caches
     * stay valid), or {@code detector.<detector key>}, plus {@code -bi<p>} when hallucinated.
     */
    public String key() {
        String base = alignment == Alignment.FIXED ? "lfwfixed" : "detector." + detections.key();
        return resolution > 0 ? base + "-bi" + resolution : base;
    }

    /** E.g. "detector, 16-BI" or "fixed, HR", for reports. */
    public String label() {
        return alignment.label() + ", " + (resolution > 0 ? resolution + "-BI" : "HR");
    }

    /** A cropper for one batch of decoded faces ({@code faces.get(i)} is the image of {@code records.get(i)}). */
    public FaceCropper cropper(List<FaceRecord> records, List<RgbImage> faces) {
        FaceCropper aligned;
        if (alignment == Alignment.FIXED) {
            aligned = FIXED_CROP;
        } else {
            Map<RgbImage, Optional<FaceDetection>> found = new IdentityHashMap<>();
            for (int i = 0; i < faces.size(); i++) {
                found.put(faces.get(i), detections.detection(records.get(i), faces.get(i)));
            }
            aligned = (face, net) -> {
                Optional<FaceDetection> d = found.get(face);
                if (d == null) {
                    throw new IllegalArgumentException("this cropper was made for another batch of faces");
                }
                return DetectorAlignedCrop.crop(face, d, net.id());
            };
        }
        return resolution > 0 ? hallucinating(aligned, resolution) : aligned;
    }

    /** {@code aligned}'s crop, area-averaged to p x p in 8 bits, bilinearly up-sampled back. */
    static FaceCropper hallucinating(FaceCropper aligned, int p) {
        return (face, net) -> hallucinate(aligned.crop(face, net), p, net.inputSize());
    }

    static RgbImage hallucinate(RgbImage crop, int p, int size) {
        RgbImage lr = Resampling.area(crop, p, p);
        float[] d = lr.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, Math.min(255f, Math.round(d[i])));
        }
        return Resampling.bilinear(lr, size, size);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", label(), key());
    }
}
