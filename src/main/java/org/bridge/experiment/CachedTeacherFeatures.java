package org.bridge.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.bridge.config.FileClaim;
import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.teacher.EnsembleTeacher;
import org.bridge.teacher.FeatureCache;
import org.bridge.teacher.FetchProgress;
import org.bridge.teacher.LfwFixedCrop;
import org.bridge.teacher.Teacher;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherNetwork;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.Teachers;

/**
 * Teacher features through the on-disk {@link FeatureCache}: each image goes through each
 * network once, ever. E is not run as a network: it is built from the cached V and C features
 * (each L2-normalised, then concatenated, exactly as {@link EnsembleTeacher} does), so the
 * ensemble costs nothing once V and C are cached.
 *
 * <p>Crops are the fixed deep-funneled LFW crops ({@link LfwFixedCrop}) unless a
 * {@link TeacherInputs} variant says otherwise (detector alignment, bilinear hallucination); the
 * variant's key is part of the cache key. The bundled synthetic set is framed like LFW.
 * Networks are loaded on first use and kept until {@link #close()}.
 */
public final class CachedTeacherFeatures implements TeacherFeatureProvider, AutoCloseable {

    private static final int BATCH = 32;
    private int batchSize = BATCH;
    private int threads = ExtractionPipeline.threadBudget();
    private final TeacherWeights weights;
    private final Path featureRoot;
    private final Map<TeacherId, Teacher> loaded = new EnumMap<>(TeacherId.class);
    private final Map<TeacherId, String> hashes = new EnumMap<>(TeacherId.class);

    public CachedTeacherFeatures(TeacherWeights weights) {
        this(weights, weights.cacheRoot());
    }

    /** Features cached under {@code featureRoot/features} instead of next to the weights. */
    public CachedTeacherFeatures(TeacherWeights weights, Path featureRoot) {
        this.weights = weights;
        this.featureRoot = featureRoot;
    }

    @Override
    public float[][] features(TeacherId teacher, List<FaceRecord> images, Progress progress) {
        return features(teacher, images, TeacherInputs.lfwFixed(), progress);
    }

    /**
     * f_t of each image with the teacher input made as {@code inputs} says. {@code progress}
     * hears the count already cached first, then each computed batch. While another process
     * computes into the same cache this waits for it (progress keeps hearing, so a cancel thrown
     * from it ends the wait), then computes only what that process did not. E's V and C features
     * are computed in one pass ({@link #networkFeatures}).
     */
    public synchronized float[][] features(TeacherId teacher, List<FaceRecord> images, TeacherInputs inputs,
                                           Progress progress) {
        if (teacher == TeacherId.O) {
            throw new IllegalArgumentException("teacher O has no features");
        }
        if (teacher == TeacherId.E) {
            float[][][] vc = networkFeatures(List.of(TeacherId.V, TeacherId.C), images, inputs, progress);
            return EnsembleTeacher.combine(vc[0], vc[1]);
        }
        return networkFeatures(List.of(teacher), images, inputs, progress)[0];
    }

    @Override
    public float[][][] networkFeatures(List<TeacherId> networks, List<FaceRecord> images, Progress progress) {
        return networkFeatures(networks, images, TeacherInputs.lfwFixed(), progress);
    }

    /**
     * The features of each of {@code networks} (V and/or C) for each image: {@code [network][image]}.
     * The images that any of them still lacks go through one {@link ExtractionPipeline} pass:
     * each is decoded (and detected) once for all networks. {@code progress} counts images with
     * every network's feature.
     */
    public synchronized float[][][] networkFeatures(List<TeacherId> networks, List<FaceRecord> images,
                                                    TeacherInputs inputs, Progress progress) {
        for (TeacherId id : networks) {
            if (id != TeacherId.V && id != TeacherId.C) {
                throw new IllegalArgumentException("only V and C are networks, not " + id);
            }
        }
        int n = images.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = FeatureCache.imageKey(images.get(i).file());
        }
        float[][][] out = new float[networks.size()][n][];
        List<FeatureCache> caches = new ArrayList<>();
        List<FeatureCache.Writing> locks = new ArrayList<>();
        try {
            for (TeacherId id : networks) {
                caches.add(FeatureCache.open(featureRoot, cacheKey(id, inputs)));
            }
            List<List<Integer>> missing = lookUpAll(caches, keys, out);
            int done = n - union(missing).size();
            progress.update(done, n);
            if (done == n) {
                return out;
            }
            // Always detections, then V's cache, then C's, so two processes never wait for each other crosswise.
            List<Integer> todo = union(missing);
            if (inputs.detections().isPresent()
                    && !inputs.detections().get().allCached(todo.stream().map(images::get).toList())) {
                locks.add(inputs.detections().get().lockForWriting(done, n, progress));
            }
            for (int k = 0; k < networks.size(); k++) {
                int waitDone = done;
                locks.add(caches.get(k).lockForWriting(
                        waitingFor(networks.get(k) + " features", caches.get(k), waitDone, n, progress)));
            }
            missing = lookUpAll(caches, keys, out); // what another process computed meanwhile is not done again
            if (union(missing).isEmpty()) {
                progress.update(n, n);
                return out;
            }
            List<ExtractionPipeline.Job> jobs = new ArrayList<>();
            for (int k = 0; k < networks.size(); k++) {
                jobs.add(new ExtractionPipeline.Job((TeacherNetwork) network(networks.get(k)), caches.get(k),
                        out[k], new java.util.HashSet<>(missing.get(k))));
            }
            new ExtractionPipeline(batchSize, threads)
                    .run(images, keys, inputs, jobs, union(missing), progress);
        } finally {
            for (int k = locks.size() - 1; k >= 0; k--) {
                locks.get(k).close();
            }
            for (FeatureCache c : caches) {
                c.close();
            }
        }
        return out;
    }

    private static List<List<Integer>> lookUpAll(List<FeatureCache> caches, String[] keys, float[][][] out) {
        List<List<Integer>> missing = new ArrayList<>();
        for (int k = 0; k < caches.size(); k++) {
            missing.add(lookUp(caches.get(k), keys, out[k]));
        }
        return missing;
    }

    /** The indices missing from any list, ascending. */
    private static List<Integer> union(List<List<Integer>> missing) {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        missing.forEach(all::addAll);
        return new ArrayList<>(all);
    }

    /** Batches of {@code size} images on {@code threads} threads (tests; the defaults are 32 and the thread budget). */
    synchronized void pipeline(int size, int threadCount) {
        this.batchSize = size;
        this.threads = threadCount;
    }

    /** Fills {@code out} from the cache; returns the indices of the images not in it. */
    private static List<Integer> lookUp(FeatureCache cache, String[] keys, float[][] out) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            int idx = i;
            cache.get(keys[i]).ifPresentOrElse(f -> out[idx] = f, () -> missing.add(idx));
        }
        return missing;
    }

    /**
     * While another process fills the same cache: says once (on the console) whom this one waits
     * for, and keeps {@code progress} hearing, so a cancel through it (or an interrupt) ends the wait.
     */
    static FileClaim.Waiting waitingFor(String what, FeatureCache cache, int done, int total, Progress progress) {
        boolean[] said = new boolean[1];
        return holder -> {
            if (!said[0]) {
                System.err.println("waiting for " + holder + ", which is computing " + what + " into "
                        + cache.file() + "; the images it does are not computed again here");
                said[0] = true;
            }
            progress.update(done, total);
            if (Thread.currentThread().isInterrupted()) {
                throw new RunControl.CancelledException();
            }
        };
    }

    @Override
    public String fingerprint(TeacherId teacher) {
        return fingerprint(teacher, TeacherInputs.lfwFixed());
    }

    /** The cache key(s) of the teacher's features made as {@code inputs} says. */
    public synchronized String fingerprint(TeacherId teacher, TeacherInputs inputs) {
        if (teacher == TeacherId.E) {
            return "E(" + fingerprint(TeacherId.V, inputs) + "+" + fingerprint(TeacherId.C, inputs) + ")";
        }
        return cacheKey(teacher, inputs);
    }

    private String cacheKey(TeacherId teacher, TeacherInputs inputs) {
        return teacher.name() + "-" + modelHash(teacher) + "-" + inputs.key();
    }

    /** The loaded network V or C (loaded now if needed), e.g. to time it; closed by {@link #close()}. */
    public synchronized Teacher network(TeacherId id) {
        if (id != TeacherId.V && id != TeacherId.C) {
            throw new IllegalArgumentException("only V and C are networks, not " + id);
        }
        return loaded.computeIfAbsent(id, t -> Teachers.load(t, weights));
    }

    @Override
    public void requireWeights(TeacherId teacher, FetchProgress progress) {
        weights.require(TeacherWeights.packagesOf(teacher), progress);
    }

    /** First 16 hex digits of the SHA-256 over the teacher's model files (fetched on first need). */
    private String modelHash(TeacherId id) {
        return hashes.computeIfAbsent(id, t -> {
            weights.require(TeacherWeights.packagesOf(t), FetchProgress.STDERR);
            Path model = t == TeacherId.V ? weights.faceresModel() : weights.faceApiManifest();
            List<Path> files = new ArrayList<>(List.of(model));
            files.add(t == TeacherId.V ? model.resolveSibling("faceres.bin")
                    : model.resolveSibling("face_recognition_model.bin"));
            return hashOf(files);
        });
    }

    /** First 16 hex digits of the SHA-256 over the files, in order. */
    static String hashOf(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new org.bridge.config.UserFacingException("cannot read teacher weights " + files
                    + ": " + e.getMessage() + "; run `" + org.bridge.config.BuildInfo.COMMAND + " teachers fetch`", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(Teacher::close);
        loaded.clear();
    }
}
