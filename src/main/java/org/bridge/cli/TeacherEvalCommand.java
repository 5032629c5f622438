package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.AtomicFiles;
import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.LfwFaceSet;
import org.bridge.experiment.CachedDetections;
import org.bridge.experiment.CachedTeacherFeatures;
import org.bridge.experiment.TeacherEvaluation;
import org.bridge.experiment.TeacherEvaluationResult;
import org.bridge.experiment.TeacherInputs;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "teacher-eval", mixinStandardHelpOptions = true,
        description = "A teacher (V, C or E) on LFW verification: all pairs of pairs.txt, 10 folds, each fold's "
                + "threshold chosen on the other 9. Prints and optionally writes accuracy (mean, std), AUC, TPR at "
                + "FPR 10%% and 1%%, and faces/s. With --resolution P the aligned teacher crop is area-averaged to "
                + "P x P and bilinearly up-sampled back (the paper's Table III 'P-BI'). Features are cached; "
                + "an interrupted run keeps what it computed. On a machine busy with other work, start the JVM with "
                + "OMP_WAIT_POLICY=PASSIVE in the environment (several times faster there).")
final class TeacherEvalCommand implements Callable<Integer> {

    @Option(names = "--teacher", required = true, paramLabel = "V|C|E", description = "Teacher to evaluate.")
    String teacher;

    @Option(names = "--lfw", paramLabel = "DIR", description = "LFW folder with pairs.txt (default: $BRIDGE_LFW or ../shared/data/lfw).")
    Path lfw;

    @Option(names = "--alignment", paramLabel = "fixed|detector", defaultValue = "detector",
            description = "detector: BlazeFace per image, the eyes aligned to each teacher's template (fixed crop "
                    + "where no face is found); fixed: fixed crops of the 250x250 deep-funneled frame "
                    + "(pre-aligned sets). Default: ${DEFAULT-VALUE}, the more accurate on LFW.")
    String alignment;

    @Option(names = "--resolution", paramLabel = "P", description = "Hallucinate each teacher input from P x P.")
    Integer resolution;

    @Option(names = "--hallucinate", paramLabel = "bilinear",
            description = "How the P x P face is brought back to the teacher's size (only 'bilinear'; the default with --resolution).")
    String hallucinate;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the result as JSON.")
    Path json;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Teacher cache with the weights and the feature cache (default: $BRIDGE_TEACHER_CACHE or ~/.cache/bridge/teachers).")
    Path cache;

    @Override
    public Integer call() throws IOException {
        TeacherId id = Recognizer.parseTeacher(teacher);
        TeacherInputs.Alignment align;
        try {
            align = TeacherInputs.Alignment.parse(alignment);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--alignment: " + e.getMessage());
        }
        Recognizer.checkHallucination(resolution, hallucinate);
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        BridgeLocations locations = BridgeLocations.fromSystem();
        Path root = lfw != null ? lfw : locations.lfwDir();
        Path cacheRoot = cache != null ? cache : locations.teacherCache();
        TeacherWeights weights = new TeacherWeights(cacheRoot);
        requireWeights(weights, id, align);
        LfwFaceSet set = LfwFaceSet.open(root);

        try (CachedTeacherFeatures features = new CachedTeacherFeatures(weights);
             CachedDetections detections = new CachedDetections(weights, cacheRoot)) {
            TeacherInputs inputs = align == TeacherInputs.Alignment.FIXED ? TeacherInputs.lfwFixed()
                    : TeacherInputs.detectorAligned(detections);
            if (resolution != null) {
                inputs = inputs.bilinearFrom(resolution);
            }
            System.out.println("teacher " + id + " (" + id.description() + "), " + inputs.label() + ", pairs "
                    + set.pairs().file());
            TeacherEvaluation evaluation = new TeacherEvaluation(features, phase -> ProgressBar.onStderr(phase)::update);
            TeacherEvaluationResult r = evaluation.run(set, id, inputs);
            r.summary().forEach(System.out::println);
            if (!r.noFace().isEmpty()) {
                int shown = Math.min(10, r.noFace().size());
                for (int i = 0; i < shown; i++) {
                    System.out.println("    no face: " + r.noFace().get(i));
                }
                if (shown < r.noFace().size()) {
                    System.out.println("    ... and " + (r.noFace().size() - shown) + " more (see --json)");
                }
            }
            if (json != null) {
                AtomicFiles.writeString(json, r.toJsonString());
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** Fetches the packages the teacher (and detector alignment) needs when they are missing, with a bar. */
    private static void requireWeights(TeacherWeights weights, TeacherId id, TeacherInputs.Alignment align) {
        boolean needsHuman = id != TeacherId.C || align == TeacherInputs.Alignment.DETECTOR;
        boolean needsFaceApi = id != TeacherId.V;
        List<PinnedPackage> needed = new ArrayList<>();
        if (needsHuman) {
            needed.add(PinnedPackage.HUMAN);
        }
        if (needsFaceApi) {
            needed.add(PinnedPackage.FACE_API);
        }
        weights.require(needed, ProgressBar.teacherFetch());
    }
}
