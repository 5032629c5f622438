package org.bridge.distill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bridge.nd.Nd4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Training and inference speed of the student (run on demand: {@code -Dbridge.bench=true}; timing
 * on a shared machine is not a pass/fail matter). Prints samples/s for training at 16x16 with
 * batch 256 and faces/s for inference at batch 256 and every resolution.
 */
class StudentThroughputBenchmark {

    @Test
    void measure() {
        Assumptions.assumeTrue(Boolean.getBoolean("bridge.bench"), "benchmark: run with -Dbridge.bench=true");
        Nd4jRuntime.init();
        System.out.println("backend: " + Nd4jRuntime.describe() + "; OMP_NUM_THREADS="
                + System.getenv("OMP_NUM_THREADS") + "; load " + loadAverage());
        int batch = 256;
        int classes = 1000;
        StudentNetwork sc = StudentNetwork.of(classes, ClassifierHead.softmax(),
                RegressionHead.mimic(1, RegressionHead.Loss.SUM_SQUARED));
        ComputationGraph net = sc.build(16, new Nesterovs(0.001, 0.9), 0, 1);

        INDArray x = Nd4j.rand(new int[] {batch, 3, 16, 16}).muli(255);
        INDArray y = Nd4j.zeros(batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1);
        }
        INDArray t = Nd4j.randn(batch, 128);
        MultiDataSet data = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y, t});
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        Map<String, String> helpers = Nd4jRuntime.layerHelpers(net);
        assertTrue(helpers.values().stream().allMatch(h -> h.startsWith("MKLDNN")), helpers.toString());
        int iterations = 30;
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        for (int i = 0; i < iterations; i++) {
            net.fit(data);
        }
        double trainRate = iterations * batch / ((System.nanoTime() - start) / 1e9);
        double trainCpu = iterations * batch / ((processCpuNanos() - cpu) / 1e9);
        System.out.printf("training S-16-sc (%d classes, batch %d): %.0f samples/s wall, %.0f samples per CPU-second%n",
                classes, batch, trainRate, trainCpu);

        // End to end through StudentTrainer (batch assembly, per-output losses, listener).
        ToyFaces toy = new ToyFaces(1000, 4, 16, 128, 1);
        StudentTrainerTest.Recorder rec = new StudentTrainerTest.Recorder() {
            long last = System.nanoTime();

            @Override
            public void iterationDone(LossPoint point) {
                super.iterationDone(point);
                long now = System.nanoTime();
                if (point.epoch() == 1 && point.iteration() <= 4) {
                    System.out.printf("  epoch 1 iteration %d: %.0f ms%n", point.iteration(), (now - last) / 1e6);
                }
                last = now;
            }
        };
        try {
            new StudentTrainer(sc, TrainingPlan.builder().sgd(0.9).batchSize(batch)
                    .phase(TrainingPhase.full("sc", 3, 0.001)).build(), rec).run(toy.samples());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf("StudentTrainer S-16-sc, %d samples, batch %d: epochs at %.0f / %.0f / %.0f samples/s%n",
                toy.samples().size(), batch, rec.epochs.get(0).samplesPerSecond(),
                rec.epochs.get(1).samplesPerSecond(), rec.epochs.get(2).samplesPerSecond());

        Student student = new Student(net);
        for (int p : new int[] {16, 32, 64, 96}) {
            INDArray in = Nd4j.rand(new int[] {batch, 3, p, p}).muli(255);
            for (int i = 0; i < 3; i++) {
                student.featureArray(in);
            }
            int reps = p <= 32 ? 20 : (p == 64 ? 6 : 3);
            long s = System.nanoTime();
            long c = processCpuNanos();
            for (int i = 0; i < reps; i++) {
                student.featureArray(in);
            }
            double rate = reps * batch / ((System.nanoTime() - s) / 1e9);
            double perCpu = reps * batch / ((processCpuNanos() - c) / 1e9);
            System.out.printf("inference %dx%d (batch %d, mimic features): %.0f faces/s wall, %.0f per CPU-second%n",
                    p, p, batch, rate, perCpu);
        }
        System.out.println("load after: " + loadAverage());
    }

    /** CPU time of the whole JVM, native OpenMP threads included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
