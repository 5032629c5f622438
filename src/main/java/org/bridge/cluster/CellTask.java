package org.bridge.cluster;

import java.io.Serializable;
import java.util.Map;

/**
 * One cell of an experiment, as sent to an executor: the experiment file's text (so executors
 * need not see the file), the cell, and where the driver found data, teachers and runs (paths on
 * a file system every machine shares).
 *
 * @param experimentFileName the file's name (an experiment without a "name" is named after it)
 * @param experimentJson     the experiment file's text
 * @param cellId             the cell's id within the experiment, e.g. {@code S-16-c-O_softmax_A_seed1}
 * @param runsDir            the shared runs folder
 * @param locations          Bridge's location properties ({@code bridge.data}, {@code bridge.teachers}, ...)
 * @param dl4jStatsEvery     DL4J training statistics every N iterations; 0: none
 */
public record CellTask(String experimentFileName, String experimentJson, String cellId, String runsDir,
                       Map<String, String> locations, int dl4jStatsEvery) implements Serializable {

    private static final long serialVersionUID = 1L;

    public CellTask {
        locations = Map.copyOf(locations);
    }
}
