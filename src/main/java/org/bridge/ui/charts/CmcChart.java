package org.bridge.ui.charts;

import java.awt.BasicStroke;
import java.util.List;
import java.util.Locale;

import org.bridge.experiment.figures.FigureStyle;
import org.bridge.experiment.report.RunCurves;
import org.bridge.experiment.report.RunGroup;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * CMC curves (identification accuracy at rank 1..K) of results rows, overlaid. Read with
 * {@link #series} off the JavaFX thread; {@link #show} puts the curves into the chart.
 */
public final class CmcChart {

    /** Which classifier's ranking: the paper's (softmax fine-tuned on frozen features) or the nearest class mean. */
    public enum Classifier {
        SOFTMAX("softmax on frozen features"), NEAREST_CLASS_MEAN("nearest class mean");

        private final String description;

        Classifier(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** One curve: {@code accuracy[k - 1]} is the top-k accuracy. */
    public record Series(String key, String legend, double[] accuracy) {
    }

    private CmcChart() {
    }

    /** Reads the row's CMC from its run folders (file access: not on the JavaFX thread). */
    public static Series series(RunGroup group, Classifier classifier) {
        RunCurves.Cmc cmc = RunCurves.cmc(group);
        double[] acc = classifier == Classifier.SOFTMAX ? cmc.softmax() : cmc.nearestClassMean();
        return new Series(group.key(), legend(group.label(), acc), acc);
    }

    /** E.g. {@code S-16-c-O A+B: top-1 80.0 %, top-5 98.8 %} (from the curve itself). */
    static String legend(String label, double[] accuracy) {
        return String.format(Locale.ROOT, "%s: top-1 %s, top-5 %s", label, pct(accuracy, 1), pct(accuracy, 5));
    }

    private static String pct(double[] accuracy, int rank) {
        return accuracy.length < rank ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * accuracy[rank - 1]);
    }

    public static JFreeChart create() {
        JFreeChart chart = ChartFactory.createXYLineChart("Identification: CMC", "Rank k",
                "Identification rate (top-k, %)", new XYSeriesCollection(), PlotOrientation.VERTICAL, true, true,
                false);
        XYPlot plot = chart.getXYPlot();
        FigureStyle.plotOnWhite(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(new BasicStroke(2f));
        plot.setRenderer(renderer);
        NumberAxis rank = (NumberAxis) plot.getDomainAxis();
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis rate = (NumberAxis) plot.getRangeAxis();
        rate.setRange(0, 100);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    /** Replaces the curves, showing ranks 1..maxRank (all when maxRank <= 0); on the chart's thread. */
    public static void show(JFreeChart chart, List<Series> curves, int maxRank) {
        XYSeriesCollection data = new XYSeriesCollection();
        int longest = 1;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Series s : curves) {
            XYSeries xy = new XYSeries(SeriesNames.unique(used, s.key(), s.legend()), false, false);
            int n = maxRank > 0 ? Math.min(maxRank, s.accuracy().length) : s.accuracy().length;
            for (int k = 1; k <= n; k++) {
                xy.add(k, 100 * s.accuracy()[k - 1], false);
            }
            longest = Math.max(longest, n);
            data.addSeries(xy);
        }
        XYPlot plot = chart.getXYPlot();
        // Few ranks: dots help to read the values; many: the line alone.
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(longest <= 30);
        plot.setDataset(data);
        ((NumberAxis) plot.getDomainAxis()).setRange(0.5, longest + 0.5);
    }
}
