package org.bridge.ui.results;

import java.util.Locale;

/** How the workbench writes numbers: fractions as percent, blanks for absent values. */
public final class Cells {

    private Cells() {
    }

    /** A fraction as percent with two decimals; empty for NaN. */
    public static String pct(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    /** Accuracy and standard deviation in percent: {@code 87.67 ± 8.25}. */
    public static String pctWithStd(double fraction, double std) {
        if (Double.isNaN(fraction)) {
            return "";
        }
        return Double.isNaN(std) ? pct(fraction) : pct(fraction) + " \u00b1 " + pct(std);
    }

    public static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Parameters as a whole number with thousands separators. */
    public static String count(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /**
     * The splits of a results row, marked {@code [leak]} when the row's settings were chosen on one
     * of its own target folds (as the report marks it; the "Settings chosen on" column says which).
     */
    public static String splits(org.bridge.experiment.report.ResultsTable.Row row) {
        return row.splits() + (row.protocol().leaks() ? " [leak]" : "");
    }
}
