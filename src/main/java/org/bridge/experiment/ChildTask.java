package org.bridge.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child JVM ({@link org.bridge.experiment.run.CellProcess}) runs. Its command line is written ({@link #args}) and read
 * ({@link #parse}) here only, so the parent and the child cannot disagree about it.
 */
public sealed interface ChildTask permits ChildTask.Cells, ChildTask.Queued {

    /** The runs folder the child writes into. */
    Path runs();

    /** How the child records its runs. */
    RunOptions options();

    /** The child's arguments after its main class. */
    List<String> args();

    /** The unfinished cells of an experiment file; empty lists mean every student, loss or split. */
    record Cells(Path experiment, Path runs, List<String> students, List<String> losses, List<String> splits,
                 RunOptions options) implements ChildTask {
        public Cells {
            students = List.copyOf(students);
            losses = List.copyOf(losses);
            splits = List.copyOf(splits);
        }

        /** Every cell of the file. */
        public Cells(Path experiment, Path runs, RunOptions options) {
            this(experiment, runs, List.of(), List.of(), List.of(), options);
        }

        /** The cells of one student, loss and split (all its seeds). */
        public static Cells of(Path experiment, Path runs, ExperimentCell cell, RunOptions options) {
            return new Cells(experiment, runs, List.of(cell.student().name()), List.of(cell.loss()),
                    List.of(cell.split()), options);
        }

        @Override
        public List<String> args() {
            List<String> a = new ArrayList<>(List.of(CELLS, experiment.toAbsolutePath().toString(),
                    RUNS, runs.toAbsolutePath().toString()));
            students.forEach(s -> a.addAll(List.of(STUDENT, s)));
            losses.forEach(s -> a.addAll(List.of(LOSS, s)));
            splits.forEach(s -> a.addAll(List.of(SPLIT, s)));
            a.addAll(options.commandLineArgs());
            return a;
        }
    }

    /** One run folder that waits (queued, cancelled or interrupted); a finished one is left alone. */
    record Queued(Path runs, Path folder, RunOptions options) implements ChildTask {
        @Override
        public List<String> args() {
            List<String> a = new ArrayList<>(List.of(QUEUED, folder.toAbsolutePath().toString(),
                    RUNS, runs.toAbsolutePath().toString()));
            a.addAll(options.commandLineArgs());
            return a;
        }
    }

    String CELLS = "cells";
    String QUEUED = "queued";
    String RUNS = "--runs";
    String STUDENT = "--student";
    String LOSS = "--loss";
    String SPLIT = "--split";

    /** Reads what {@link #args} wrote; anything else is refused with the offending argument named. */
    static ChildTask parse(List<String> args) {
        if (args.size() < 2 || !(args.get(0).equals(CELLS) || args.get(0).equals(QUEUED))) {
            throw new IllegalArgumentException("expected '" + CELLS + " FILE' or '" + QUEUED + " FOLDER', got " + args);
        }
        Path target = Path.of(args.get(1));
        Path runs = null;
        List<String> students = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        int statsEvery = 0;
        for (int i = 2; i < args.size(); i += 2) {
            String key = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + key + " has no value");
            }
            String value = args.get(i + 1);
            switch (key) {
                case RUNS -> runs = Path.of(value);
                case STUDENT -> students.add(value);
                case LOSS -> losses.add(value);
                case SPLIT -> splits.add(value);
                case RunOptions.DL4J_STATS_OPTION -> statsEvery = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        if (runs == null) {
            throw new IllegalArgumentException("missing " + RUNS);
        }
        RunOptions options = new RunOptions(statsEvery);
        if (args.get(0).equals(QUEUED)) {
            if (!students.isEmpty() || !losses.isEmpty() || !splits.isEmpty()) {
                throw new IllegalArgumentException("a queued folder takes no --student, --loss or --split");
            }
            return new Queued(runs, target, options);
        }
        return new Cells(target, runs, students, losses, splits, options);
    }
}
