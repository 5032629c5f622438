package org.bridge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.bridge.data.FacePair;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwFaceSet;
import org.bridge.data.RgbImage;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;
import org.bridge.teacher.FaceCropper;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherNetwork;

/**
 * A teacher (V, C or E) on LFW's verification protocol: all pairs of {@code pairs.txt}, 10 folds,
 * each fold's threshold chosen on the other 9 ({@link Verification} with one score set over all
 * folds), cosine similarity of the teacher features. The HR rows and the hallucination rows
 * ("p-BI") of the paper's Table III.
 *
 * <p>Features come from {@link CachedTeacherFeatures}, so a repeated evaluation only reads the
 * cache; E is the combination of the cached V and C features. Speed is measured on real network
 * work twice: the extraction that ran, when any image was not cached yet
 * ({@link TeacherEvaluationResult#extractionFacesPerSecond()}, decode + detection + crop +
 * network), and always a timed pass of the network alone over {@value #TIMED_BATCHES} batches of
 * {@value #BATCH} prepared crops after one warm-up batch
 * ({@link TeacherEvaluationResult#facesPerSecond()}; for E, V's and C's time per face added).
 */
public final class TeacherEvaluation {

    public static final int BATCH = 32;
    public static final int TIMED_BATCHES = 3;

    /** Makes a progress callback for each phase ("E features" and the like, then "detect" for the no-face list). */
    @FunctionalInterface
    public interface Phases {
        TeacherFeatureProvider.Progress start(String phase);

        Phases SILENT = phase -> (done, total) -> { };
    }

    private final CachedTeacherFeatures features;
    private final Phases phases;

    public TeacherEvaluation(CachedTeacherFeatures features, Phases phases) {
        this.features = features;
        this.phases = phases;
    }

    /** Evaluates {@code teacher} on every pair of {@code lfw}'s pairs.txt with inputs made as {@code inputs} says. */
    public TeacherEvaluationResult run(LfwFaceSet lfw, TeacherId teacher, TeacherInputs inputs) {
        if (teacher.isNone()) {
            throw new IllegalArgumentException("teacher O has no features to evaluate");
        }
        long started = System.nanoTime();
        List<FacePair> pairs = lfw.pairs().resolve(lfw.dataset());
        LinkedHashSet<FaceRecord> unique = new LinkedHashSet<>();
        for (FacePair p : pairs) {
            unique.add(p.a());
            unique.add(p.b());
        }
        List<FaceRecord> images = List.copyOf(unique);

        // Detection runs inside the feature pass, each batch just before its crops are cut.
        ExtractionClock x = new ExtractionClock();
        TeacherFeatureProvider.Progress shown = phases.start(teacher + " features");
        float[][] f = features.features(teacher, images, inputs, (done, total) -> {
            x.update(done);
            shown.update(done, total);
        });
        Map<TeacherId, TeacherEvaluationResult.Extraction> extractions = new java.util.EnumMap<>(TeacherId.class);
        extractions.put(teacher, new TeacherEvaluationResult.Extraction(x.computed(), x.nanos() / 1e9));
        List<Path> noFace = List.of();
        if (inputs.detections().isPresent()) {
            CachedDetections d = inputs.detections().get();
            d.detectAll(images, phases.start("detect"));
            noFace = noFaceAmong(d.noFace(), images);
        }
        List<TeacherId> networks = teacher == TeacherId.E ? List.of(TeacherId.V, TeacherId.C) : List.of(teacher);
        Map<FaceRecord, float[]> byImage = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            byImage.put(images.get(i), f[i]);
        }
        VerificationScores scores = VerificationScores.score(teacher.name(), pairs,
                r -> Optional.ofNullable(byImage.get(r)));
        VerificationResult result = Verification.evaluate(scores);

        String load = LoadAverage.read();
        double msPerFace = 0;
        int timedFaces = 0;
        for (TeacherId net : networks) {
            Timing t = timeNetwork(net, images, inputs);
            msPerFace += t.msPerFace();
            timedFaces = t.faces();
        }
        return new TeacherEvaluationResult(teacher, inputs.alignment().label(),
                inputs.resolution().isPresent() ? inputs.resolution().getAsInt() : null,
                inputs.resolution().isPresent() ? "bilinear" : null, result, images.size(), noFace,
                1000.0 / msPerFace, msPerFace, timedFaces, load, extractions,
                features.fingerprint(teacher, inputs), lfw.pairs().file().toString(),
                (System.nanoTime() - started) / 1e9);
    }

    /** The no-face files that belong to this evaluation's images. */
    private static List<Path> noFaceAmong(List<Path> all, List<FaceRecord> images) {
        java.util.Set<Path> mine = new java.util.HashSet<>();
        images.forEach(r -> mine.add(r.file()));
        return all.stream().filter(mine::contains).toList();
    }

    private record Timing(double msPerFace, int faces) {
    }

    /**
     * Network-only time per face at batch {@value #BATCH}: crops of the first images prepared
     * beforehand, one warm-up batch, then up to {@value #TIMED_BATCHES} timed batches.
     */
    private Timing timeNetwork(TeacherId id, List<FaceRecord> images, TeacherInputs inputs) {
        int n = Math.min(images.size(), BATCH * (TIMED_BATCHES + 1));
        List<FaceRecord> sample = images.subList(0, n);
        RgbImage[] faces = new RgbImage[n];
        IntStream.range(0, n).parallel().forEach(i -> faces[i] = new ImageDecoder().decode(sample.get(i)));
        TeacherNetwork net = (TeacherNetwork) features.network(id);
        FaceCropper cropper = inputs.cropper(sample, List.of(faces));
        List<RgbImage> crops = new ArrayList<>(n);
        for (RgbImage face : faces) {
            crops.add(cropper.crop(face, net));
        }
        int warm = Math.min(BATCH, n);
        net.features(crops.subList(0, warm));
        List<RgbImage> timed = n > warm ? crops.subList(warm, n) : crops;
        long t0 = System.nanoTime();
        for (int from = 0; from < timed.size(); from += BATCH) {
            net.features(timed.subList(from, Math.min(timed.size(), from + BATCH)));
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Timing(ms / timed.size(), timed.size());
    }

    /** Counts the images an extraction computed (the first progress call reports the cached ones) and times them. */
    private static final class ExtractionClock {
        private int first = -1;
        private int last;
        private long t0;
        private long t1;

        void update(int done) {
            long now = System.nanoTime();
            if (first < 0) {
                first = done;
                t0 = now;
            }
            last = done;
            t1 = now;
        }

        int computed() {
            return Math.max(0, last - Math.max(first, 0));
        }

        long nanos() {
            return t1 - t0;
        }
    }

    /** The system load average, for next to every speed number (the machine may be shared). */
    public static final class LoadAverage {
        private LoadAverage() {
        }

        /** "1.23 0.98 0.75" (1, 5, 15 minutes) from /proc/loadavg, else the JVM's 1-minute figure. */
        public static String read() {
            try {
                String s = Files.readString(Path.of("/proc/loadavg")).trim();
                String[] f = s.split("\\s+");
                if (f.length >= 3) {
                    return f[0] + " " + f[1] + " " + f[2];
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux: fall through.
            }
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", l);
        }
    }
}
