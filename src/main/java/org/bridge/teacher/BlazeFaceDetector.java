package org.bridge.teacher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bridge.data.RgbImage;
import org.bridge.nd.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The BlazeFace detector of @vladmandic/human 3.3.6 ({@code blazeface.json}): a face box and six
 * keypoints per face, used to align the teachers' crops.
 *
 * <p>Everything follows human's {@code src/face/blazeface.ts} and {@code facemeshutil.ts}:
 * <ul>
 * <li>input: the image letterboxed to a square (black bars), resized to 256x256 with TF's
 *     default bilinear resize (no half-pixel centres, no corner alignment), then
 *     {@code x / 127.5 - 1};</li>
 * <li>anchors: a 16x16 grid at stride 16 with 2 anchors per cell (512), then an 8x8 grid at
 *     stride 32 with 6 per cell (384), each at the cell centre {@code stride * (i + 0.5)}; the
 *     graph's four outputs are concatenated in that order (scores {@code Identity} /
 *     {@code Identity_1}, regressors {@code Identity_2} / {@code Identity_3});</li>
 * <li>decoding, per anchor row {@code r}: score = sigmoid(r[0]); box centre = anchor + r[1..2],
 *     size r[3..4]; keypoint k = anchor + r[5+2k .. 6+2k], all in 256-pixel units, then scaled
 *     back to the image;</li>
 * <li>selection: score above {@value #MIN_CONFIDENCE} (human's {@code minConfidence}), greedy
 *     non-maximum suppression at IoU {@value #IOU_THRESHOLD} (human's {@code iouThreshold}).</li>
 * </ul>
 * Unlike human, which keeps only the single best face ({@code maxDetected: 1}), {@link #detect}
 * returns every face that survives suppression, best first; {@link #primary} picks the face
 * at the image centre.
 *
 * <p>The graph has a fixed batch of 1: one image per forward pass. Not thread-safe to close
 * while in use; {@link #detect} itself keeps no state.
 */
public final class BlazeFaceDetector implements AutoCloseable {

    public static final int INPUT_SIZE = 256;
    public static final double MIN_CONFIDENCE = 0.2;
    public static final double IOU_THRESHOLD = 0.1;
    static final String INPUT_NODE = "input";
    /** Scores and regressors of the stride-16 anchors, then of the stride-32 anchors. */
    static final List<String> OUTPUTS = List.of("Identity", "Identity_2", "Identity_1", "Identity_3");
    private static final int ROW = 1 + 4 + 2 * FaceDetection.KEYPOINTS;

    private final GraphRuntime runtime;
    private final double[][] anchors = anchors(INPUT_SIZE);

    private BlazeFaceDetector(GraphRuntime runtime) {
        this.runtime = runtime;
    }

    /** Loads blazeface.json (+ blazeface.bin next to it). */
    public static BlazeFaceDetector load(Path blazefaceJson) {
        Nd4jRuntime.init();
        return new BlazeFaceDetector(GraphRuntime.compile(TfjsGraphModel.load(blazefaceJson), INPUT_NODE, OUTPUTS));
    }

    /** The detector from the teacher cache, fetched on first need. */
    public static BlazeFaceDetector load(TeacherWeights weights) {
        weights.require(PinnedPackage.HUMAN, FetchProgress.STDERR);
        return load(weights.blazefaceModel());
    }

    /**
     * Anchor centres in input pixels, human's {@code generateAnchors(256)}: strides 16 and 32,
     * 2 and 6 anchors per cell, row-major cells.
     */
    static double[][] anchors(int inputSize) {
        int[] strides = {inputSize / 16, inputSize / 8};
        int[] perCell = {2, 6};
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < strides.length; i++) {
            int stride = strides[i];
            int grid = (inputSize + stride - 1) / stride;
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    for (int n = 0; n < perCell[i]; n++) {
                        out.add(new double[] {stride * (gx + 0.5), stride * (gy + 0.5)});
                    }
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Every face found, best score first, in {@code image}'s coordinates. */
    public List<FaceDetection> detect(RgbImage image) {
        int side = Math.max(image.width(), image.height());
        int padX = (side - image.width()) / 2;
        int padY = (side - image.height()) / 2;
        float[] input = networkInput(image, side, padX, padY);
        float[] raw = new float[anchors.length * ROW];
        try (INDArray in = NdOps.fromHost(input, 1, INPUT_SIZE, INPUT_SIZE, 3)) {
            INDArray[] out = runtime.runAll(in);
            try {
                int first = (int) out[0].size(1);
                copyRows(out[0], out[1], raw, 0);
                copyRows(out[2], out[3], raw, first);
            } finally {
                for (INDArray o : out) {
                    NdOps.release(o);
                }
            }
        }
        return decode(raw, anchors, (double) side / INPUT_SIZE, padX, padY);
    }

    /**
     * The face the image is about: the best-scoring detection whose box contains the image
     * centre. Face-set images are framed on their subject, and LFW images often show other people
     * at the edges, sometimes with a higher score than the subject (about 1.5% of the images in
     * LFW's pairs). Empty when no face covers the centre; the caller then falls back and reports it.
     */
    public Optional<FaceDetection> primary(RgbImage image) {
        return primary(detect(image), image.width(), image.height());
    }

    /** {@link #primary(RgbImage)} on detections already made (best first) in a {@code width x height} image. */
    static Optional<FaceDetection> primary(List<FaceDetection> bestFirst, int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        for (FaceDetection d : bestFirst) {
            if (d.x0() <= cx && cx <= d.x1() && d.y0() <= cy && cy <= d.y1()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Scores [1, n, 1] and regressors [1, n, 16] of one anchor group into rows of 17 from row {@code from}. */
    private static void copyRows(INDArray scores, INDArray regressors, float[] dst, int from) {
        float[] s = scores.dup('c').data().asFloat();
        float[] r = regressors.dup('c').data().asFloat();
        int n = s.length;
        int k = r.length / n;
        if (k != ROW - 1) {
            throw new IllegalStateException("BlazeFace regressors have " + k + " values per anchor, expected " + (ROW - 1));
        }
        for (int i = 0; i < n; i++) {
            int o = (from + i) * ROW;
            dst[o] = s[i];
            System.arraycopy(r, i * k, dst, o + 1, k);
        }
    }

    /**
     * The letterboxed, resized, normalised input: TF's {@code resizeBilinear} without half-pixel
     * centres samples the square canvas at {@code dst * side / 256}; outside the image the canvas
     * is black (0, i.e. -1 after normalisation), as {@code tf.pad} makes it.
     */
    static float[] networkInput(RgbImage image, int side, int padX, int padY) {
        float[] src = image.data();
        int w = image.width();
        int h = image.height();
        float[] out = new float[INPUT_SIZE * INPUT_SIZE * 3];
        double scale = (double) side / INPUT_SIZE;
        for (int y = 0; y < INPUT_SIZE; y++) {
            double fy = y * scale;
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(y0 + 1, side - 1);
            double wy = fy - y0;
            for (int x = 0; x < INPUT_SIZE; x++) {
                double fx = x * scale;
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(x0 + 1, side - 1);
                double wx = fx - x0;
                int o = (y * INPUT_SIZE + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = canvas(src, w, h, x0 - padX, y0 - padY, c) * (1 - wx)
                            + canvas(src, w, h, x1 - padX, y0 - padY, c) * wx;
                    double bottom = canvas(src, w, h, x0 - padX, y1 - padY, c) * (1 - wx)
                            + canvas(src, w, h, x1 - padX, y1 - padY, c) * wx;
                    out[o + c] = (float) (top * (1 - wy) + bottom * wy) / 127.5f - 1f;
                }
            }
        }
        return out;
    }

    private static double canvas(float[] src, int w, int h, int x, int y, int c) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : src[(y * w + x) * 3 + c];
    }

    /**
     * Decodes raw rows ({@code [logit, dx, dy, w, h, kx0, ky0, ...]} per anchor, 256-pixel
     * units), keeps scores above {@value #MIN_CONFIDENCE}, suppresses overlaps, and maps to the
     * image: {@code p_image = p_256 * scale - pad}.
     */
    static List<FaceDetection> decode(float[] raw, double[][] anchors, double scale, double padX, double padY) {
        List<FaceDetection> candidates = new ArrayList<>();
        for (int a = 0; a < anchors.length; a++) {
            int o = a * ROW;
            double score = 1 / (1 + Math.exp(-raw[o]));
            if (!(score > MIN_CONFIDENCE)) {
                continue;
            }
            double ax = anchors[a][0];
            double ay = anchors[a][1];
            double cx = ax + raw[o + 1];
            double cy = ay + raw[o + 2];
            double hw = raw[o + 3] / 2.0;
            double hh = raw[o + 4] / 2.0;
            double[] k = new double[2 * FaceDetection.KEYPOINTS];
            for (int i = 0; i < FaceDetection.KEYPOINTS; i++) {
                k[2 * i] = (raw[o + 5 + 2 * i] + ax) * scale - padX;
                k[2 * i + 1] = (raw[o + 6 + 2 * i] + ay) * scale - padY;
            }
            candidates.add(new FaceDetection(score, (cx - hw) * scale - padX, (cy - hh) * scale - padY,
                    (cx + hw) * scale - padX, (cy + hh) * scale - padY, k));
        }
        return suppress(candidates, IOU_THRESHOLD);
    }

    /** Greedy non-maximum suppression as TF's: best first, dropping boxes overlapping a kept one by more than {@code iou}. */
    static List<FaceDetection> suppress(List<FaceDetection> candidates, double iou) {
        List<FaceDetection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        List<FaceDetection> kept = new ArrayList<>();
        for (FaceDetection d : sorted) {
            boolean overlaps = false;
            for (FaceDetection k : kept) {
                if (k.iou(d) > iou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(d);
            }
        }
        return kept;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
