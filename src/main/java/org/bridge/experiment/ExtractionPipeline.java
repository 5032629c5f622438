package org.bridge.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.teacher.FaceCropper;
import org.bridge.teacher.FeatureCache;
import org.bridge.teacher.TeacherNetwork;

/**
 * Teacher networks (V and/or C) over the images that lack their features, a batch at a time,
 * each batch stored in the networks' caches as soon as it is done. With a budget of two or more
 * threads the work overlaps: while the calling thread embeds batch k, a helper thread prepares
 * batch k+1 (decoding each image once for all networks, the BlazeFace detection behind detector
 * alignment, the crops), and with two networks the second embeds on a thread of its own beside
 * the first. With one thread it is the plain sequence. Either way each network sees the same
 * crops in the same batches, so the features are the same.
 *
 * <p>Caches are written and progress heard only on the calling thread; a cancel (an interrupt,
 * or an exception from {@code progress}) stops the helpers before {@link #run} returns.
 */
final class ExtractionPipeline {

    /**
     * One network's share: {@code out[i]} is filled (and stored in {@code cache}) for every
     * index in {@code missing}.
     */
    record Job(TeacherNetwork network, FeatureCache cache, float[][] out, Set<Integer> missing) {
    }

    /** One batch made ready for the networks: per job, the image indices it needs and their crops. */
    private record Prepared(List<Integer> batch, List<List<Integer>> indices, List<List<RgbImage>> crops) {
    }

    private final int batchSize;
    private final int threads;

    ExtractionPipeline(int batchSize, int threads) {
        this.batchSize = batchSize;
        this.threads = Math.max(1, threads);
    }

    /**
     * The threads this process may use: {@code OMP_NUM_THREADS} when set (what a child run is
     * given as its share of the cores), else every core.
     */
    static int threadBudget() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null) {
            try {
                return Math.max(1, Integer.parseInt(omp.trim()));
            } catch (NumberFormatException e) {
                // not a number: fall back to the cores
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Computes the jobs' missing features of {@code images} ({@code keys} are their cache keys),
     * going through {@code todo} (the union of the jobs' missing indices, ascending) in batches.
     * {@code progress} hears images with every job's feature, of {@code images.size()}.
     */
    void run(List<FaceRecord> images, String[] keys, TeacherInputs inputs, List<Job> jobs, List<Integer> todo,
             TeacherFeatureProvider.Progress progress) {
        int total = images.size();
        int done = total - todo.size();
        progress.update(done, total);
        if (todo.isEmpty()) {
            return;
        }
        List<List<Integer>> batches = new ArrayList<>();
        for (int start = 0; start < todo.size(); start += batchSize) {
            batches.add(todo.subList(start, Math.min(todo.size(), start + batchSize)));
        }
        boolean overlap = threads >= 2;
        ExecutorService prepare = overlap ? Executors.newSingleThreadExecutor(daemon("teacher-prepare")) : null;
        ExecutorService second = overlap && jobs.size() > 1
                ? Executors.newSingleThreadExecutor(daemon("teacher-embed")) : null;
        try {
            Future<Prepared> next = overlap ? prepare.submit(() -> prepare(images, inputs, jobs, batches.get(0))) : null;
            for (int b = 0; b < batches.size(); b++) {
                Prepared ready = overlap ? await(next) : prepare(images, inputs, jobs, batches.get(b));
                if (overlap && b + 1 < batches.size()) {
                    List<Integer> following = batches.get(b + 1);
                    next = prepare.submit(() -> prepare(images, inputs, jobs, following));
                }
                float[][][] features = embed(jobs, ready, second);
                for (int k = 0; k < jobs.size(); k++) {
                    Job job = jobs.get(k);
                    List<Integer> idx = ready.indices().get(k);
                    for (int j = 0; j < idx.size(); j++) {
                        job.out()[idx.get(j)] = features[k][j];
                        job.cache().put(keys[idx.get(j)], features[k][j]);
                    }
                    job.cache().flush();
                }
                done += ready.batch().size();
                progress.update(done, total);
                if (Thread.currentThread().isInterrupted()) {
                    throw new RunControl.CancelledException();
                }
            }
        } finally {
            stop(prepare);
            stop(second);
        }
    }

    /** Decodes the batch once and cuts each job's crops of the images it lacks. */
    private static Prepared prepare(List<FaceRecord> images, TeacherInputs inputs, List<Job> jobs, List<Integer> batch) {
        // Decoding is the slow part outside the networks: do it on all cores.
        RgbImage[] faces = new RgbImage[batch.size()];
        IntStream.range(0, batch.size()).parallel()
                .forEach(j -> faces[j] = new ImageDecoder().decode(images.get(batch.get(j))));
        List<FaceRecord> records = batch.stream().map(images::get).toList();
        FaceCropper cropper = inputs.cropper(records, List.of(faces));
        List<List<Integer>> indices = new ArrayList<>();
        List<List<RgbImage>> crops = new ArrayList<>();
        for (Job job : jobs) {
            List<Integer> idx = new ArrayList<>();
            List<RgbImage> c = new ArrayList<>();
            for (int j = 0; j < batch.size(); j++) {
                if (job.missing().contains(batch.get(j))) {
                    idx.add(batch.get(j));
                    c.add(cropper.crop(faces[j], job.network()));
                }
            }
            indices.add(idx);
            crops.add(c);
        }
        return new Prepared(batch, indices, crops);
    }

    /** Each job's network on its crops of the batch; the second job on {@code second} when there is one. */
    private static float[][][] embed(List<Job> jobs, Prepared ready, ExecutorService second) {
        float[][][] out = new float[jobs.size()][][];
        Future<float[][]> other = null;
        if (second != null) {
            Job job = jobs.get(1);
            List<RgbImage> crops = ready.crops().get(1);
            other = second.submit(() -> job.network().features(crops));
        }
        for (int k = 0; k < jobs.size(); k++) {
            if (k == 1 && other != null) {
                out[k] = await(other);
            } else {
                out[k] = jobs.get(k).network().features(ready.crops().get(k));
            }
        }
        return out;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new RunControl.CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops a helper and waits for its batch in hand, so nothing touches the caches after {@link #run}. */
    private static void stop(ExecutorService helper) {
        if (helper == null) {
            return;
        }
        helper.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (helper.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
