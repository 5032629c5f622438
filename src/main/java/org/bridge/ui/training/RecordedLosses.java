package org.bridge.ui.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.experiment.RunFolder;

/**
 * The losses a run recorded in its {@code losses.csv}, as the Training tab's chart takes them
 * live: one point per iteration, and an epoch marker after the last iteration of each epoch.
 * Read off the JavaFX thread. A line still being appended (or otherwise malformed) is skipped.
 *
 * @param points    every readable line, in file order
 * @param epochEnds x of each epoch marker (last global iteration of the epoch + 0.5)
 */
record RecordedLosses(List<LossPoint> points, List<Double> epochEnds) {

    RecordedLosses {
        points = List.copyOf(points);
        epochEnds = List.copyOf(epochEnds);
    }

    /**
     * @param finished whether the run has ended, so its last epoch is complete and gets a marker
     */
    static RecordedLosses read(Path runFolder, boolean finished) {
        Path csv = runFolder.resolve(RunFolder.LOSSES);
        if (!Files.isRegularFile(csv)) {
            throw new UserFacingException(runFolder.getFileName() + " recorded no losses (" + RunFolder.LOSSES + ")");
        }
        List<LossPoint> points = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> names = header == null ? List.of() : Arrays.asList(header.trim().split(","));
            int phase = column(names, "phase", csv);
            int epoch = column(names, "epoch", csv);
            int iteration = column(names, "iteration", csv);
            int global = column(names, "global_iteration", csv);
            int total = column(names, "total", csv);
            int classification = column(names, "classification", csv);
            int regression = column(names, "regression", csv);
            int rate = column(names, "learning_rate", csv);
            LossPoint last = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != names.size()) {
                    continue;
                }
                LossPoint p;
                try {
                    p = new LossPoint(f[phase], Integer.parseInt(f[epoch]), Integer.parseInt(f[iteration]),
                            Long.parseLong(f[global]), Double.parseDouble(f[total]),
                            Double.parseDouble(f[classification]), Double.parseDouble(f[regression]),
                            Double.parseDouble(f[rate]));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (last != null && (last.epoch() != p.epoch() || !last.phase().equals(p.phase()))) {
                    ends.add(last.globalIteration() + 0.5);
                }
                points.add(p);
                last = p;
            }
            if (finished && last != null) {
                ends.add(last.globalIteration() + 0.5);
            }
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        return new RecordedLosses(points, ends);
    }

    /**
     * The points before global iteration {@code g} and the epoch markers before it: what a run
     * resumed at iteration {@code g} had recorded (later rows belong to the epoch it redoes).
     */
    RecordedLosses before(long g) {
        return new RecordedLosses(points.stream().filter(p -> p.globalIteration() < g).toList(),
                epochEnds.stream().filter(x -> x < g).toList());
    }

    private static int column(List<String> names, String name, Path csv) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new UserFacingException(csv + " has no column '" + name + "'");
        }
        return i;
    }
}
