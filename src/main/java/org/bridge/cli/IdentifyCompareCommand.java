package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.bridge.config.UserFacingException;
import org.bridge.experiment.report.IdentificationComparison;
import org.bridge.experiment.report.PairedComparison;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two sets of {@code identify --json} reports on the same probes (e.g. one student's seeds under
 * two face boxes, or two students), compared probe by probe: each side's top-1 per seed and the
 * paired difference with its 95% bootstrap interval.
 */
@Command(name = "identify-compare", mixinStandardHelpOptions = true,
        description = "Compares identify --json reports on the same probes: top-1 of each file (one per seed), "
                + "mean \u00b1 std, and the difference to the --baseline files with a 95%% interval from a paired "
                + "bootstrap over probes (seeds redrawn too).")
final class IdentifyCompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPORT", arity = "1..*", description = "identify --json reports, one per seed.")
    List<Path> reports;

    @Option(names = "--baseline", required = true, arity = "1..*", paramLabel = "REPORT",
            description = "The reports to compare against, one per seed.")
    List<Path> baseline;

    @Option(names = "--classifier", paramLabel = "softmax|ncm", defaultValue = "softmax",
            description = "Whose ranks: the softmax on frozen features (default) or the nearest class mean.")
    String classifier;

    /** One report's ranks, read strictly. */
    record Ranks(Path file, String label, int[] ranks, List<String> subjects) {
    }

    @Override
    public Integer call() {
        String key = switch (classifier.toLowerCase(Locale.ROOT)) {
            case "softmax" -> "softmax";
            case "ncm" -> "nearest_class_mean";
            default -> throw new UserFacingException("--classifier must be softmax or ncm, got '" + classifier + "'");
        };
        List<Ranks> first = read(reports, key);
        List<Ranks> second = read(baseline, key);
        Ranks reference = first.get(0);
        for (List<Ranks> side : List.of(first, second)) {
            for (Ranks r : side) {
                if (!r.subjects().equals(reference.subjects())) {
                    throw new UserFacingException(r.file() + " ranks other probes than " + reference.file()
                            + " (another folder, split or set of readable images): they cannot be paired");
                }
            }
        }
        IdentificationComparison.Side a = side(first);
        IdentificationComparison.Side b = side(second);
        PairedComparison.Difference d = IdentificationComparison.compare(a, b);
        System.out.printf(Locale.ROOT, "%s top-1 on %d probes (the same probes in every report):%n", classifier,
                reference.ranks().length);
        System.out.println("  " + line(first, a.top1PerSeed()));
        System.out.println("  baseline " + line(second, b.top1PerSeed()));
        System.out.println("  difference: " + d.formatted() + " points, " + d.verdict().text()
                + " (95% paired bootstrap over probes and seeds)");
        return 0;
    }

    private static IdentificationComparison.Side side(List<Ranks> reports) {
        return new IdentificationComparison.Side(reports.stream().map(Ranks::ranks).toList());
    }

    private static String line(List<Ranks> side, double[] top1) {
        List<String> labels = side.stream().map(Ranks::label).distinct().toList();
        StringBuilder seeds = new StringBuilder();
        double mean = 0;
        for (double t : top1) {
            seeds.append(seeds.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", 100 * t));
            mean += t / top1.length;
        }
        double var = 0;
        for (double t : top1) {
            var += (t - mean) * (t - mean);
        }
        double std = top1.length > 1 ? Math.sqrt(var / (top1.length - 1)) : 0;
        return String.format(Locale.ROOT, "%s: %s%%, mean %.2f \u00b1 %.2f%% (%d %s)", String.join(", ", labels), seeds,
                100 * mean, 100 * std, top1.length, top1.length == 1 ? "report" : "reports");
    }

    static List<Ranks> read(List<Path> files, String key) {
        List<Ranks> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f, key));
        }
        return out;
    }

    /** The ranks of classifier {@code key} in report {@code file}; every fault names the file. */
    static Ranks read(Path file, String key) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) {
                throw new UserFacingException(file + ": not an identify --json report (no JSON object)");
            }
            o = e.getAsJsonObject();
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new UserFacingException(file + ": malformed JSON: " + e.getMessage(), e);
        }
        if (!o.has(key) || !o.get(key).isJsonObject()) {
            throw new UserFacingException(file + ": not an identify --json report (no \"" + key + "\" object)");
        }
        JsonObject result = o.getAsJsonObject(key);
        if (!result.has("probe_ranks") || !result.has("probe_subjects")) {
            throw new UserFacingException(file + " has no per-probe ranks: it was written by an older identify; "
                    + "run identify --json again");
        }
        try {
            JsonArray r = result.getAsJsonArray("probe_ranks");
            JsonArray s = result.getAsJsonArray("probe_subjects");
            if (r.size() != s.size() || r.isEmpty()) {
                throw new UserFacingException(file + ": " + r.size() + " probe ranks for " + s.size() + " probe subjects");
            }
            int[] ranks = new int[r.size()];
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = r.get(i).getAsInt();
                if (ranks[i] < 1 || r.get(i).getAsDouble() != ranks[i]) {
                    throw new UserFacingException(file + ": probe_ranks[" + i + "] is " + r.get(i) + ", not a rank (1, 2, ...)");
                }
                subjects.add(s.get(i).getAsString());
            }
            return new Ranks(file, label(o), ranks, subjects);
        } catch (ClassCastException | IllegalStateException | NumberFormatException e) {
            throw new UserFacingException(file + ": probe_ranks / probe_subjects are malformed: " + e.getMessage(), e);
        }
    }

    /** E.g. "S-16-sc-E+pca (face box detector)", "S-16-sc-E+pca+flip (face box auto)". */
    static String label(JsonObject o) {
        String model = (o.has("model") ? o.get("model").getAsString() : "?")
                + (o.has("flip_average") && o.get("flip_average").getAsBoolean() ? "+flip" : "");
        String box = o.has("face_box") && o.get("face_box").isJsonObject() && o.getAsJsonObject("face_box").has("policy")
                ? " (face box " + o.getAsJsonObject("face_box").get("policy").getAsString() + ")" : "";
        return model + box;
    }
}
