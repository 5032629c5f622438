package org.bridge.experiment;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.bridge.data.FaceRecord;
import org.bridge.data.RgbImage;
import org.bridge.degrade.FaceBox;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.degrade.Resampling;
import org.bridge.teacher.AffineCrop;
import org.bridge.teacher.DetectorAlignedCrop;
import org.bridge.teacher.FaceCropper;
import org.bridge.teacher.FaceDetection;
import org.bridge.teacher.LfwFixedCrop;
import org.bridge.teacher.TeacherId;

/**
 * How a teacher's input is made from a face image: the alignment (fixed LFW crop, or per-image
 * BlazeFace alignment) and, optionally, the paper's bilinear hallucination (Table III "p-BI").
 * {@link #key()} names the variant in the feature cache key, so each variant has its own cache.
 *
 * <p>Hallucination: the aligned high-resolution teacher crop is area-averaged to p x p and
 * rounded to 8 bits (a real low-resolution image), then bilinearly up-sampled back to the
 * network's input size with half-pixel centres. Alignment is always done on the HR image.
 *
 * <p>On a folder set that is not framed like LFW, {@link #fixedIn} places the fixed crops by a
 * {@link FaceFraming}: the face box it finds in each image takes the place of LFW's base box
 * (which is V's crop), so teacher and student see the same face square.
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
    private final FaceFraming framing;

    private TeacherInputs(Alignment alignment, CachedDetections detections, int resolution, FaceFraming framing) {
        this.alignment = alignment;
        this.detections = detections;
        this.resolution = resolution;
        this.framing = framing;
    }

    /** The fixed deep-funneled LFW crops at full resolution (what training has always used). */
    public static TeacherInputs lfwFixed() {
        return new TeacherInputs(Alignment.FIXED, null, 0, null);
    }

    /**
     * The fixed crops placed in each image of any size by {@code framing}: the face box it gives
     * an image is mapped onto LFW's base box ({@link FaceBox#lfwDeepFunneled()}, which must be
     * {@code framing}'s base), and each network's fixed crop is cut through that map. An image
     * framed {@link FaceBoxPolicy#LFW} gets exactly {@link LfwFixedCrop}'s crop. Each cropped
     * image is counted in {@code framing}'s tally.
     */
    public static TeacherInputs fixedIn(FaceFraming framing) {
        if (!framing.base().equals(FaceBox.lfwDeepFunneled())) {
            throw new IllegalArgumentException("teacher crops are drawn in LFW's frame; the framing's base box must be "
                    + "LFW's, not " + framing.base());
        }
        return new TeacherInputs(Alignment.FIXED, null, 0, framing);
    }

    /** Per-image BlazeFace alignment at full resolution. */
    public static TeacherInputs detectorAligned(CachedDetections detections) {
        return new TeacherInputs(Alignment.DETECTOR, detections, 0, null);
    }

    /** The same alignment, each crop hallucinated from {@code p x p} by bilinear up-sampling. */
    public TeacherInputs bilinearFrom(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("resolution must be positive: " + p);
        }
        return new TeacherInputs(alignment, detections, p, framing);
    }

    public Alignment alignment() {
        return alignment;
    }

    /** The low resolution p of the hallucination, empty at full resolution. */
    public OptionalInt resolution() {
        return resolution > 0 ? OptionalInt.of(resolution) : OptionalInt.empty();
    }

    /** The face framing of {@link #fixedIn} (empty for LFW's own fixed crops and for detector alignment). */
    public Optional<FaceFraming> framing() {
        return Optional.ofNullable(framing);
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
        String base = alignment == Alignment.DETECTOR ? "detector." + detections.key()
                : framing == null ? "lfwfixed"
                : "facebox-" + framing.policy().label() + (framing.hasLocator() ? "+detector" : "");
        return resolution > 0 ? base + "-bi" + resolution : base;
    }

    /** E.g. "detector, 16-BI" or "fixed, HR", for reports. */
    public String label() {
        String where = framing == null ? alignment.label() : "face box " + framing.policy().label();
        return where + ", " + (resolution > 0 ? resolution + "-BI" : "HR");
    }

    /**
     * The face side in pixels these inputs need: p when hallucinated from p x p, else the base
     * box's side (the LFW face square the teachers' crops are drawn from).
     */
    public int neededFaceSide() {
        return resolution > 0 ? resolution : (int) Math.ceil(FaceBox.lfwDeepFunneled().side());
    }

    /** A cropper for one batch of decoded faces ({@code faces.get(i)} is the image of {@code records.get(i)}). */
    public FaceCropper cropper(List<FaceRecord> records, List<RgbImage> faces) {
        FaceCropper aligned;
        if (alignment == Alignment.FIXED && framing != null) {
            aligned = (face, net) -> framedCrop(face, framing, net.id());
        } else if (alignment == Alignment.FIXED) {
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

    /**
     * Network {@code id}'s fixed crop of {@code face} framed by {@code framing}. The map from LFW's frame
     * to the image takes the base box onto the image's face box (scale, rotation, and for a
     * whole non-square image the stretch to a square), composed with the fixed crop, so the
     * image is sampled once. A face box larger than the base box is first area-averaged down to
     * its size, so the bilinear crop does not alias.
     */
    static RgbImage framedCrop(RgbImage face, FaceFraming framing, TeacherId id) {
        AffineCrop fixed = LfwFixedCrop.forNetwork(id);
        FaceFraming.Placement placed = framing.placement(face);
        if (placed.applied() == FaceBoxPolicy.LFW) {
            return fixed.apply(face);
        }
        RgbImage source = face;
        // How many image pixels one LFW-frame pixel spans (for a whole non-square image the
        // stretch to a square only enlarges the short side).
        double shrink = placed.box().side() / framing.base().side();
        if (shrink > 1) {
            int w = Math.max(1, (int) Math.round(face.width() / shrink));
            int h = Math.max(1, (int) Math.round(face.height() / shrink));
            source = Resampling.area(face, w, h);
            placed = placed.applied() == FaceBoxPolicy.DETECTOR
                    ? placed.scaled(w / (double) face.width(), h / (double) face.height())
                    : new FaceFraming.Placement(placed.applied(), framing.boxBy(placed.applied(), w, h));
        }
        return framedMap(framing.base(), placed, source.width(), source.height(), fixed).apply(source);
    }

    /** {@code fixed} (drawn in LFW's frame) carried into a {@code w x h} image by the framing's face box. */
    static AffineCrop framedMap(FaceFraming framing, int w, int h, AffineCrop fixed) {
        FaceBoxPolicy applied = framing.resolve(w, h);
        return framedMap(framing.base(), new FaceFraming.Placement(applied, framing.boxBy(applied, w, h)), w, h, fixed);
    }

    /** {@code fixed} (drawn in LFW's frame around {@code base}) carried into a {@code w x h} image by {@code placed}. */
    static AffineCrop framedMap(FaceBox base, FaceFraming.Placement placed, int w, int h, AffineCrop fixed) {
        FaceBox box = placed.box();
        double k = box.side() / base.side();
        double rad = Math.toRadians(box.angleDegrees() - base.angleDegrees());
        double cos = StrictMath.cos(rad);
        double sin = StrictMath.sin(rad);
        // Frame point q -> image point D * (c + k R (q - c0)); D stretches a whole square back to w x h.
        double dx = 1;
        double dy = 1;
        if (placed.applied() == FaceBoxPolicy.WHOLE) {
            int s = Math.max(w, h);
            dx = w / (double) s;
            dy = h / (double) s;
        }
        double r00 = k * cos;
        double r01 = -k * sin;
        double r10 = k * sin;
        double r11 = k * cos;
        double a = dx * (r00 * fixed.a() + r01 * fixed.c());
        double b = dx * (r00 * fixed.b() + r01 * fixed.d());
        double c = dy * (r10 * fixed.a() + r11 * fixed.c());
        double d = dy * (r10 * fixed.b() + r11 * fixed.d());
        double qx = fixed.tx() - base.centreX();
        double qy = fixed.ty() - base.centreY();
        double tx = dx * (box.centreX() + r00 * qx + r01 * qy);
        double ty = dy * (box.centreY() + r10 * qx + r11 * qy);
        return new AffineCrop(fixed.width(), fixed.height(), a, b, c, d, tx, ty);
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
