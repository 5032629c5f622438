package org.bridge.bench;

import java.util.Map;

/**
 * One measured configuration: a model at a thread count and batch size. Field names become the
 * snake_case keys of the bench JSON (issue 7).
 *
 * @param model              S-16, S-32, S-64, S-96, T-V or T-C
 * @param path               inference: "fast" (the student's inference path {@code StudentInference}),
 *                           "dl4j" (the same student through DL4J's {@code ComputationGraph.output}),
 *                           or "teacher" (the teacher's ND4J runtime); training: the student trainer's
 *                           engine, "dl4j", "fast" or "handwritten" ({@code TrainingPlan.Engine})
 * @param task               "inference" (forward passes, faces/s) or "training" (training iterations:
 *                           forward, backward and update, samples/s; see {@link #TRAINING})
 * @param threads            OpenMP threads of the measuring JVM (1 = one OpenMP and one Java compute thread)
 * @param batch              faces per forward call (for the teachers at most the teacher batch, see machine notes)
 * @param requestedBatch     the batch asked for on the command line
 * @param input              input of the network, H x W x C
 * @param facesPerSecond     median over the timings
 * @param facesPerSecondSpread min, max, quartiles and number of timings
 * @param facesPerCpuSecond  median faces per second of process CPU time (robust to other load)
 * @param cpuPerWall         process CPU time / wall time while timing (about 1 for one thread)
 * @param params             parameter counts
 * @param flops              multiply-adds per face
 * @param modelBytes         bytes of the model file(s)
 * @param memoryBytesPerFace activation bytes per face at this batch (float32 layer outputs of one forward pass)
 * @param rssBytes           resident size of the measuring JVM right after the timing
 * @param speedupVsTeacher   faces/s of this row / faces/s of T-V and T-C at the same threads and batch row
 */
public record BenchRow(String model, String path, String task, int threads, int batch, int requestedBatch, String input,
                       double facesPerSecond, Spread facesPerSecondSpread, double facesPerCpuSecond, double cpuPerWall,
                       Params params, Flops flops, long modelBytes, long memoryBytesPerFace, long rssBytes,
                       Map<String, Double> speedupVsTeacher) {

    public static final String INFERENCE = "inference";
    /**
     * Training rows: facesPerSecond counts samples per second of whole training iterations
     * (batch assembly, forward, backward, update and the per-output scores, as the student trainer
     * runs them); flops stay the forward multiply-adds per face.
     */
    public static final String TRAINING = "training";

    /** Training row (rather than inference); rows written before the task existed are inference. */
    public boolean training() {
        return TRAINING.equals(task);
    }

    /** Spread of the repeated timings (faces/s). */
    public record Spread(double min, double max, double q1, double q3, int timings) {
        static Spread of(TimingStats s) {
            return new Spread(s.min(), s.max(), s.q1(), s.q3(), s.timings());
        }
    }

    /**
     * @param deployed          parameters inference needs (students: input .. mimic layer as DL4J stores it,
     *                          batch-norm running statistics included; teachers: float weights of the model file)
     * @param deployedTrainable students: deployed minus the batch-norm statistics
     * @param deployedFolded    students: after folding batch norm into the convolutions (what the fast path holds)
     * @param classifier        training-only identity layer (students, per the bench's number of classes)
     * @param note              what the numbers include
     */
    public record Params(long deployed, Long deployedTrainable, Long deployedFolded, long classifier, String note) {
    }

    /** @param multiplyAdds per face; @param method how they were counted */
    public record Flops(long multiplyAdds, String method) {
    }

    BenchRow withSpeedup(Map<String, Double> speedup) {
        return new BenchRow(model, path, task, threads, batch, requestedBatch, input, facesPerSecond, facesPerSecondSpread,
                facesPerCpuSecond, cpuPerWall, params, flops, modelBytes, memoryBytesPerFace, rssBytes, speedup);
    }
}
