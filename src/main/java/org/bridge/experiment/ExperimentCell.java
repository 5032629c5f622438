package org.bridge.experiment;

/**
 * One run of an experiment: a student trained with one classification loss on one split with
 * one seed. Its id names its run folder, so a grid can be stopped and continued.
 */
public record ExperimentCell(String experiment, StudentSpec student, String loss, String split, long seed) implements RunCell {

    public String id() {
        return student.name() + "_" + loss + "_split" + split + "_seed" + seed;
    }
}
