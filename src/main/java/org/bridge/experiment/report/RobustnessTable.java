package org.bridge.experiment.report;

import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bridge.eval.Verification;
import org.bridge.eval.VerificationResult;
import org.bridge.eval.VerificationScores;

/**
 * Accuracy beside robustness: for every student, verification on its clean target pairs and on
 * the same pairs degraded by the paper's full D(I) ({@link DegradedPairsVerification}), mean ±
 * std over the seeds that measured both, and the drop between them. Splits are pooled as in the
 * students' table (each split with its own thresholds).
 */
public final class RobustnessTable {

    public static final String TITLE = "Robustness: verification on clean and on D(I)-degraded target pairs";

    /**
     * One student over its seeds; {@code clean} and {@code degraded} have one value per seed.
     * {@code faceSetTop1} holds, per face set the student was identified on ({@code identify
     * --into-run}), the top-1 of each of the row's runs that recorded it; {@code runs} counts them all.
     */
    public record Row(SeedGroup student, List<Long> seeds, double[] clean, double[] degraded,
                      Map<String, double[]> faceSetTop1, int runs) {

        public Row {
            faceSetTop1 = Map.copyOf(faceSetTop1);
        }

        public SeedGroup.Spread cleanAccuracy() {
            return SeedGroup.Spread.of(clean);
        }

        public SeedGroup.Spread degradedAccuracy() {
            return SeedGroup.Spread.of(degraded);
        }

        /** Mean over the seeds of (clean - degraded), in accuracy units. */
        public double meanDrop() {
            double s = 0;
            for (int i = 0; i < clean.length; i++) {
                s += clean[i] - degraded[i];
            }
            return s / clean.length;
        }
    }

    private final List<Row> rows;

    private RobustnessTable(List<Row> rows) {
        this.rows = rows;
    }

    /** Every student with at least one seed whose runs all have degraded-pair scores. */
    public static RobustnessTable of(List<RunRecord> records) {
        List<Row> rows = new ArrayList<>();
        for (SeedGroup g : SeedGroup.of(RunGroup.of(records))) {
            List<Long> seeds = new ArrayList<>();
            List<Double> clean = new ArrayList<>();
            List<Double> degraded = new ArrayList<>();
            Map<String, List<Double>> faceSets = new TreeMap<>();
            int runs = 0;
            for (RunGroup seed : g.seeds()) {
                Optional<VerificationResult> v = degradedResult(seed);
                if (v.isEmpty()) {
                    continue;
                }
                seeds.add(seed.row().seed());
                clean.add(seed.row().accuracy());
                degraded.add(v.get().accuracy());
                for (RunRecord r : seed.runs()) {
                    runs++;
                    for (String set : r.folder().identifiedFaceSets()) {
                        r.identificationTop1(set).ifPresent(t -> faceSets.computeIfAbsent(set, k -> new ArrayList<>()).add(t));
                    }
                }
            }
            if (!seeds.isEmpty()) {
                Map<String, double[]> top1 = new TreeMap<>();
                faceSets.forEach((set, values) -> top1.put(set, toArray(values)));
                rows.add(new Row(g, seeds, toArray(clean), toArray(degraded), top1, runs));
            }
        }
        return new RobustnessTable(rows);
    }

    /** The degraded-pairs verification of one results row, its splits pooled; empty if a run lacks it. */
    static Optional<VerificationResult> degradedResult(RunGroup row) {
        List<VerificationScores> halves = new ArrayList<>();
        for (RunRecord r : row.runs()) {
            Optional<VerificationScores> s = r.degradedPairScores();
            if (s.isEmpty()) {
                return Optional.empty();
            }
            halves.add(s.get());
        }
        return Optional.of(Verification.evaluate(halves));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public TextTable toTextTable(boolean stdApart) {
        List<String> header = new ArrayList<>(List.of("Model", "Loss", "Seeds", "Splits"));
        for (String m : List.of("Accuracy clean (%)", "Accuracy D(I) (%)")) {
            header.add(m);
            if (stdApart) {
                header.add(m.replace(" (%)", "") + " std (%)");
            }
        }
        header.add("Drop (points)");
        List<String> faceSets = faceSets();
        for (String set : faceSets) {
            String m = "Top-1 on " + set + " (%)";
            header.add(m);
            if (stdApart) {
                header.add(m.replace(" (%)", "") + " std (%)");
            }
            header.add("Identified on " + set);
        }
        header.add("Experiment");
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.student().student(), r.student().loss(), seedList(r.seeds()),
                    r.student().splits()));
            SeedsTable.add(cells, r.cleanAccuracy(), 100, 2, stdApart);
            SeedsTable.add(cells, r.degradedAccuracy(), 100, 2, stdApart);
            cells.add(String.format(Locale.ROOT, "%.2f", 100 * r.meanDrop()));
            for (String set : faceSets) {
                double[] top1 = r.faceSetTop1().get(set);
                SeedsTable.add(cells, top1 == null ? new SeedGroup.Spread(Double.NaN, Double.NaN, 0)
                        : SeedGroup.Spread.of(top1), 100, 2, stdApart);
                cells.add(top1 == null ? "0 of " + r.runs() + " runs" : top1.length + " of " + r.runs() + " runs");
            }
            cells.add(r.student().experiment());
            out.add(cells);
        }
        List<String> notes = new ArrayList<>(List.of(
                "D(I): the paper's full degradation (landmark jitter, illumination, Gaussian and motion blur, noise, "
                        + "JPEG), one fixed perturbation per test face (seed " + DegradedPairsVerification.SEED
                        + "), the same faces for every student. Only seeds that measured both are counted; "
                        + "std is over seeds (n - 1)."));
        if (!faceSets.isEmpty()) {
            notes.add("Top-1 on another face set: identify --model RUN --folder DIR --into-run (softmax on frozen "
                    + "features, one view, default face box), mean ± std over the runs that recorded it "
                    + "(each split's student is a run); compare two students with identify-compare on the files.");
        }
        return new TextTable(TITLE, header, 4, out, notes);
    }

    /** Every face set some row was identified on, sorted. */
    private List<String> faceSets() {
        TreeSet<String> sets = new TreeSet<>();
        rows.forEach(r -> sets.addAll(r.faceSetTop1().keySet()));
        return List.copyOf(sets);
    }

    private static String seedList(List<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        for (long s : seeds) {
            sb.append(sb.length() > 0 ? "," : "").append(s);
        }
        return sb.toString();
    }

    public String format(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return toTextTable("csv".equals(f)).format(f);
    }
}
