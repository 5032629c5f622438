package org.bridge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.SplitStatistics;
import org.bridge.data.LfwFaceSet;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "protocol", mixinStandardHelpOptions = true,
        description = "Print the splits of the LFW bridge protocol: split A = public folds 1-5 + no-fold people, "
                + "target folds 6-10; split B = the mirror.")
final class ProtocolCommand implements Callable<Integer> {

    @Option(names = "--lfw", paramLabel = "DIR",
            description = "LFW folder holding lfw-deepfunneled/ (or person folders) and pairs.txt "
                    + "(default: $BRIDGE_LFW or <data>/lfw).")
    Path lfw;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the numbers as JSON to this file.")
    Path json;

    @Override
    public Integer call() {
        if (json != null) {
            OutputPaths.requireWritableFile("--json", json);
        }
        Path dir = lfw != null ? lfw : BridgeLocations.fromSystem().lfwDir();
        LfwFaceSet set = LfwFaceSet.open(dir);
        LfwBridgeProtocol protocol = LfwBridgeProtocol.of(set);
        List<SplitStatistics> stats = protocol.splits().stream().map(LfwBridgeProtocol.BridgeSplit::statistics)
                .toList();

        System.out.printf("LFW bridge protocol on %s%n", dir);
        System.out.printf("  %,d people, %,d images; %d folds x (%d matched + %d mismatched) pairs; "
                        + "%,d people (%,d images) in no fold%n",
                set.dataset().people().size(), set.dataset().size(), set.pairs().folds(),
                set.pairs().pairsPerFold(), set.pairs().pairsPerFold(), protocol.noFoldPeople().size(),
                protocol.noFoldImages());
        for (SplitStatistics s : stats) {
            System.out.printf("split %s: public = folds %s + no-fold people, target = folds %s%n", s.split(),
                    range(s.publicFolds()), range(s.targetFolds()));
            System.out.printf("  public:         %,6d people, %,6d images, %,6d people with >= 2 images%n",
                    s.publicPeople(), s.publicImages(), s.publicPeopleWithTwoOrMoreImages());
            System.out.printf("  target:         %,6d pairs (%,d matched, %,d mismatched), %,d people, %,d images%n",
                    s.targetPairs(), s.targetMatchedPairs(), s.targetMismatchedPairs(), s.targetPeople(),
                    s.targetImages());
            System.out.printf("  identification: %,6d subjects (>= 5 images, at most 20 each), "
                            + "%,d gallery + %,d probe images%n",
                    s.identificationSubjects(), s.identificationGalleryImages(), s.identificationProbeImages());
        }
        if (json != null) {
            writeJson(set, protocol, stats);
            System.out.println("wrote " + json);
        }
        return 0;
    }

    private void writeJson(LfwFaceSet set, LfwBridgeProtocol protocol, List<SplitStatistics> stats) {
        JsonObject o = new JsonObject();
        o.addProperty("lfw", set.root().toString());
        o.addProperty("people", set.dataset().people().size());
        o.addProperty("images", set.dataset().size());
        o.addProperty("folds", set.pairs().folds());
        o.addProperty("pairs_per_fold", set.pairs().pairsPerFold());
        o.addProperty("no_fold_people", protocol.noFoldPeople().size());
        o.addProperty("no_fold_images", protocol.noFoldImages());
        JsonArray splits = new JsonArray();
        for (SplitStatistics s : stats) {
            JsonObject j = new JsonObject();
            j.addProperty("split", s.split());
            j.add("public_folds", ints(s.publicFolds()));
            j.add("target_folds", ints(s.targetFolds()));
            j.addProperty("public_people", s.publicPeople());
            j.addProperty("public_images", s.publicImages());
            j.addProperty("public_people_with_2_or_more_images", s.publicPeopleWithTwoOrMoreImages());
            j.addProperty("target_pairs", s.targetPairs());
            j.addProperty("target_matched_pairs", s.targetMatchedPairs());
            j.addProperty("target_mismatched_pairs", s.targetMismatchedPairs());
            j.addProperty("target_people", s.targetPeople());
            j.addProperty("target_images", s.targetImages());
            j.addProperty("identification_subjects", s.identificationSubjects());
            j.addProperty("identification_gallery_images", s.identificationGalleryImages());
            j.addProperty("identification_probe_images", s.identificationProbeImages());
            splits.add(j);
        }
        o.add("splits", splits);
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    private static JsonArray ints(List<Integer> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static String range(List<Integer> folds) {
        return folds.size() == 1 ? String.valueOf(folds.get(0)) : folds.get(0) + "-" + folds.get(folds.size() - 1);
    }
}
