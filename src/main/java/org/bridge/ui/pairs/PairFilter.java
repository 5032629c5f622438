package org.bridge.ui.pairs;

import java.util.function.Predicate;

import org.bridge.experiment.ScoredPair;

/** The Pairs tab's two filters: which pairs (by truth) and which verdicts (by outcome). */
final class PairFilter {

    enum Kind {
        ALL("All pairs"), MATCHED("Matched pairs (same person)"), MISMATCHED("Mismatched pairs");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    enum Outcome {
        ALL("All verdicts"), CORRECT("Correct verdicts"), WRONG("Wrong verdicts");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private PairFilter() {
    }

    static Predicate<ScoredPair> of(Kind kind, Outcome outcome) {
        Kind k = kind == null ? Kind.ALL : kind;
        Outcome o = outcome == null ? Outcome.ALL : outcome;
        return p -> (k == Kind.ALL || p.matched() == (k == Kind.MATCHED))
                && (o == Outcome.ALL || p.correct() == (o == Outcome.CORRECT));
    }
}
