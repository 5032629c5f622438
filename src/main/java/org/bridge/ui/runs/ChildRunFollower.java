package org.bridge.ui.runs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.google.gson.JsonObject;

import org.bridge.distill.StudentTrainingListener.EpochSummary;
import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStageFile;
import org.bridge.experiment.RunState;

/**
 * Follows a run that trains in a child JVM through its run folder and turns what it writes into
 * the {@link RunEvent}s an in-JVM run would send: new lines of {@code losses.csv} become
 * {@link RunEvent.Loss}, new rows of {@code epochs.csv} {@link RunEvent.Epoch}, and the stage the
 * child writes ({@link RunStageFile}) {@link RunEvent.Status}. Called from one polling thread;
 * a line the child is still writing waits for the next poll.
 */
final class ChildRunFollower {

    private static final String LOSSES_HEADER_START = "phase,";

    private final ExperimentCell cell;
    private final RunFolder folder;
    private final Consumer<RunEvent> sink;
    private long lossOffset;
    private long lastGlobalIteration = Long.MIN_VALUE;
    private int epochRows;
    private String lastStage;
    private double lastFraction = Double.NaN;
    private boolean started;

    ChildRunFollower(ExperimentCell cell, RunFolder folder, Consumer<RunEvent> sink) {
        this.cell = cell;
        this.folder = folder;
        this.sink = sink;
    }

    /** Removes the stage an earlier process left, before the child starts. */
    static void forgetOldStage(RunFolder folder) {
        try {
            Files.deleteIfExists(folder.file(RunStageFile.FILE));
        } catch (IOException e) {
            // shown until the child writes its own
        }
    }

    /**
     * Reads what the child wrote since the last poll and sends it on, starting with
     * {@link RunEvent.CellStarted} once the child has recorded the run RUNNING (as a run in this
     * JVM records it before it starts), so the queue re-read then shows it running.
     */
    synchronized void poll() {
        try {
            if (!started) {
                if (!Files.isRegularFile(folder.file(RunFolder.STATUS)) || folder.state() != RunState.RUNNING) {
                    return;
                }
                started = true;
                sink.accept(new RunEvent.CellStarted(cell, folder.dir()));
            }
            stage();
            losses();
            epochs();
        } catch (IOException | RuntimeException e) {
            // A file between two writes of the child: the next poll reads it.
        }
    }

    private void stage() {
        if (!Files.isRegularFile(folder.file(RunStageFile.FILE))) {
            return;
        }
        JsonObject o = folder.readJson(RunStageFile.FILE).orElse(null);
        if (o == null || !o.has("stage")) {
            return;
        }
        String stage = o.get("stage").getAsString();
        double fraction = o.has("fraction") && !o.get("fraction").isJsonNull() ? o.get("fraction").getAsDouble() : Double.NaN;
        if (!stage.equals(lastStage) || Double.compare(fraction, lastFraction) != 0) {
            lastStage = stage;
            lastFraction = fraction;
            sink.accept(new RunEvent.Status(cell, stage, fraction));
        }
    }

    private void losses() throws IOException {
        Path csv = folder.file(RunFolder.LOSSES);
        if (!Files.isRegularFile(csv)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(csv.toFile(), "r")) {
            long size = in.length();
            if (size < lossOffset) {
                lossOffset = 0; // rewritten: a resumed run dropped the rows of its interrupted epoch
            }
            if (size == lossOffset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(size - lossOffset, 64L << 20)];
            in.seek(lossOffset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) {
                return;
            }
            lossOffset += end + 1;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                LossPoint p = parseLoss(line);
                if (p != null && p.globalIteration() > lastGlobalIteration) {
                    lastGlobalIteration = p.globalIteration();
                    sink.accept(new RunEvent.Loss(cell, p));
                }
            }
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A losses.csv row (phase,epoch,iteration,global_iteration,total,classification,regression,learning_rate). */
    static LossPoint parseLoss(String line) {
        String[] f = line.strip().split(",", -1);
        if (f.length != 8 || line.startsWith(LOSSES_HEADER_START)) {
            return null;
        }
        try {
            return new LossPoint(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void epochs() throws IOException {
        Path csv = folder.file(RunFolder.EPOCHS);
        if (!Files.isRegularFile(csv)) {
            return;
        }
        List<EpochSummary> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            EpochSummary s = parseEpoch(line);
            if (s != null) {
                rows.add(s);
            }
        }
        if (rows.size() < epochRows) {
            epochRows = rows.size(); // rewritten by a resumed run
        }
        for (EpochSummary s : rows.subList(epochRows, rows.size())) {
            sink.accept(new RunEvent.Epoch(cell, s));
        }
        epochRows = rows.size();
    }

    /** An epochs.csv row (phase,epoch,epochs,seconds,samples_per_second,mean_total,mean_classification,mean_regression). */
    static EpochSummary parseEpoch(String line) {
        String[] f = line.strip().split(",", -1);
        if (f.length != 8 || line.startsWith(LOSSES_HEADER_START)) {
            return null;
        }
        try {
            return new EpochSummary(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[4]), null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
