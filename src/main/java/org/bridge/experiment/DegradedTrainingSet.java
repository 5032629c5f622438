package org.bridge.experiment;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.bridge.data.FaceRecord;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationRandom;
import org.bridge.distill.InMemoryStudentSamples;
import org.bridge.distill.StudentInput;

/**
 * The student's training set: every public image expanded by D(I) into {@code count}
 * degraded p x p versions (the paper's 16 perturbations), each carrying its image's identity
 * label and regression target. Sample {@code i * count + k} is perturbation k of image i.
 *
 * <p>Built on all cores; each perturbation's randomness comes from (experiment seed, image
 * index, perturbation index), so the set is identical whatever the thread count.
 */
public final class DegradedTrainingSet {

    private DegradedTrainingSet() {
    }

    /**
     * @param targets per-image regression targets (null for supervision c)
     * @param progress called with the number of images done so far
     */
    public static InMemoryStudentSamples build(List<FaceRecord> images, int[] labels, int classes, float[][] targets,
                                        Degradation degradation, int resolution, long seed,
                                        IntConsumer progress, RunControl control) {
        int count = degradation.params().count();
        int len = StudentInput.length(resolution);
        long total = (long) images.size() * count * len;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(images.size() + " images x " + count + " perturbations at " + resolution
                    + "x" + resolution + " do not fit in memory; use fewer perturbations or a lower resolution");
        }
        float[] inputs = new float[(int) total];
        int[] sampleLabels = labels == null ? null : new int[images.size() * count];
        int dim = targets == null ? 0 : targets[0].length;
        float[] sampleTargets = targets == null ? null : new float[images.size() * count * dim];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            control.throwIfCancelled();
            // A decoder per image: its cache is not shared between threads.
            RgbImage hr = new ImageDecoder().decode(images.get(i));
            List<RgbImage> lr = degradation.perturbations(hr, degradation.params().baseBox(), resolution,
                    DegradationRandom.imageSeed(seed, i), count);
            for (int k = 0; k < count; k++) {
                int s = i * count + k;
                StudentInput.writeChw(lr.get(k), inputs, s * len);
                if (sampleLabels != null) {
                    sampleLabels[s] = labels[i];
                }
                if (sampleTargets != null) {
                    System.arraycopy(targets[i], 0, sampleTargets, s * dim, dim);
                }
            }
            int d = done.incrementAndGet();
            if (d % 64 == 0 || d == images.size()) {
                progress.accept(d);
            }
        });
        return new InMemoryStudentSamples(resolution, inputs, sampleLabels, labels == null ? 0 : classes,
                sampleTargets, dim);
    }
}
