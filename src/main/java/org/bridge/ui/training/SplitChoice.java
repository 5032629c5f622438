package org.bridge.ui.training;

import java.util.List;

/** Which halves of the LFW bridge protocol to run: split A, split B, or both (full LFW). */
public enum SplitChoice {
    A(List.of("A")),
    B(List.of("B")),
    BOTH(List.of("A", "B"));

    private final List<String> splits;

    SplitChoice(List<String> splits) {
        this.splits = splits;
    }

    public List<String> splits() {
        return splits;
    }
}
