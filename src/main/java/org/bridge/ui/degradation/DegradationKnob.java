package org.bridge.ui.degradation;

import org.bridge.degrade.DegradationSetting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One adjustable number of {@link org.bridge.degrade.DegradationParams}, as a slider shows it:
 * its {@link DegradationSetting} (which gives the range the parameter accepts), and the step a
 * slider drag snaps to.
 *
 * <p>The range is exactly the one the parameter's record validates, so a value loaded from a
 * file always fits the slider (a JavaFX slider would otherwise clamp it and silently change the
 * parameters). Only values that come from dragging are snapped to {@link #step()}; loaded
 * values are kept as written.
 */
public final class DegradationKnob {

    private final String section;
    private final DegradationSetting setting;
    private final String label;
    private final double step;
    private final String help;
    private final DoubleProperty value;

    DegradationKnob(String section, DegradationSetting setting, String label, double step, double initial, String help) {
        if (!(step > 0)) {
            throw new IllegalArgumentException(setting + ": bad step " + step);
        }
        this.section = section;
        this.setting = setting;
        this.label = label;
        this.step = step;
        this.help = help;
        this.value = new SimpleDoubleProperty(this, setting.path(), initial);
    }

    /** The group the knob is shown in (one step of the pipeline). */
    public String section() {
        return section;
    }

    /** The parameter of D(I) this knob sets. */
    public DegradationSetting setting() {
        return setting;
    }

    /** The parameter's path (node ids and messages are made from it). */
    public String key() {
        return setting.path();
    }

    public String label() {
        return label;
    }

    public double min() {
        return setting.min();
    }

    public double max() {
        return setting.max();
    }

    public double step() {
        return step;
    }

    /** What the parameter does, for a tooltip. */
    public String help() {
        return help;
    }

    /** Whether the parameter is a whole number (JPEG quality). */
    public boolean integer() {
        return step == Math.rint(step);
    }

    public DoubleProperty valueProperty() {
        return value;
    }

    public double get() {
        return value.get();
    }

    public void set(double v) {
        value.set(v);
    }

    /**
     * {@code raw} rounded to the nearest multiple of the step (as the nearest decimal, so that a
     * saved file says 0.3 and not 0.30000000000000004) and clamped to the range.
     */
    public double snap(double raw) {
        BigDecimal s = BigDecimal.valueOf(step);
        BigDecimal steps = BigDecimal.valueOf(raw).divide(s, 0, RoundingMode.HALF_UP);
        double v = steps.multiply(s).doubleValue();
        return Math.max(min(), Math.min(max(), v));
    }

    /**
     * The value with as many decimals as the step has; a value off the step grid (loaded from a
     * file) is shown in full, so the display never hides a difference.
     */
    public String format(double v) {
        if (snap(v) != v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
