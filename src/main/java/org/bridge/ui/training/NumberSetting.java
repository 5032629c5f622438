package org.bridge.ui.training;

import java.util.Locale;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One numeric field of the experiment set-up as typed text, with the range the method allows.
 * The reason a value is refused is shown next to its control, so it is kept per field.
 */
public final class NumberSetting {

    private final String label;
    private final double min;
    private final boolean minInclusive;
    private final double max;
    private final boolean whole;
    private final StringProperty text = new SimpleStringProperty();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    private NumberSetting(String label, String initial, double min, boolean minInclusive, double max, boolean whole) {
        this.label = label;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.whole = whole;
        text.addListener((obs, old, now) -> problem.set(check(now)));
        text.set(initial);
    }

    /** A whole number in [min, max]. */
    public static NumberSetting whole(String label, long initial, long min, long max) {
        return new NumberSetting(label, Long.toString(initial), min, true, max, true);
    }

    /** A real number in [min, max]. */
    public static NumberSetting real(String label, double initial, double min, double max) {
        return new NumberSetting(label, format(initial), min, true, max, false);
    }

    /** A real number in (min, max]: for quantities that must be strictly positive. */
    public static NumberSetting positive(String label, double initial, double max) {
        return new NumberSetting(label, format(initial), 0, false, max, false);
    }

    public String label() {
        return label;
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Why the text is refused; empty when it is a valid value. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public boolean isValid() {
        return problem.get().isEmpty();
    }

    /** The value; only meaningful when {@link #isValid()}. */
    public double value() {
        String t = text.get() == null ? "" : text.get().trim();
        return whole ? Long.parseLong(t) : Double.parseDouble(t);
    }

    public int intValue() {
        return (int) value();
    }

    public long longValue() {
        return Long.parseLong(text.get().trim());
    }

    public void set(double value) {
        text.set(whole ? Long.toString((long) value) : format(value));
    }

    private String check(String raw) {
        String t = raw == null ? "" : raw.trim();
        if (t.isEmpty()) {
            return label + " is empty";
        }
        double v;
        try {
            v = whole ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return label + ": '" + t + "' is not " + (whole ? "a whole number" : "a number");
        }
        if (!Double.isFinite(v) || v > max || v < min || (!minInclusive && v == min)) {
            return label + " must be " + range() + ", not " + t;
        }
        return "";
    }

    private String range() {
        String lo = whole ? Long.toString((long) min) : format(min);
        String hi = whole ? Long.toString((long) max) : format(max);
        return minInclusive ? "from " + lo + " to " + hi : "above " + lo + " and at most " + hi;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
