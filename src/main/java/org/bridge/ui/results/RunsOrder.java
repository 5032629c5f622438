package org.bridge.ui.results;

/** Sort orders of the results table. */
final class RunsOrder {

    private RunsOrder() {
    }

    /** Numbers ascending, with missing values (NaN or null) after every number. */
    static int compareNumbers(Double a, Double b) {
        boolean na = a == null || a.isNaN();
        boolean nb = b == null || b.isNaN();
        if (na || nb) {
            return na == nb ? 0 : (na ? 1 : -1);
        }
        return Double.compare(a, b);
    }
}
