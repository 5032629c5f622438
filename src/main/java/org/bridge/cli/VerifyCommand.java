package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import org.bridge.config.AtomicFiles;
import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceDataset;
import org.bridge.data.FacePair;
import org.bridge.data.ImageDecoder;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwFaceSet;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.eval.FolderVerificationProtocol;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.eval.SplitEvaluation;
import org.bridge.eval.VerificationResult;
import org.bridge.experiment.TrainedStudent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "LFW verification with a trained student on the target half of its split (the people it "
                + "never saw), or with a teacher baseline on the target half of --split: 10-fold protocol, "
                + "thresholds chosen on the other folds; plus identification. With --folder: verification on any "
                + "folder-per-identity set, its people dealt into people-disjoint folds as in LFW's View 2.")
final class VerifyCommand implements Callable<Integer> {

    static final class Scorer {
        @Option(names = "--model", required = true, paramLabel = "RUN", description = "A trained student's run folder.")
        Path model;

        @Option(names = "--teacher", required = true, paramLabel = "V|C|E",
                description = "A teacher baseline instead of a student: LFW's fixed teacher crops; with "
                        + "--resolution P, hallucinated from P x P (Table III's P-BI). Needs --split.")
        String teacher;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scorer scorer;

    @Option(names = "--split", paramLabel = "A|B", description = "With --teacher: the split whose target folds "
            + "to score (a student is scored on its own split's).")
    String split;

    @Option(names = "--hallucinate", paramLabel = "bilinear",
            description = "With --teacher and --resolution P: how the P x P face is brought back to the teacher's "
                    + "input (only 'bilinear', the default).")
    String hallucinate;

    @Option(names = "--lfw", paramLabel = "DIR", description = "LFW folder (default: $BRIDGE_LFW or ../shared/data/lfw).")
    Path lfw;

    @Option(names = "--resolution", paramLabel = "P", description = "A student's input size (default: its own); "
            + "a teacher's low resolution P of P-BI (default: full resolution).")
    Integer resolution;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Verify on this folder-per-identity set instead of LFW: pairs drawn per fold (seeded), "
                    + "people never in two folds, thresholds from the other folds.")
    Path folder;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "" + FolderVerificationProtocol.DEFAULT_FOLDS,
            description = "With --folder: number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--pairs-per-fold", paramLabel = "N", defaultValue = "" + FolderVerificationProtocol.DEFAULT_PAIRS_PER_FOLD,
            description = "With --folder: at most N/2 matched and as many mismatched pairs per fold (default: ${DEFAULT-VALUE}).")
    int pairsPerFold;

    @Option(names = "--pair-seed", paramLabel = "S", defaultValue = "1",
            description = "With --folder: seed of the folds and pairs (default: ${DEFAULT-VALUE}); the same seed gives the "
                    + "same pairs for every model, so scores compare pair by pair.")
    long pairSeed;

    @Option(names = "--face-box", paramLabel = "POLICY", defaultValue = "auto",
            converter = IdentifyCommand.FaceBoxPolicyConverter.class,
            description = "Where the face is in each image, as for identify: lfw, relative, whole, detector or "
                    + "auto (default; LFW's own box on LFW's 250x250 images). On LFW's pairs, detector shows what "
                    + "a detector's framing costs against the fixed box the students were trained with.")
    FaceBoxPolicy faceBox;

    @Option(names = "--flip-average", description = "Test-time flip averaging: each face's feature is the sum of the "
            + "unit features of its input and of the mirrored input (not the paper's protocol; two forward passes).")
    boolean flipAverage;

    @Option(names = "--grey", description = "Make every test face grey (BT.601 luma) after framing, before the "
            + "student sees it: how much a student trained on colour faces leans on colour (students only).")
    boolean grey;

    @Option(names = "--degraded", description = "Put every test face through the paper's full D(I) (jitter, "
            + "illumination, blur, noise, JPEG) once, with the fixed seed of the runs' degraded pairs, before the "
            + "student sees it: what its degraded-pairs numbers are made of, here with any other option (students only).")
    boolean degraded;

    private Recognizer.StudentView view() {
        return new Recognizer.StudentView(flipAverage, grey, degraded);
    }

    @Override
    public Integer call() throws IOException {
        boolean isTeacher = scorer.teacher != null;
        if (!isTeacher && (hallucinate != null || split != null)) {
            throw new UserFacingException((hallucinate != null ? "--hallucinate" : "--split") + " is for a teacher "
                    + "baseline (--teacher V|C|E); a student is scored on its own split at its --resolution");
        }
        if (isTeacher) {
            Recognizer.parseTeacher(scorer.teacher);
        }
        if (isTeacher && degraded) {
            throw new UserFacingException("--degraded is for students (a teacher's degraded baseline is "
                    + "--resolution P --hallucinate bilinear)");
        }
        if (isTeacher && grey) {
            throw new UserFacingException("--grey is for students (a teacher's grey baseline is ORL itself)");
        }
        if (folder != null) {
            return verifyFolder(isTeacher);
        }
        if (isTeacher && split == null) {
            throw new UserFacingException("--teacher needs --split A or B (whose target folds to score)");
        }
        if (isTeacher && flipAverage) {
            throw new UserFacingException("--flip-average is for students");
        }

        LfwBridgeProtocol.Split teacherSplit = isTeacher ? parseSplit(split) : null;
        if (isTeacher) {
            Recognizer.checkHallucination(resolution, hallucinate);
        } else if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        Path root = lfw != null ? lfw : BridgeLocations.fromSystem().lfwDir();
        if (!java.nio.file.Files.isRegularFile(root.resolve(LfwFaceSet.PAIRS))) {
            throw new UserFacingException("no LFW pairs.txt in " + root + " (give --lfw DIR or set BRIDGE_LFW)");
        }
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(LfwFaceSet.open(root));
        if (isTeacher) {
            try (Recognizer r = Recognizer.teacher(scorer.teacher, resolution, hallucinate, faceBox)) {
                report(r, protocol.split(teacherSplit), teacherSplit.name());
            }
        } else {
            TrainedStudent s = TrainedStudent.open(scorer.model);
            try (Recognizer r = Recognizer.student(s, scorer.model, resolution, faceBox, view())) {
                report(r, protocol.split(LfwBridgeProtocol.Split.valueOf(s.split())), s.split());
            }
        }
        return 0;
    }

    private int verifyFolder(boolean isTeacher) throws IOException {
        if (split != null) {
            throw new UserFacingException("--split chooses LFW pairs; with --folder the pairs come from the folder");
        }
        if (isTeacher) {
            Recognizer.checkHallucination(resolution, hallucinate);
        } else if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        List<FacePair> pairs = FolderVerificationProtocol.pairs(FaceDataset.readFolder(folder), folds, pairsPerFold,
                pairSeed);
        try (Recognizer r = isTeacher ? Recognizer.teacher(scorer.teacher, resolution, hallucinate, faceBox)
                : Recognizer.student(scorer.model, resolution, faceBox, view())) {
            VerificationResult v = FolderVerificationProtocol.run(folder.toString(), pairs, r.extractor(),
                    new ImageDecoder(), BadImagePolicy.SKIP, (d, t) -> { });
            long matched = pairs.stream().filter(FacePair::matched).count();
            System.out.printf(Locale.ROOT, "%s on %s: %d folds, %d pairs (%d matched), pair seed %d:%n",
                    r.description(), folder, folds, v.pairs(), matched, pairSeed);
            System.out.println("  face box: " + r.framing().describe());
            r.framing().upsampling().ifPresent(u -> System.out.println("  " + u));
            for (String line : IdentifyCommand.faceBoxWarning(r.framing(), Optional.empty())) {
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "  accuracy %.2f%% +- %.2f, AUC %.4f, TPR %.2f%% at FPR 10%%, %.2f%% at FPR 1%%%n",
                    100 * v.accuracy(), 100 * v.accuracyStd(), v.auc(), 100 * v.tprAtFpr10(), 100 * v.tprAtFpr1());
            if (json != null) {
                JsonObject o = v.toJson();
                r.json().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
                o.addProperty("folder", folder.toString());
                o.addProperty("folds", folds);
                o.addProperty("pair_seed", pairSeed);
                o.add("face_box", IdentifyCommand.faceBoxJson(r.framing(), Optional.empty()));
                AtomicFiles.writeString(json, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
            }
        }
        return 0;
    }

    private static LfwBridgeProtocol.Split parseSplit(String s) {
        try {
            return LfwBridgeProtocol.Split.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--split must be A or B, got '" + s + "'");
        }
    }

    private void report(Recognizer r, LfwBridgeProtocol.BridgeSplit split, String splitName) throws IOException {
        SplitEvaluation eval = SplitEvaluation.run(split, r.extractor(), new ImageDecoder(), BadImagePolicy.SKIP,
                SoftmaxClassifier.Config.defaults(), (d, t) -> { });
        VerificationResult v = eval.verificationResult();
        System.out.printf(Locale.ROOT, "%s on the target folds %s of split %s (%d pairs):%n", r.description(),
                split.targetFolds(), splitName, v.pairs());
        if (faceBox != FaceBoxPolicy.AUTO) {
            System.out.println("  face box: " + r.framing().describe());
        }
        r.framing().upsampling().ifPresent(u -> System.out.println("  " + u));
        System.out.printf(Locale.ROOT, "  accuracy %.2f%% +- %.2f, AUC %.4f, TPR %.2f%% at FPR 10%%, %.2f%% at FPR 1%%%n",
                100 * v.accuracy(), 100 * v.accuracyStd(), v.auc(), 100 * v.tprAtFpr10(), 100 * v.tprAtFpr1());
        System.out.printf(Locale.ROOT, "  identification (%d subjects): top-1 %.2f%%, top-5 %.2f%%%n",
                eval.identification().softmax().classes(), 100 * eval.identification().softmax().top1(),
                100 * eval.identification().softmax().top5());
        if (json != null) {
            JsonObject o = v.toJson();
            r.json().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            o.addProperty("split", splitName);
            o.addProperty("upsampled_images", r.framing().upsampled());
            o.add("face_box", IdentifyCommand.faceBoxJson(r.framing(), Optional.empty()));
            o.addProperty("top1", eval.identification().softmax().top1());
            o.addProperty("top5", eval.identification().softmax().top5());
            AtomicFiles.writeString(json, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
        }
    }
}
