package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bridge.config.UserFacingException;

/**
 * A run's training losses from its losses.csv, for overlaying the loss curves of several runs:
 * per global iteration the total, classification and regression loss (NaN where a phase does not
 * train one). Long files are thinned to at most {@code maxPoints} points, each the mean of a run
 * of consecutive iterations, so a chart of several full-LFW runs stays light. A line still being
 * written (or otherwise malformed) is skipped.
 */
public record RunLosses(String run, double[] iteration, double[] total, double[] classification, double[] regression) {

    /** Which loss a curve shows. */
    public enum Kind {
        TOTAL("total"), CLASSIFICATION("classification"), REGRESSION("regression");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        @Override
        public String toString() {
            return column;
        }
    }

    public static final int DEFAULT_MAX_POINTS = 2000;

    public double[] values(Kind kind) {
        return switch (kind) {
            case TOTAL -> total;
            case CLASSIFICATION -> classification;
            case REGRESSION -> regression;
        };
    }

    public int size() {
        return iteration.length;
    }

    public static RunLosses read(RunFolder folder, int maxPoints) {
        Path csv = folder.file(RunFolder.LOSSES);
        if (!Files.isRegularFile(csv)) {
            throw new UserFacingException(folder.id() + " recorded no losses (" + RunFolder.LOSSES + ")");
        }
        double[][] cols = new double[4][1024];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> names = header == null ? List.of() : Arrays.asList(header.trim().split(","));
            int[] at = {column(names, "global_iteration", csv), column(names, "total", csv),
                    column(names, "classification", csv), column(names, "regression", csv)};
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != names.size()) {
                    continue;
                }
                double[] v = new double[4];
                try {
                    for (int j = 0; j < 4; j++) {
                        v[j] = Double.parseDouble(f[at[j]]);
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                if (n == cols[0].length) {
                    for (int j = 0; j < 4; j++) {
                        cols[j] = Arrays.copyOf(cols[j], 2 * n);
                    }
                }
                for (int j = 0; j < 4; j++) {
                    cols[j][n] = v[j];
                }
                n++;
            }
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new UserFacingException(csv + " holds no loss rows yet");
        }
        int step = Math.max(1, (n + maxPoints - 1) / Math.max(1, maxPoints));
        int m = (n + step - 1) / step;
        double[][] out = new double[4][m];
        for (int i = 0; i < m; i++) {
            int from = i * step;
            int to = Math.min(n, from + step);
            for (int j = 0; j < 4; j++) {
                out[j][i] = mean(cols[j], from, to);
            }
        }
        return new RunLosses(folder.id(), out[0], out[1], out[2], out[3]);
    }

    /** The mean of the numbers in [from, to), NaN values left out; NaN when all are. */
    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i])) {
                sum += v[i];
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    private static int column(List<String> names, String name, Path csv) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new UserFacingException(csv + " line 1: no column '" + name + "'");
        }
        return i;
    }
}
