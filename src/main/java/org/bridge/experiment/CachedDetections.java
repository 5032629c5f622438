package org.bridge.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.teacher.BlazeFaceDetector;
import org.bridge.teacher.FaceDetection;
import org.bridge.teacher.FeatureCache;
import org.bridge.teacher.FetchProgress;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherWeights;

/**
 * BlazeFace detections of face images, kept on disk in a {@link FeatureCache} (17 floats per
 * image: score, box, 6 keypoints; all zeros when no face was found), so each image meets the
 * detector once, whichever teacher or hallucination setting asks next. Every image where no
 * face was found is remembered by file ({@link #noFace()}) for the report.
 */
public final class CachedDetections implements AutoCloseable {

    private static final int BATCH = 32;
    private static final float[] NO_FACE = new float[5 + 2 * FaceDetection.KEYPOINTS];

    private final TeacherWeights weights;
    private final Path cacheRoot;
    private final Map<Path, Boolean> noFace = new ConcurrentHashMap<>();
    private String key;
    private FeatureCache cache;
    private BlazeFaceDetector detector;

    /** Detections cached under {@code cacheRoot/features} (the detector weights come from {@code weights}). */
    public CachedDetections(TeacherWeights weights, Path cacheRoot) {
        this.weights = weights;
        this.cacheRoot = cacheRoot;
    }

    /**
     * Identifies the detector, its input handling and the choice of face:
     * {@code blazeface-<model hash>-letterbox256-central} ({@link BlazeFaceDetector#primary}).
     */
    public synchronized String key() {
        if (key == null) {
            weights.require(PinnedPackage.HUMAN, FetchProgress.STDERR);
            Path json = weights.blazefaceModel();
            key = "blazeface-" + CachedTeacherFeatures.hashOf(List.of(json, json.resolveSibling("blazeface.bin")))
                    + "-letterbox" + BlazeFaceDetector.INPUT_SIZE + "-central";
        }
        return key;
    }

    /** The detection of an already decoded image: from the cache, else the detector runs and the result is stored. */
    public synchronized Optional<FaceDetection> detection(FaceRecord record, RgbImage face) {
        String k = FeatureCache.imageKey(record.file());
        Optional<float[]> hit = cache().get(k);
        Optional<FaceDetection> d;
        if (hit.isPresent()) {
            d = decode(hit.get());
        } else {
            d = detector().primary(face);
            cache().put(k, d.map(FaceDetection::toFloats).orElse(NO_FACE));
        }
        if (d.isEmpty()) {
            noFace.put(record.file(), Boolean.TRUE);
        }
        return d;
    }

    /**
     * Detections of all {@code records} (decoding and detecting only those not cached yet), in
     * order. {@code progress} hears the cached count first, then each batch.
     */
    public List<Optional<FaceDetection>> detectAll(List<FaceRecord> records, TeacherFeatureProvider.Progress progress) {
        List<FaceRecord> unique = new ArrayList<>(new LinkedHashSet<>(records));
        List<FaceRecord> missing = missing(unique);
        progress.update(unique.size() - missing.size(), unique.size());
        if (!missing.isEmpty()) {
            FeatureCache writable;
            synchronized (this) {
                writable = cache();
            }
            try (FeatureCache.Writing writing = writable.lockForWriting(CachedTeacherFeatures.waitingFor(
                    "face detections", writable, unique.size() - missing.size(), unique.size(), progress))) {
                detect(missing(unique), unique.size(), progress); // not what another process did meanwhile
            }
        }
        return lookUp(records);
    }

    /**
     * Takes the detection cache's write lock (waiting, as {@link #detectAll} does, while another
     * process holds it), so that the detections {@link #detection} makes while it is held are
     * stored under it: for passes that detect each batch just before using it.
     */
    public FeatureCache.Writing lockForWriting(int done, int total, TeacherFeatureProvider.Progress progress) {
        FeatureCache writable;
        synchronized (this) {
            writable = cache();
        }
        return writable.lockForWriting(CachedTeacherFeatures.waitingFor("face detections", writable, done, total,
                progress));
    }

    /** Whether every one of {@code records} has its detection cached. */
    public boolean allCached(List<FaceRecord> records) {
        return missing(records).isEmpty();
    }

    private synchronized List<FaceRecord> missing(List<FaceRecord> unique) {
        List<FaceRecord> missing = new ArrayList<>();
        for (FaceRecord r : unique) {
            if (!cache().contains(FeatureCache.imageKey(r.file()))) {
                missing.add(r);
            }
        }
        return missing;
    }

    /** Decodes and detects the missing images a batch at a time, storing each batch in the cache. */
    private void detect(List<FaceRecord> missing, int total, TeacherFeatureProvider.Progress progress) {
        int done = total - missing.size();
        progress.update(done, total);
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<FaceRecord> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
            RgbImage[] faces = new RgbImage[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(j -> faces[j] = new ImageDecoder().decode(batch.get(j)));
            for (int j = 0; j < batch.size(); j++) {
                detection(batch.get(j), faces[j]);
            }
            synchronized (this) {
                cache().flush();
            }
            done += batch.size();
            progress.update(done, total);
            if (Thread.currentThread().isInterrupted()) {
                throw new RunControl.CancelledException();
            }
        }
    }

    private List<Optional<FaceDetection>> lookUp(List<FaceRecord> records) {
        List<Optional<FaceDetection>> out = new ArrayList<>(records.size());
        synchronized (this) {
            for (FaceRecord r : records) {
                Optional<float[]> hit = cache().get(FeatureCache.imageKey(r.file()));
                if (hit.isEmpty()) {
                    throw new IllegalStateException("no cached detection for " + r.file() + " after detecting it");
                }
                Optional<FaceDetection> d = decode(hit.get());
                if (d.isEmpty()) {
                    noFace.put(r.file(), Boolean.TRUE);
                }
                out.add(d);
            }
        }
        return out;
    }

    /** Files of every image looked up so far in which no face was found, sorted. */
    public List<Path> noFace() {
        return List.copyOf(new TreeSet<>(noFace.keySet()));
    }

    private static Optional<FaceDetection> decode(float[] f) {
        return f[0] > 0 ? Optional.of(FaceDetection.fromFloats(f)) : Optional.empty();
    }

    private FeatureCache cache() {
        if (cache == null) {
            cache = FeatureCache.open(cacheRoot, key());
        }
        return cache;
    }

    private BlazeFaceDetector detector() {
        if (detector == null) {
            detector = BlazeFaceDetector.load(weights);
        }
        return detector;
    }

    @Override
    public synchronized void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
