package org.bridge.experiment.report;

import org.bridge.experiment.DegradedPairsVerification;
import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** One student over its seeds; {@code clean} and {@code degraded} have one value per seed. */
    public record Row(SeedGroup student, List<Long> seeds, double[] clean, double[] degraded) {

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
            for (RunGroup seed : g.seeds()) {
                degradedResult(seed).ifPresent(v -> {
                    seeds.add(seed.row().seed());
                    clean.add(seed.row().accuracy());
                    degraded.add(v.accuracy());
                });
            }
            if (!seeds.isEmpty()) {
                rows.add(new Row(g, seeds, toArray(clean), toArray(degraded)));
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
        header.add("Experiment");
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.student().student(), r.student().loss(), seedList(r.seeds()),
                    r.student().splits()));
            SeedsTable.add(cells, r.cleanAccuracy(), 100, 2, stdApart);
            SeedsTable.add(cells, r.degradedAccuracy(), 100, 2, stdApart);
            cells.add(String.format(Locale.ROOT, "%.2f", 100 * r.meanDrop()));
            cells.add(r.student().experiment());
            out.add(cells);
        }
        return new TextTable(TITLE, header, 4, out, List.of(
                "D(I): the paper's full degradation (landmark jitter, illumination, Gaussian and motion blur, noise, "
                        + "JPEG), one fixed perturbation per test face (seed " + DegradedPairsVerification.SEED
                        + "), the same faces for every student. Only seeds that measured both are counted; "
                        + "std is over seeds (n - 1)."));
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
