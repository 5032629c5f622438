package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.eval.Roc;
import org.bridge.eval.Verification;
import org.bridge.eval.VerificationScores;

/**
 * The curves of a results row, read from its run folders: the ROC (from {@code roc.csv}, or for a
 * full-LFW row from both halves' {@code pair-scores.csv} pooled exactly as {@link ResultsTable}
 * pools them) and the CMC (from {@code cmc.csv}; for two splits the mean per rank, as the table's
 * top-1 / top-5 are means).
 */
public final class RunCurves {

    /** One operating point of a ROC: accepting scores >= threshold gives these rates. */
    public record RocPoint(double fpr, double tpr, double threshold) {
    }

    /**
     * Identification accuracy by rank: {@code softmax[k-1]} is the fraction of probes whose true
     * identity is among the classifier's k best guesses.
     */
    public record Cmc(double[] softmax, double[] nearestClassMean) {

        public Cmc {
            if (softmax.length != nearestClassMean.length) {
                throw new IllegalArgumentException("CMC columns differ in length");
            }
        }

        public int ranks() {
            return softmax.length;
        }
    }

    private RunCurves() {
    }

    /** The row's ROC: one run's roc.csv, or the pooled pair scores of both halves. */
    public static List<RocPoint> roc(RunGroup group) {
        if (group.runs().size() == 1) {
            return readRoc(group.runs().get(0).folder().file(RunFolder.ROC));
        }
        List<VerificationScores> halves = new ArrayList<>();
        for (RunRecord r : group.runs()) {
            halves.add(r.pairScores());
        }
        Roc roc = Verification.evaluate(halves).roc();
        List<RocPoint> out = new ArrayList<>(roc.points().size());
        for (Roc.Point p : roc.points()) {
            out.add(new RocPoint(p.fpr(), p.tpr(), p.threshold()));
        }
        return out;
    }

    /** The row's CMC; with two splits the mean per rank over the ranks both have. */
    public static Cmc cmc(RunGroup group) {
        List<Cmc> curves = new ArrayList<>();
        int ranks = Integer.MAX_VALUE;
        for (RunRecord r : group.runs()) {
            Cmc c = readCmc(r.folder().file(RunFolder.CMC));
            curves.add(c);
            ranks = Math.min(ranks, c.ranks());
        }
        double[] softmax = new double[ranks];
        double[] ncm = new double[ranks];
        for (Cmc c : curves) {
            for (int k = 0; k < ranks; k++) {
                softmax[k] += c.softmax()[k] / curves.size();
                ncm[k] += c.nearestClassMean()[k] / curves.size();
            }
        }
        return new Cmc(softmax, ncm);
    }

    /** Reads {@code fpr,tpr,threshold} lines (the first point's threshold is Infinity). */
    public static List<RocPoint> readRoc(Path file) {
        List<String> lines = lines(file, "fpr,tpr,threshold");
        List<RocPoint> out = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            double[] v = numbers(file, i, lines.get(i), 3);
            if (!(v[0] >= 0 && v[0] <= 1 && v[1] >= 0 && v[1] <= 1)) {
                throw new UserFacingException(file + " line " + (i + 1) + ": rates must lie in 0..1: " + lines.get(i));
            }
            out.add(new RocPoint(v[0], v[1], v[2]));
        }
        if (out.isEmpty()) {
            throw new UserFacingException(file + ": no ROC points");
        }
        return out;
    }

    /** Reads {@code rank,softmax,nearest_class_mean} lines; ranks must run 1, 2, 3, ... */
    public static Cmc readCmc(Path file) {
        List<String> lines = lines(file, "rank,softmax,nearest_class_mean");
        double[] softmax = new double[lines.size() - 1];
        double[] ncm = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            double[] v = numbers(file, i, lines.get(i), 3);
            if (v[0] != i) {
                throw new UserFacingException(file + " line " + (i + 1) + ": expected rank " + i + ", found " + lines.get(i));
            }
            softmax[i - 1] = v[1];
            ncm[i - 1] = v[2];
        }
        if (softmax.length == 0) {
            throw new UserFacingException(file + ": no ranks");
        }
        return new Cmc(softmax, ncm);
    }

    private static List<String> lines(Path file, String header) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // Trailing blank lines are harmless; anything else must be data.
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(header)) {
            throw new UserFacingException(file + " line 1: expected header '" + header + "'");
        }
        return lines;
    }

    private static double[] numbers(Path file, int index, String line, int count) {
        String[] c = line.split(",");
        if (c.length != count) {
            throw new UserFacingException(file + " line " + (index + 1) + ": expected " + count + " fields, found "
                    + c.length);
        }
        double[] v = new double[count];
        for (int j = 0; j < count; j++) {
            try {
                v[j] = Double.parseDouble(c[j].trim());
            } catch (NumberFormatException e) {
                throw new UserFacingException(file + " line " + (index + 1) + ": not a number: '" + c[j] + "'", e);
            }
        }
        return v;
    }
}
