package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import org.bridge.config.AtomicFiles;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.FaceRecord;
import org.bridge.data.IdentificationSubset;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.data.SkippedImages;
import org.bridge.degrade.FaceBoxPolicy;
import org.bridge.degrade.FaceFraming;
import org.bridge.eval.FolderIdentificationProtocol;
import org.bridge.eval.IdentificationReport;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.experiment.RunFolder;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Closed-set identification with a trained student or a teacher baseline on any "
                + "folder-per-identity face set: a softmax fine-tuned on the frozen features (the paper's UCCS "
                + "protocol) and nearest class mean; top-1, top-5 and the CMC curve. Images of any size and aspect "
                + "work: faces smaller than the input are up-sampled bilinearly (the output says how many).")
final class IdentifyCommand implements Callable<Integer> {

    static final class Scorer {
        @Option(names = "--model", required = true, paramLabel = "RUN", description = "A trained student's run folder.")
        Path model;

        @Option(names = "--teacher", required = true, paramLabel = "V|C|E",
                description = "A teacher baseline instead of a student: its fixed crops placed by the face box; "
                        + "with --resolution P, hallucinated from P x P (Table III's P-BI).")
        String teacher;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scorer scorer;

    @Option(names = "--hallucinate", paramLabel = "bilinear",
            description = "With --teacher and --resolution P: how the P x P face is brought back to the teacher's "
                    + "input (only 'bilinear', the default).")
    String hallucinate;

    static final class Source {
        @ArgGroup(exclusive = false)
        GalleryProbe explicit;

        @Option(names = "--folder", paramLabel = "DIR",
                description = "One folder per person: each person's first half of images is the gallery, the rest probes.")
        Path folder;
    }

    static final class GalleryProbe {
        @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "Gallery (training) folder per person.")
        Path gallery;

        @Option(names = "--probe", required = true, paramLabel = "DIR", description = "Probe folder per person.")
        Path probe;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--resolution", paramLabel = "P", description = "A student's input size (default: its own); "
            + "a teacher's low resolution P of P-BI (default: full resolution).")
    Integer resolution;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON.")
    Path json;

    @Option(names = "--face-box", paramLabel = "POLICY", defaultValue = "auto", converter = FaceBoxPolicyConverter.class,
            description = "The face square in each image: lfw (LFW's 250x250 box in pixels), relative (that box "
                    + "scaled to the image's size), whole (the whole image), detector (BlazeFace's eyes place LFW's "
                    + "box; the whole image where no face is found) or auto (default: lfw on 250x250 images, "
                    + "detector on others).")
    FaceBoxPolicy faceBox;

    @Option(names = "--flip-average", description = "Test-time flip averaging for a student: each face's feature "
            + "is the sum of the unit features of its input and of the mirrored input, in the gallery and the "
            + "probes (not the paper's protocol; two forward passes).")
    boolean flipAverage;

    @Option(names = "--into-run", description = "Also record the report in the student's run folder as "
            + "identification-<folder name>.json, where report's robustness table and archive find it (needs --model "
            + "of a finished run and --folder; the tables' protocol only: one view, the student's resolution, the "
            + "default face box).")
    boolean intoRun;

    /** Lower-case policy names on the command line; anything else names the choices. */
    static final class FaceBoxPolicyConverter implements CommandLine.ITypeConverter<FaceBoxPolicy> {
        @Override
        public FaceBoxPolicy convert(String value) {
            for (FaceBoxPolicy p : FaceBoxPolicy.values()) {
                if (p.label().equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a face box policy; use lfw, "
                    + "relative, whole, detector or auto");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (hallucinate != null && scorer.teacher == null) {
            throw new UserFacingException("--hallucinate is for a teacher baseline (--teacher V|C|E); a student "
                    + "sees its --resolution directly");
        }
        if (flipAverage && scorer.teacher != null) {
            throw new UserFacingException("--flip-average is for students");
        }
        if (scorer.teacher != null) {
            Recognizer.parseTeacher(scorer.teacher);
            Recognizer.checkHallucination(resolution, hallucinate);
        } else if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        Path recorded = intoRun ? recordedReport() : null;
        IdentificationSubset subset = source.folder != null
                ? FolderIdentificationProtocol.splitPerPerson(source.folder)
                : FolderIdentificationProtocol.galleryAndProbes(source.explicit.gallery, source.explicit.probe);
        try (Recognizer r = scorer.teacher != null ? Recognizer.teacher(scorer.teacher, resolution, hallucinate, faceBox)
                : Recognizer.student(scorer.model, resolution, faceBox,
                        new Recognizer.StudentView(flipAverage, false, false))) {
            report(r, subset, recorded);
        }
        return 0;
    }

    /**
     * Where {@code --into-run} records the report, after checking that it records the protocol the
     * tables compare (anything else would sit in a table beside reports of another kind).
     */
    private Path recordedReport() {
        if (scorer.model == null) {
            throw new UserFacingException("--into-run records a student's report in its run folder: use --model RUN");
        }
        if (source.folder == null) {
            throw new UserFacingException("--into-run names the face set by its folder: use --folder DIR");
        }
        if (flipAverage || resolution != null || faceBox != FaceBoxPolicy.AUTO) {
            throw new UserFacingException("--into-run records the tables' protocol only (one view, the student's own "
                    + "resolution, the default face box); leave out --flip-average, --resolution and --face-box, "
                    + "or write the report elsewhere with --json");
        }
        RunFolder run = new RunFolder(scorer.model);
        if (!run.isComplete()) {
            throw new UserFacingException("--into-run: " + scorer.model + " is not a finished run (no "
                    + RunFolder.RESULTS + ")");
        }
        Path folderName = source.folder.toAbsolutePath().normalize().getFileName();
        String faceSet = folderName == null ? "" : folderName.toString();
        try {
            return run.identificationFile(faceSet);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--into-run: the folder " + source.folder + " does not name a face set: "
                    + e.getMessage());
        }
    }

    private void report(Recognizer r, IdentificationSubset subset, Path recorded) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        IdentificationReport report = FolderIdentificationProtocol.run(subset, r.extractor(), decoder,
                BadImagePolicy.SKIP, SoftmaxClassifier.Config.defaults(), (d, t) -> { });
        FaceFraming.Tally framing = r.framing();
        Optional<Path> outsideExample = framing.outside() > 0
                ? firstImageWithBoxOutside(subset, r.freshFraming(), decoder)
                : Optional.empty();
        System.out.printf("%s: %d subjects with gallery and probe images, %d classes, %d gallery, "
                + "%d probe images%n", r.description(), report.subjects(), report.softmax().classes(),
                report.galleryImages(), report.softmax().probes());
        System.out.println("  face box: " + framing.describe());
        framing.upsampling().ifPresent(u -> System.out.println("  " + u));
        for (String line : faceBoxWarning(framing, outsideExample)) {
            System.out.println(line);
        }
        System.out.printf("  softmax on frozen features: top-1 %.2f%%, top-5 %.2f%%%n",
                100 * report.softmax().top1(), 100 * report.softmax().top5());
        System.out.printf("  nearest class mean:         top-1 %.2f%%, top-5 %.2f%%%n",
                100 * report.nearestClassMean().top1(), 100 * report.nearestClassMean().top5());
        for (String line : leftOutLines(report, json)) {
            System.out.println(line);
        }
        JsonObject o = report.toJson();
        r.json().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        o.add("face_box", faceBoxJson(framing, outsideExample));
        o.addProperty("folder", source.folder != null ? source.folder.toString() : source.explicit.probe.toString());
        String text = new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
        if (json != null) {
            AtomicFiles.writeString(json, text);
        }
        if (recorded != null) {
            AtomicFiles.writeString(recorded, text);
            System.out.println("  recorded in " + recorded);
        }
    }

    /**
     * The first gallery or probe image whose face box reaches outside it (the tally counts them;
     * this names one so the user can look), or empty when none of the readable ones does.
     */
    static Optional<Path> firstImageWithBoxOutside(IdentificationSubset subset, FaceFraming framing,
                                                   ImageDecoder decoder) {
        List<FaceRecord> all = new ArrayList<>(subset.gallery());
        all.addAll(subset.probes());
        for (FaceRecord r : all) {
            Optional<RgbImage> image = decoder.decode(r, BadImagePolicy.SKIP, new SkippedImages());
            if (image.isPresent() && framing.leavesImage(image.get())) {
                return Optional.of(r.file());
            }
        }
        return Optional.empty();
    }

    /** The warning that some face boxes left their image (edge pixels, not face, fed the student). */
    static List<String> faceBoxWarning(FaceFraming.Tally framing, Optional<Path> example) {
        if (framing.outside() == 0) {
            return List.of();
        }
        int n = framing.outside();
        String images = n + (n == 1 ? " image" : " images") + example.map(f -> " (e.g. " + f + ")").orElse("");
        if (framing.detected() > 0) {
            // Expected on tight crops: LFW's square holds some background around the face.
            return List.of("  note: LFW's face square around the detected face reaches outside " + images
                    + "; the crop repeats the image's edge pixels there");
        }
        return List.of("  warning: the face box reaches outside " + images
                + "; its edge pixels, not face, fill the student's input: try --face-box detector, whole or relative");
    }

    static JsonObject faceBoxJson(FaceFraming.Tally framing, Optional<Path> example) {
        JsonObject o = new JsonObject();
        o.addProperty("policy", framing.policy().label());
        o.addProperty("lfw_images", framing.lfw());
        o.addProperty("relative_images", framing.relative());
        o.addProperty("whole_images", framing.whole());
        o.addProperty("detector_images", framing.detected());
        o.addProperty("no_face_images", framing.noFace());
        o.addProperty("box_outside_image", framing.outside());
        example.ifPresent(f -> o.addProperty("box_outside_example", f.toString()));
        o.addProperty("upsampled_images", framing.upsampled());
        o.addProperty("needed_face_side", framing.neededSide());
        framing.upsampling().ifPresent(u -> o.addProperty("upsampling", u));
        return o;
    }

    /** At most this many unreadable images are named on the console; the JSON report has them all. */
    static final int LISTED_IMAGES = 20;

    /** The unreadable images (path and reason) and the subjects they cost; empty when every image was read. */
    static List<String> leftOutLines(IdentificationReport report, Path json) {
        List<String> lines = new ArrayList<>();
        List<SkippedImages.Entry> skipped = report.skipped();
        if (!skipped.isEmpty()) {
            lines.add("  skipped " + skipped.size() + " unreadable image" + (skipped.size() == 1 ? "" : "s") + ":");
            for (SkippedImages.Entry e : skipped.subList(0, Math.min(LISTED_IMAGES, skipped.size()))) {
                String file = e.file().toString();
                lines.add("    " + (e.reason().contains(file) ? e.reason() : file + ": " + e.reason()));
            }
            if (skipped.size() > LISTED_IMAGES) {
                lines.add("    and " + (skipped.size() - LISTED_IMAGES) + " more"
                        + (json != null ? " (all in " + json + ")" : " (--json OUT lists them all)"));
            }
        }
        for (IdentificationReport.LeftOutSubject subject : report.leftOut()) {
            lines.add("  left out: " + subject.subject() + ": " + subject.reason());
        }
        return lines;
    }
}
