package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.AtomicFiles;
import org.bridge.config.OutputPaths;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.IdentificationSubset;
import org.bridge.data.ImageDecoder;
import org.bridge.data.SkippedImages;
import org.bridge.eval.FolderIdentificationProtocol;
import org.bridge.eval.IdentificationReport;
import org.bridge.eval.SoftmaxClassifier;
import org.bridge.experiment.TrainedStudent;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Closed-set identification with a trained student on any folder-per-identity face set: "
                + "a softmax fine-tuned on the student's frozen features (the paper's UCCS protocol) and nearest "
                + "class mean; top-1, top-5 and the CMC curve.")
final class IdentifyCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A trained student's run folder.")
    Path model;

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

    @Option(names = "--resolution", paramLabel = "P", description = "Input size (default: the student's own).")
    Integer resolution;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (resolution != null) {
            OptionChecks.studentResolution("--resolution", resolution);
        }
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        TrainedStudent s = TrainedStudent.open(model);
        int p = resolution != null ? resolution : s.resolution();
        IdentificationSubset subset = source.folder != null
                ? FolderIdentificationProtocol.splitPerPerson(source.folder)
                : FolderIdentificationProtocol.galleryAndProbes(source.explicit.gallery, source.explicit.probe);
        IdentificationReport report = FolderIdentificationProtocol.run(subset, s.extractor(p), new ImageDecoder(),
                BadImagePolicy.SKIP, SoftmaxClassifier.Config.defaults(), (d, t) -> { });
        System.out.printf("%s at %dx%d: %d subjects with gallery and probe images, %d classes, %d gallery, "
                + "%d probe images%n", s.name(), p, p, report.subjects(), report.softmax().classes(),
                report.galleryImages(), report.softmax().probes());
        System.out.printf("  softmax on frozen features: top-1 %.2f%%, top-5 %.2f%%%n",
                100 * report.softmax().top1(), 100 * report.softmax().top5());
        System.out.printf("  nearest class mean:         top-1 %.2f%%, top-5 %.2f%%%n",
                100 * report.nearestClassMean().top1(), 100 * report.nearestClassMean().top5());
        for (String line : leftOutLines(report, json)) {
            System.out.println(line);
        }
        if (json != null) {
            com.google.gson.JsonObject o = report.toJson();
            o.addProperty("model", s.name());
            o.addProperty("run", model.toAbsolutePath().toString());
            o.addProperty("resolution", p);
            AtomicFiles.writeString(json, new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
        }
        return 0;
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
