package org.bridge.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.bridge.experiment.figures.FigureStyle;
import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunCurves;
import org.bridge.experiment.report.RunGroup;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ROC curves (TPR against FPR) of results rows, overlaid in one JFreeChart. The data is read
 * with {@link #series} off the JavaFX thread; {@link #show} puts it into the chart.
 */
public final class RocChart {

    /** The smallest FPR a log axis shows; LFW's 3,000 mismatched pairs give steps of 1/3000. */
    static final double LOG_FLOOR = 1e-4;

    /** One curve: its legend text and its points. */
    public record Series(String key, String legend, double[] fpr, double[] tpr) {
    }

    private RocChart() {
    }

    /** Reads the row's curve from its run folders (file access: not on the JavaFX thread). */
    public static Series series(RunGroup group) {
        List<RunCurves.RocPoint> pts = RunCurves.roc(group);
        double[] fpr = new double[pts.size()];
        double[] tpr = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            fpr[i] = pts.get(i).fpr();
            tpr[i] = pts.get(i).tpr();
        }
        return new Series(group.key(), legend(group), fpr, tpr);
    }

    /** E.g. {@code S-16-c-O A+B: 87.67 ± 8.25 %, TPR@FPR=10% 68.00 %}. */
    public static String legend(RunGroup group) {
        ResultsTable.Row r = group.row();
        return String.format(Locale.ROOT, "%s: %.2f \u00b1 %.2f %%, TPR@FPR=10%% %.2f %%", group.label(),
                100 * r.accuracy(), 100 * r.accuracyStd(), 100 * r.tprAtFpr10());
    }

    public static JFreeChart create() {
        JFreeChart chart = ChartFactory.createXYLineChart("Verification: ROC", "False positive rate",
                "True positive rate", new XYSeriesCollection(), PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        FigureStyle.plotOnWhite(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(new BasicStroke(2f));
        plot.setRenderer(renderer);
        NumberAxis tpr = (NumberAxis) plot.getRangeAxis();
        tpr.setRange(0, 1.0);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        setLogX(chart, false, LOG_FLOOR);
        return chart;
    }

    /** Replaces the chart's curves; call on the thread that owns the chart (the JavaFX thread). */
    public static void show(JFreeChart chart, List<Series> curves, boolean logX) {
        XYSeriesCollection data = new XYSeriesCollection();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Series s : curves) {
            XYSeries xy = new XYSeries(SeriesNames.unique(used, s.key(), s.legend()), false, true);
            for (int i = 0; i < s.fpr().length; i++) {
                // A log axis cannot show FPR = 0: the curve starts at its first false positive.
                if (!logX || s.fpr()[i] > 0) {
                    xy.add(s.fpr()[i], s.tpr()[i], false);
                }
            }
            data.addSeries(xy);
        }
        setLogX(chart, logX, logFloor(curves));
        chart.getXYPlot().setDataset(data);
    }

    /** The decade just below the smallest non-zero FPR of the curves (at least {@link #LOG_FLOOR}). */
    static double logFloor(List<Series> curves) {
        double min = Double.POSITIVE_INFINITY;
        for (Series s : curves) {
            for (double f : s.fpr()) {
                if (f > 0 && f < min) {
                    min = f;
                }
            }
        }
        if (Double.isInfinite(min)) {
            return LOG_FLOOR; // nothing drawn yet
        }
        return Math.max(LOG_FLOOR, Math.pow(10, Math.floor(Math.log10(min) - 1e-9)));
    }

    /** Puts a linear FPR axis (0..1) or a log one (floor..1, one tick per decade) on the chart. */
    static void setLogX(JFreeChart chart, boolean logX, double floor) {
        XYPlot plot = chart.getXYPlot();
        plot.clearAnnotations();
        if (logX) {
            LogAxis log = new LogAxis("False positive rate (log scale)");
            log.setSmallestValue(floor);
            log.setAutoRange(false);
            log.setRange(floor, 1.0);
            log.setAutoTickUnitSelection(false);
            log.setTickUnit(new NumberTickUnit(1)); // LogAxis tick units count decades
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            log.setNumberFormatOverride(new DecimalFormat("0.#####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            plot.setDomainAxis(log);
        } else {
            NumberAxis lin = new NumberAxis("False positive rate");
            lin.setRange(0, 1.0);
            plot.setDomainAxis(lin);
            // Chance: a model that guesses gets TPR = FPR (a straight line only on a linear axis).
            plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f), Color.GRAY));
        }
    }

    /** True when the chart's FPR axis is logarithmic. */
    public static boolean isLogX(JFreeChart chart) {
        return chart.getXYPlot().getDomainAxis() instanceof LogAxis;
    }
}
