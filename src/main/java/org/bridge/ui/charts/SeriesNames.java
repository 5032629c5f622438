package org.bridge.ui.charts;

import java.util.Set;

/** Legend names must be unique in a JFreeChart dataset; two experiments may hold the same student. */
final class SeriesNames {

    private SeriesNames() {
    }

    /**
     * {@code legend}, or when already used, the legend with the experiment (the first part of the
     * row key {@code experiment|student|loss|seed}) appended, then a counter.
     */
    static String unique(Set<String> used, String key, String legend) {
        String name = legend;
        if (used.contains(name)) {
            int bar = key.indexOf('|');
            name = legend + " [" + (bar > 0 ? key.substring(0, bar) : key) + "]";
        }
        String base = name;
        for (int i = 2; used.contains(name); i++) {
            name = base + " (" + i + ")";
        }
        used.add(name);
        return name;
    }
}
